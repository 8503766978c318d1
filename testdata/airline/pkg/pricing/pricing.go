// Package pricing quotes fares for itineraries.
package pricing

import (
	"context"
	"database/sql"
	"net/http"
	"time"

	"skyhop.aero/backend/pkg/core"
	"skyhop.aero/backend/pkg/core/farecalc"
	"skyhop.aero/backend/pkg/models"
	"skyhop.aero/backend/pkg/platform/errs"
	"skyhop.aero/backend/pkg/platform/httpx"
	"skyhop.aero/backend/pkg/platform/ids"
	"skyhop.aero/backend/pkg/platform/money"
	"skyhop.aero/backend/pkg/pricing/store"
	"skyhop.aero/backend/pkg/pricing/taxes"
	"skyhop.aero/backend/pkg/schedule/inventory"
)

// QuoteTTL is how long a quote can be redeemed by a booking.
const QuoteTTL = 20 * time.Minute

// Request asks for a price for one direction of travel.
type Request struct {
	Flights    []models.FlightSummary `json:"flights"`
	Passengers []models.PassengerType `json:"passengers"`
	Class      string                 `json:"class,omitempty"` // empty: cheapest available
	Available  map[string]int         `json:"-"`               // availability of the first flight, filled by caller
}

type Service struct {
	Store *store.Store
	Now   func() time.Time
}

func New(d *sql.DB) *Service { return &Service{Store: store.New(d), Now: time.Now} }

// Quote prices the request using the cheapest fare whose class still has
// seats for every seated passenger, applies demand surcharges and taxes,
// and stores the quote.
func (s *Service) Quote(ctx context.Context, req Request) (models.FareQuote, error) {
	if len(req.Flights) == 0 || len(req.Passengers) == 0 {
		return models.FareQuote{}, errs.Invalid("pricing.quote", "flights and passengers are required")
	}
	first, last := req.Flights[0], req.Flights[len(req.Flights)-1]
	fares, err := s.Store.Fares(ctx, first.Origin, last.Destination, first.DepartureUTC)
	if err != nil {
		return models.FareQuote{}, err
	}
	seated := 0
	for _, p := range req.Passengers {
		if p != models.Infant {
			seated++
		}
	}
	now := s.Now()
	var chosen *store.Fare
	for i := range fares {
		f := &fares[i]
		if req.Class != "" && f.BookingClass != req.Class {
			continue
		}
		if f.AdvanceDays > 0 && first.DepartureUTC.Sub(now) < time.Duration(f.AdvanceDays)*24*time.Hour {
			continue
		}
		if req.Available != nil && req.Available[f.BookingClass] < seated {
			continue
		}
		chosen = f
		break
	}
	if chosen == nil {
		return models.FareQuote{}, errs.Conflict("pricing.quote", "no fare available %s-%s", first.Origin, last.Destination)
	}
	adult := chosen.Amount
	lf, err := s.Store.LoadFactor(ctx, first.FlightID)
	if err != nil {
		return models.FareQuote{}, err
	}
	adult = adult.Add(adult.MulPercent(DemandSurchargePct(lf)))

	rates, err := s.Store.TaxRates(ctx, airports(req.Flights))
	if err != nil {
		return models.FareQuote{}, err
	}
	legs := make([]taxes.Leg, len(req.Flights))
	for i, f := range req.Flights {
		legs[i] = taxes.Leg{Origin: f.Origin, Destination: f.Destination, Domestic: domestic(f.Origin, f.Destination)}
	}
	base, tax := money.Zero(adult.Currency), money.Zero(adult.Currency)
	for _, p := range req.Passengers {
		b := farecalc.ForPassengerType(adult, string(p))
		base = base.Add(b)
		tax = tax.Add(taxes.Sum(taxes.Compute(rates, legs, b, p == models.Infant), adult.Currency))
	}
	q := models.FareQuote{
		QuoteID:      ids.New(),
		FareBasis:    core.FareBasis(chosen.BookingClass, chosen.RoundTrip, first.Carrier, chosen.Refundable),
		BookingClass: chosen.BookingClass,
		Base:         base,
		Taxes:        tax,
		Total:        base.Add(tax),
		Refundable:   chosen.Refundable,
		ChangeFee:    chosen.ChangeFee,
		BagsIncluded: chosen.BagsIncluded,
		ExpiresAt:    now.Add(QuoteTTL),
	}
	fl := make([]int64, len(req.Flights))
	for i, f := range req.Flights {
		fl[i] = f.FlightID
	}
	if err := s.Store.SaveQuote(ctx, q, fl, len(req.Passengers)); err != nil {
		return models.FareQuote{}, err
	}
	return q, nil
}

// Redeem returns a stored, unexpired quote and the flights it was made for.
func (s *Service) Redeem(ctx context.Context, quoteID string) (models.FareQuote, []int64, error) {
	q, fl, err := s.Store.Quote(ctx, quoteID)
	if err != nil {
		return q, nil, err
	}
	if s.Now().After(q.ExpiresAt) {
		return q, nil, errs.Conflict("pricing.redeem", "quote %s expired", quoteID)
	}
	return q, fl, nil
}

// DemandSurchargePct is the revenue team's load-factor curve.
func DemandSurchargePct(loadFactor float64) float64 {
	switch {
	case loadFactor >= 0.95:
		return 35
	case loadFactor >= 0.85:
		return 20
	case loadFactor >= 0.70:
		return 8
	}
	return 0
}

var countryOf = map[string]string{"OSL": "NO", "BGO": "NO", "TRD": "NO", "SVG": "NO", "TOS": "NO", "BOO": "NO",
	"CPH": "DK", "BLL": "DK", "ARN": "SE", "GOT": "SE", "HEL": "FI", "KEF": "IS", "ABZ": "GB"}

func domestic(a, b string) bool { return countryOf[a] != "" && countryOf[a] == countryOf[b] }

func airports(fs []models.FlightSummary) []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range fs {
		for _, a := range []string{f.Origin, f.Destination} {
			if !seen[a] {
				seen[a] = true
				out = append(out, a)
			}
		}
	}
	return out
}

// Handler exposes quoting for the sales channels.
type Handler struct {
	Svc       *Service
	Inventory *inventory.Service
}

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /quotes", func(w http.ResponseWriter, r *http.Request) {
		var req Request
		if err := httpx.Decode(r, &req); err != nil {
			httpx.Error(w, r, err)
			return
		}
		if len(req.Flights) > 0 {
			av, err := h.Inventory.Availability(r.Context(), req.Flights[0].FlightID)
			if err != nil {
				httpx.Error(w, r, err)
				return
			}
			req.Available = av.Classes
		}
		q, err := h.Svc.Quote(r.Context(), req)
		if err != nil {
			httpx.Error(w, r, err)
			return
		}
		httpx.JSON(w, http.StatusOK, q)
	})
}
