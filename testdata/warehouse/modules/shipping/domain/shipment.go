// Package domain holds shipping rules: billable weight, rate selection and
// label preconditions.
package domain

import (
	"math"
	"sort"
	"time"

	"shipwell.io/wms/pkg/apperr"
	"shipwell.io/wms/pkg/models"
)

// DimDivisor is the parcel carriers' cm³ per kg for dimensional weight.
const DimDivisor = 5000.0

// BillableWeightG is the greater of actual and dimensional weight.
func BillableWeightG(d models.Dimensions) int {
	dim := int(math.Ceil(d.VolumeCM3() / DimDivisor * 1000))
	return max(dim, d.WeightG)
}

// IsLTL reports whether a shipment is too heavy for parcel.
func IsLTL(pkgs []models.Package) bool {
	total := 0
	for _, p := range pkgs {
		if p.Dims.WeightG > 68000 {
			return true // single piece over 150 lb
		}
		total += p.Dims.WeightG
	}
	return total > 300000
}

// ChooseRate picks the cheapest quote that still arrives by the deadline
// (business days counted naively as calendar days plus weekend). If none
// meets the deadline, the fastest quote wins.
func ChooseRate(quotes []models.RateQuote, shipBy, deliverBy time.Time) (models.RateQuote, error) {
	if len(quotes) == 0 {
		return models.RateQuote{}, apperr.Conflict("no carrier returned a rate")
	}
	qs := append([]models.RateQuote(nil), quotes...)
	sort.Slice(qs, func(i, j int) bool { return qs[i].Cost.Cents < qs[j].Cost.Cents })
	if deliverBy.IsZero() {
		return qs[0], nil
	}
	for _, q := range qs {
		if !arrival(shipBy, q.TransitDays).After(deliverBy) {
			return q, nil
		}
	}
	sort.Slice(qs, func(i, j int) bool { return qs[i].TransitDays < qs[j].TransitDays })
	return qs[0], nil
}

func arrival(from time.Time, days int) time.Time {
	t := from
	for days > 0 {
		t = t.AddDate(0, 0, 1)
		if t.Weekday() != time.Saturday && t.Weekday() != time.Sunday {
			days--
		}
	}
	return t
}

// ReadyForLabel validates a shipment before buying labels.
func ReadyForLabel(s *models.Shipment) error {
	if s.Status != models.ShipmentPending {
		return apperr.Conflict("shipment %s is %s", s.ID, s.Status)
	}
	if len(s.Packages) == 0 {
		return apperr.Invalid("shipment %s has no packages", s.ID)
	}
	for i, p := range s.Packages {
		if p.Dims.WeightG <= 0 {
			return apperr.Invalid("package %d has no weight", i+1)
		}
	}
	if s.ShipTo.PostalCode == "" || s.ShipTo.Country == "" {
		return apperr.Invalid("ship-to address incomplete")
	}
	return nil
}
