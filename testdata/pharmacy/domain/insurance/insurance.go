// Package insurance models pharmacy benefit coverage and claims.
package insurance

import (
	"strings"
	"time"

	"rxnow.health/backend/kernel/errs"
	"rxnow.health/backend/kernel/money"
)

// Claim statuses.
const (
	ClaimPaid     = "paid"
	ClaimRejected = "rejected"
	ClaimReversed = "reversed"
	ClaimCash     = "cash" // no coverage; patient pays usual & customary
)

// Coverage is a patient's pharmacy benefit card.
type Coverage struct {
	ID          int64
	CustomerID  int64
	BIN         string
	PCN         string
	GroupID     string
	MemberID    string
	Cardholder  string
	Priority    int // 1 primary, 2 secondary
	OOPMax      money.Money
	Active      bool
	EffectiveOn time.Time
	TermOn      *time.Time
}

// Validate checks card fields.
func (c *Coverage) Validate() error {
	const op = "insurance.Coverage.Validate"
	c.BIN = strings.TrimSpace(c.BIN)
	if len(c.BIN) != 6 {
		return errs.Invalidf(op, "BIN must be 6 digits")
	}
	if strings.TrimSpace(c.MemberID) == "" {
		return errs.Invalidf(op, "member id is required")
	}
	if c.Priority != 1 && c.Priority != 2 {
		return errs.Invalidf(op, "priority must be 1 or 2")
	}
	return nil
}

// InForce reports whether the coverage applies on day.
func (c Coverage) InForce(day time.Time) bool {
	if !c.Active || day.Before(c.EffectiveOn) {
		return false
	}
	return c.TermOn == nil || day.Before(*c.TermOn)
}

// Claim is a submitted pharmacy claim (NCPDP B1).
type Claim struct {
	ID             int64
	OrderID        int64
	CoverageID     int64
	PrescriptionID int64
	NDC            string
	Quantity       int
	DaysSupply     int
	FillNumber     int
	Billed         money.Money
	PlanPaid       money.Money
	Copay          money.Money
	Status         string
	RejectCode     string
	AuthNumber     string
	SubmittedAt    time.Time
}

// Accumulator tracks a patient's out-of-pocket spend in a plan year.
type Accumulator struct {
	CoverageID int64
	PlanYear   int
	Spent      money.Money
}

// ApplyOOPMax caps the copay so the patient never exceeds the plan's
// out-of-pocket maximum; the difference shifts to the plan.
func ApplyOOPMax(copay, planPaid money.Money, acc Accumulator, max money.Money) (money.Money, money.Money) {
	if max.IsZero() {
		return copay, planPaid
	}
	room := max.Sub(acc.Spent)
	if room.IsNegative() {
		room = money.Zero
	}
	if copay.Less(room) || copay.Equal(room) {
		return copay, planPaid
	}
	shift := copay.Sub(room)
	return room, planPaid.Add(shift)
}

// Reject codes we see most often, with patient-friendly text.
var rejectReasons = map[string]string{
	"70": "product not covered by your plan",
	"75": "prior authorization required",
	"76": "plan limitations exceeded",
	"79": "refill too soon",
	"65": "patient not covered",
	"41": "submit bill to other processor",
	"MR": "product not on formulary",
}

// RejectReason explains a reject code.
func RejectReason(code string) string {
	if r, ok := rejectReasons[code]; ok {
		return r
	}
	return "claim rejected by plan (code " + code + ")"
}
