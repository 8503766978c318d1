// Package domain holds the receiving rules: over-receipt tolerance,
// discrepancy detection and ASN lifecycle.
package domain

import (
	"time"

	"shipwell.io/wms/pkg/apperr"
	"shipwell.io/wms/pkg/models"
)

// DiscrepancyKind classifies a difference between announced and received.
type DiscrepancyKind string

const (
	Short   DiscrepancyKind = "short"
	Over    DiscrepancyKind = "over"
	Damaged DiscrepancyKind = "damaged"
)

type Discrepancy struct {
	LineNo int             `json:"line_no"`
	SKU    string          `json:"sku"`
	Kind   DiscrepancyKind `json:"kind"`
	Qty    int             `json:"qty"`
}

// ValidateNew checks an ASN before it is stored.
func ValidateNew(a *models.ASN, now time.Time) error {
	if a.ClientID == "" || a.Reference == "" {
		return apperr.Invalid("client_id and reference are required")
	}
	if len(a.Lines) == 0 {
		return apperr.Invalid("ASN has no lines")
	}
	if a.ExpectedAt.Before(now.AddDate(0, 0, -30)) {
		return apperr.Invalid("expected date is more than 30 days in the past")
	}
	seen := map[int]bool{}
	for i := range a.Lines {
		l := &a.Lines[i]
		if l.LineNo == 0 {
			l.LineNo = i + 1
		}
		if seen[l.LineNo] {
			return apperr.Invalid("duplicate line %d", l.LineNo)
		}
		seen[l.LineNo] = true
		if l.SKU == "" || l.ExpectedQty <= 0 {
			return apperr.Invalid("line %d: sku and positive expected_qty required", l.LineNo)
		}
		l.ReceivedQty, l.DamagedQty = 0, 0
	}
	a.Status = models.ASNOpen
	return nil
}

// Receive records qty good and damaged units against a line, enforcing the
// client's over-receipt tolerance (percent of expected).
func Receive(a *models.ASN, lineNo, good, damaged, tolerancePct int) (*models.ASNLine, error) {
	if a.Status != models.ASNOpen && a.Status != models.ASNReceiving {
		return nil, apperr.Conflict("ASN %s is %s", a.ID, a.Status)
	}
	if good < 0 || damaged < 0 || good+damaged == 0 {
		return nil, apperr.Invalid("quantities must be positive")
	}
	for i := range a.Lines {
		l := &a.Lines[i]
		if l.LineNo != lineNo {
			continue
		}
		limit := l.ExpectedQty + l.ExpectedQty*tolerancePct/100
		if l.ReceivedQty+l.DamagedQty+good+damaged > limit {
			return nil, apperr.Conflict("line %d: receiving %d would exceed tolerance (%d of %d expected)",
				lineNo, good+damaged, limit, l.ExpectedQty)
		}
		l.ReceivedQty += good
		l.DamagedQty += damaged
		a.Status = models.ASNReceiving
		return l, nil
	}
	return nil, apperr.NotFound("ASN %s line %d", a.ID, lineNo)
}

// Discrepancies compares announced and received quantities.
func Discrepancies(a *models.ASN) []Discrepancy {
	var out []Discrepancy
	for _, l := range a.Lines {
		got := l.ReceivedQty + l.DamagedQty
		switch {
		case got < l.ExpectedQty:
			out = append(out, Discrepancy{l.LineNo, l.SKU, Short, l.ExpectedQty - got})
		case got > l.ExpectedQty:
			out = append(out, Discrepancy{l.LineNo, l.SKU, Over, got - l.ExpectedQty})
		}
		if l.DamagedQty > 0 {
			out = append(out, Discrepancy{l.LineNo, l.SKU, Damaged, l.DamagedQty})
		}
	}
	return out
}

// Close finishes receiving. Short ASNs may only be closed with force.
func Close(a *models.ASN, force bool, now time.Time) ([]Discrepancy, error) {
	if a.Status == models.ASNClosed || a.Status == models.ASNCancelled {
		return nil, apperr.Conflict("ASN %s already %s", a.ID, a.Status)
	}
	d := Discrepancies(a)
	for _, x := range d {
		if x.Kind == Short && !force {
			return d, apperr.Conflict("ASN %s is short on line %d; close with force", a.ID, x.LineNo)
		}
	}
	a.Status = models.ASNClosed
	a.ClosedAt = &now
	return d, nil
}

// Overdue reports whether an open ASN is more than grace past its date.
func Overdue(a *models.ASN, now time.Time, grace time.Duration) bool {
	return a.Status == models.ASNOpen && now.After(a.ExpectedAt.Add(grace))
}
