// Package addressing validates, normalises and geocodes delivery addresses
// and maps them to delivery zones. It has no application layer: the
// domain Service is called directly by handlers and by other contexts.
package addressing

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"regexp"
	"strings"
	"time"

	"parcelgo.com/platform/domain/model"
	"parcelgo.com/platform/shared/errs"
	"parcelgo.com/platform/shared/geo"
)

// MinConfidence below which a geocode is not trusted for routing.
const MinConfidence = 0.7

// Result of validating an address.
type Result struct {
	Address     model.Address `json:"address"`
	Point       geo.Point     `json:"point"`
	Confidence  float64       `json:"confidence"`
	ZoneCode    string        `json:"zone_code"`
	DepotID     string        `json:"depot_id"`
	Deliverable bool          `json:"deliverable"`
	Issues      []string      `json:"issues,omitempty"`
}

// Zone is a delivery area served from a depot.
type Zone struct {
	Code           string
	DepotID        string
	Country        string
	PostalPrefixes []string
	Serviceable    bool
	SameDay        bool
}

// Geocoder resolves an address to coordinates.
type Geocoder interface {
	Geocode(ctx context.Context, a model.Address) (geo.Point, float64, error)
}

// Repository caches geocodes and stores zones.
type Repository interface {
	CachedGeocode(ctx context.Context, key string) (geo.Point, float64, bool, error)
	StoreGeocode(ctx context.Context, key string, p geo.Point, confidence float64) error
	ZoneForPostalCode(ctx context.Context, country, postal string) (Zone, error)
	Zones(ctx context.Context, country string) ([]Zone, error)
}

var postalPatterns = map[string]*regexp.Regexp{
	"NL": regexp.MustCompile(`^[1-9][0-9]{3} ?[A-Z]{2}$`),
	"BE": regexp.MustCompile(`^[1-9][0-9]{3}$`),
	"DE": regexp.MustCompile(`^[0-9]{5}$`),
	"GB": regexp.MustCompile(`^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$`),
	"FR": regexp.MustCompile(`^[0-9]{5}$`),
}

var spaces = regexp.MustCompile(`\s+`)

// Normalize canonicalises casing and whitespace.
func Normalize(a model.Address) model.Address {
	clean := func(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(s, " ")) }
	a.Line1, a.Line2, a.City = clean(a.Line1), clean(a.Line2), clean(a.City)
	a.Country = strings.ToUpper(clean(a.Country))
	a.PostalCode = strings.ToUpper(clean(a.PostalCode))
	if a.Country == "NL" && len(a.PostalCode) == 6 {
		a.PostalCode = a.PostalCode[:4] + " " + a.PostalCode[4:]
	}
	return a
}

// ValidPostalCode checks the country's format; unknown countries pass.
func ValidPostalCode(country, code string) bool {
	re, ok := postalPatterns[country]
	return !ok || re.MatchString(code)
}

// CacheKey identifies a normalised address.
func CacheKey(a model.Address) string {
	h := sha1.Sum([]byte(strings.ToLower(a.Line1 + "|" + a.PostalCode + "|" + a.Country)))
	return hex.EncodeToString(h[:])
}

// Service is the addressing context's public API.
type Service struct {
	geocoder Geocoder
	repo     Repository
	timeout  time.Duration
}

func NewService(g Geocoder, r Repository) *Service {
	return &Service{geocoder: g, repo: r, timeout: 3 * time.Second}
}

// Validate normalises, checks, geocodes and zones an address.
func (s *Service) Validate(ctx context.Context, in model.Address) (Result, error) {
	a := Normalize(in)
	res := Result{Address: a}
	if a.Line1 == "" || a.City == "" || a.Country == "" {
		return res, errs.Invalid("line1, city and country are required")
	}
	if !ValidPostalCode(a.Country, a.PostalCode) {
		res.Issues = append(res.Issues, "postal code format invalid for "+a.Country)
		return res, nil
	}
	if strings.Contains(strings.ToUpper(a.Line1), "PO BOX") || strings.Contains(strings.ToUpper(a.Line1), "POSTBUS") {
		res.Issues = append(res.Issues, "PO boxes cannot receive courier deliveries")
		return res, nil
	}

	zone, err := s.repo.ZoneForPostalCode(ctx, a.Country, a.PostalCode)
	switch {
	case errs.IsNotFound(err):
		res.Issues = append(res.Issues, "outside delivery area")
		return res, nil
	case err != nil:
		return res, err
	}
	res.ZoneCode, res.DepotID = zone.Code, zone.DepotID
	if !zone.Serviceable {
		res.Issues = append(res.Issues, "zone "+zone.Code+" temporarily not serviceable")
	}

	key := CacheKey(a)
	p, conf, hit, err := s.repo.CachedGeocode(ctx, key)
	if err != nil {
		return res, err
	}
	if !hit {
		gctx, cancel := context.WithTimeout(ctx, s.timeout)
		p, conf, err = s.geocoder.Geocode(gctx, a)
		cancel()
		if err != nil {
			res.Issues = append(res.Issues, "geocoding unavailable")
			return res, nil
		}
		if err := s.repo.StoreGeocode(ctx, key, p, conf); err != nil {
			return res, err
		}
	}
	res.Point, res.Confidence = p, conf
	res.Address.Lat, res.Address.Lng = p.Lat, p.Lng
	if conf < MinConfidence || !p.Valid() {
		res.Issues = append(res.Issues, "address could not be located precisely")
	}
	res.Deliverable = len(res.Issues) == 0
	res.Address.Validated = res.Deliverable
	return res, nil
}
