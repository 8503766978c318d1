// Package drm issues signed content-key licenses. The token is consumed by our
// license proxy, which exchanges it with the Widevine/PlayReady/FairPlay servers.
package drm

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/flickstream/api/models"
	"github.com/flickstream/api/pkg/ids"
)

// Supported DRM systems.
const (
	Widevine  = "widevine"
	PlayReady = "playready"
	FairPlay  = "fairplay"
)

var (
	ErrUnsupportedSystem = errors.New("drm: unsupported system")
	ErrBadToken          = errors.New("drm: malformed token")
	ErrBadSignature      = errors.New("drm: bad signature")
	ErrExpired           = errors.New("drm: license expired")
)

// Claims is the signed license policy.
type Claims struct {
	LicenseID string `json:"lid"`
	SessionID string `json:"sid"`
	KeyID     string `json:"kid"`
	System    string `json:"sys"`
	HDCP      string `json:"hdcp"`
	MaxHeight int    `json:"mh"`
	Offline   bool   `json:"off"`
	Expires   int64  `json:"exp"`
}

// Issuer signs licenses.
type Issuer struct {
	key []byte
	ttl time.Duration
	now func() time.Time
}

// NewIssuer returns an Issuer.
func NewIssuer(signingKey string, ttl time.Duration) *Issuer {
	return &Issuer{key: []byte(signingKey), ttl: ttl, now: time.Now}
}

// HDCPFor returns the output-protection level required for a quality tier.
func HDCPFor(quality string) string {
	switch quality {
	case models.QualityUHD:
		return "2.2"
	case models.QualityHD:
		return "1.4"
	default:
		return "none"
	}
}

// Issue creates a license for a session.
func (i *Issuer) Issue(sessionID, keyID, system, quality string) (models.DRMLicense, error) {
	switch system {
	case Widevine, PlayReady, FairPlay:
	default:
		return models.DRMLicense{}, ErrUnsupportedSystem
	}
	exp := i.now().Add(i.ttl).UTC()
	c := Claims{
		LicenseID: ids.New(ids.License), SessionID: sessionID, KeyID: keyID, System: system,
		HDCP: HDCPFor(quality), MaxHeight: models.QualityMaxHeight[quality], Expires: exp.Unix(),
	}
	tok, err := i.sign(c)
	if err != nil {
		return models.DRMLicense{}, err
	}
	return models.DRMLicense{ID: c.LicenseID, SessionID: sessionID, System: system, KeyID: keyID, Token: tok, HDCP: c.HDCP, ExpiresAt: exp}, nil
}

func (i *Issuer) sign(c Claims) (string, error) {
	payload, err := json.Marshal(c)
	if err != nil {
		return "", err
	}
	p := base64.RawURLEncoding.EncodeToString(payload)
	m := hmac.New(sha256.New, i.key)
	m.Write([]byte(p))
	return p + "." + base64.RawURLEncoding.EncodeToString(m.Sum(nil)), nil
}

// Verify checks a token and returns its claims.
func (i *Issuer) Verify(token string) (Claims, error) {
	p, sig, ok := strings.Cut(token, ".")
	if !ok {
		return Claims{}, ErrBadToken
	}
	want := hmac.New(sha256.New, i.key)
	want.Write([]byte(p))
	got, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil || !hmac.Equal(got, want.Sum(nil)) {
		return Claims{}, ErrBadSignature
	}
	raw, err := base64.RawURLEncoding.DecodeString(p)
	if err != nil {
		return Claims{}, ErrBadToken
	}
	var c Claims
	if err := json.Unmarshal(raw, &c); err != nil {
		return Claims{}, ErrBadToken
	}
	if i.now().Unix() > c.Expires {
		return c, ErrExpired
	}
	return c, nil
}
