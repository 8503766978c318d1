// Package prescriptions models prescriptions, their fills and the
// prescribers who write them.
package prescriptions

import (
	"strings"
	"time"

	"rxnow.health/backend/kernel/errs"
)

// Status of a prescription.
type Status string

const (
	StatusReceived  Status = "received"  // uploaded / e-prescribed, not reviewed
	StatusVerified  Status = "verified"  // pharmacist approved
	StatusRejected  Status = "rejected"  // pharmacist rejected
	StatusExhausted Status = "exhausted" // no refills left
	StatusExpired   Status = "expired"
	StatusCancelled Status = "cancelled" // prescriber cancelled (CancelRx)
)

// Source of a prescription.
const (
	SourceERx      = "erx"
	SourceFax      = "fax"
	SourceTransfer = "transfer"
	SourceUpload   = "upload"
)

// Prescription is a prescriber's order for a patient.
type Prescription struct {
	ID                int64
	CustomerID        int64
	PrescriberID      int64
	ProductID         int64
	Drug              string
	Sig               string
	Quantity          int
	DaysSupply        int
	RefillsAuthorized int
	FillCount         int
	DispenseAsWritten bool
	Schedule          int
	Source            string
	Status            Status
	WrittenAt         time.Time
	ExpiresAt         time.Time
	VerifiedBy        string
	VerifiedAt        *time.Time
	RejectReason      string
	LastFilledAt      *time.Time
}

// Fill is one dispensing event.
type Fill struct {
	ID             int64
	PrescriptionID int64
	OrderID        int64
	Quantity       int
	DaysSupply     int
	FilledBy       string
	LotNumber      string
	FilledAt       time.Time
}

// ExpiryFor returns the legal expiry for a prescription: one year for
// non-controlled, six months for schedules III-V and 90 days for CII
// (several states; we apply the strictest rule nationally).
func ExpiryFor(written time.Time, schedule int) time.Time {
	switch {
	case schedule == 2:
		return written.AddDate(0, 0, 90)
	case schedule >= 3 && schedule <= 5:
		return written.AddDate(0, 6, 0)
	}
	return written.AddDate(1, 0, 0)
}

// Validate checks a new prescription.
func (p *Prescription) Validate(now time.Time) error {
	const op = "prescriptions.Validate"
	p.Drug = strings.TrimSpace(p.Drug)
	if p.CustomerID == 0 || p.PrescriberID == 0 || p.ProductID == 0 {
		return errs.Invalidf(op, "customer, prescriber and product are required")
	}
	if p.Quantity <= 0 || p.DaysSupply <= 0 {
		return errs.Invalidf(op, "quantity and days supply must be positive")
	}
	if p.DaysSupply > 90 {
		return errs.Invalidf(op, "days supply cannot exceed 90")
	}
	if p.WrittenAt.After(now) {
		return errs.Invalidf(op, "written date is in the future")
	}
	if p.Schedule == 2 && p.RefillsAuthorized > 0 {
		return errs.Invalidf(op, "schedule II prescriptions cannot have refills")
	}
	if p.Schedule >= 3 && p.Schedule <= 5 && p.RefillsAuthorized > 5 {
		return errs.Invalidf(op, "schedule III-V prescriptions allow at most 5 refills")
	}
	if p.Schedule == 2 && p.Source != SourceERx {
		return errs.Invalidf(op, "schedule II prescriptions must be electronically prescribed (EPCS)")
	}
	p.ExpiresAt = ExpiryFor(p.WrittenAt, p.Schedule)
	if !p.ExpiresAt.After(now) {
		return errs.Invalidf(op, "prescription already expired")
	}
	p.Status = StatusReceived
	return nil
}

// RefillsRemaining counts fills left. The original fill is not a refill.
func (p Prescription) RefillsRemaining() int {
	left := p.RefillsAuthorized + 1 - p.FillCount
	if left < 0 {
		return 0
	}
	return left
}

// EarliestRefill is when insurance and policy allow the next fill: after
// 80% of the previous days' supply (75% for non-controlled maintenance
// meds was tried in 2022 and reverted after PBM rejections).
func (p Prescription) EarliestRefill() time.Time {
	if p.LastFilledAt == nil {
		return time.Time{}
	}
	days := p.DaysSupply * 8 / 10
	return p.LastFilledAt.AddDate(0, 0, days)
}

// CanFill reports whether a fill may be dispensed now.
func (p Prescription) CanFill(now time.Time) error {
	const op = "prescriptions.CanFill"
	switch p.Status {
	case StatusVerified:
	case StatusReceived:
		return errs.Conflictf(op, "prescription %d awaits pharmacist verification", p.ID)
	default:
		return errs.Conflictf(op, "prescription %d is %s", p.ID, p.Status)
	}
	if !now.Before(p.ExpiresAt) {
		return errs.Conflictf(op, "prescription %d expired on %s", p.ID, p.ExpiresAt.Format(time.DateOnly))
	}
	if p.RefillsRemaining() == 0 {
		return errs.Conflictf(op, "prescription %d has no refills left", p.ID)
	}
	if e := p.EarliestRefill(); now.Before(e) {
		return errs.Conflictf(op, "too soon to refill prescription %d; eligible on %s", p.ID, e.Format(time.DateOnly))
	}
	return nil
}

// Verify marks the prescription as approved by a pharmacist.
func (p *Prescription) Verify(pharmacist string, now time.Time) error {
	if p.Status != StatusReceived {
		return errs.Conflictf("prescriptions.Verify", "cannot verify a %s prescription", p.Status)
	}
	p.Status = StatusVerified
	p.VerifiedBy = pharmacist
	p.VerifiedAt = &now
	return nil
}

// Reject marks the prescription as rejected.
func (p *Prescription) Reject(pharmacist, reason string, now time.Time) error {
	if p.Status != StatusReceived {
		return errs.Conflictf("prescriptions.Reject", "cannot reject a %s prescription", p.Status)
	}
	if strings.TrimSpace(reason) == "" {
		return errs.Invalidf("prescriptions.Reject", "a reason is required")
	}
	p.Status = StatusRejected
	p.VerifiedBy = pharmacist
	p.VerifiedAt = &now
	p.RejectReason = reason
	return nil
}

// RecordFill applies a fill to the prescription.
func (p *Prescription) RecordFill(f Fill) error {
	if err := p.CanFill(f.FilledAt); err != nil {
		return err
	}
	if f.Quantity > p.Quantity {
		return errs.Invalidf("prescriptions.RecordFill", "cannot dispense %d, prescribed %d", f.Quantity, p.Quantity)
	}
	p.FillCount++
	t := f.FilledAt
	p.LastFilledAt = &t
	if p.RefillsRemaining() == 0 {
		p.Status = StatusExhausted
	}
	return nil
}
