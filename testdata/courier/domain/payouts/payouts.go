// Package payouts computes what independent drivers are paid per period.
package payouts

import (
	"context"
	"time"

	"parcelgo.com/platform/shared/errs"
	"parcelgo.com/platform/shared/money"
)

const (
	FailedStopRateBps = 5000 // failed attempts pay half
	MaxDeductionBps   = 2000 // deductions may take at most 20% of gross
	ClaimDeductionCap = 5000 // per incident, minor units
)

// MinHourly is the statutory minimum an independent courier must earn per
// hour worked, in minor units.
var MinHourly = map[string]int64{"EUR": 1416, "GBP": 1144}

type Terms struct {
	DriverID    string
	Name        string
	IBAN        string
	Scheme      string
	RatePerStop money.Money
	HourlyRate  money.Money
}

type Work struct {
	CompletedStops int
	FailedStops    int
	ShiftMinutes   int
	Days           int
}

type AdjustmentKind string

const (
	AdjBonus      AdjustmentKind = "bonus"
	AdjDeduction  AdjustmentKind = "deduction"
	AdjClaim      AdjustmentKind = "claim_deduction"
	AdjCarryOver  AdjustmentKind = "carry_over"
	AdjCorrection AdjustmentKind = "correction"
)

type Adjustment struct {
	ID        string
	DriverID  string
	Kind      AdjustmentKind
	Amount    money.Money // negative for deductions
	Reason    string
	Reference string
	CreatedAt time.Time
}

type Line struct {
	Code   string      `json:"code"`
	Detail string      `json:"detail"`
	Amount money.Money `json:"amount"`
}

type Status string

const (
	StatusDraft    Status = "draft"
	StatusApproved Status = "approved"
	StatusPaid     Status = "paid"
)

type Statement struct {
	ID            string
	DriverID      string
	DriverName    string
	IBAN          string
	PeriodStart   time.Time
	PeriodEnd     time.Time
	Work          Work
	Lines         []Line
	Gross         money.Money
	Net           money.Money
	Status        Status
	AdjustmentIDs []string
	CarryOver     *Adjustment
	BatchID       string
}

// Compute builds a statement. Deductions beyond the cap are carried over
// to the next period as a new adjustment.
func Compute(id string, t Terms, w Work, adj []Adjustment, from, to time.Time) (Statement, error) {
	cur := t.RatePerStop.Currency
	if cur == "" {
		cur = t.HourlyRate.Currency
	}
	st := Statement{ID: id, DriverID: t.DriverID, DriverName: t.Name, IBAN: t.IBAN, PeriodStart: from, PeriodEnd: to,
		Work: w, Status: StatusDraft, Gross: money.Zero(cur)}
	add := func(code, detail string, m money.Money) {
		if m.IsZero() {
			return
		}
		st.Lines = append(st.Lines, Line{Code: code, Detail: detail, Amount: m})
	}
	hours := float64(w.ShiftMinutes) / 60
	switch t.Scheme {
	case "per_stop":
		stops := t.RatePerStop.Mul(int64(w.CompletedStops))
		failed := t.RatePerStop.Bps(FailedStopRateBps).Mul(int64(w.FailedStops))
		add("stops", "completed stops", stops)
		add("failed_stops", "failed attempts", failed)
		st.Gross = stops.Add(failed)
		if min, ok := MinHourly[cur]; ok {
			floor := money.New(min, cur).MulFloat(hours)
			if floor.Amount > st.Gross.Amount {
				add("minimum_topup", "statutory minimum top-up", floor.Sub(st.Gross))
				st.Gross = floor
			}
		}
	case "hourly":
		st.Gross = t.HourlyRate.MulFloat(hours)
		add("hours", "hours worked", st.Gross)
	default:
		return st, errs.Invalid("driver %s has unknown pay scheme %q", t.DriverID, t.Scheme)
	}

	net := st.Gross
	deductions := money.Zero(cur)
	for _, a := range adj {
		st.AdjustmentIDs = append(st.AdjustmentIDs, a.ID)
		if a.Amount.Amount >= 0 {
			add(string(a.Kind), a.Reason, a.Amount)
			net = net.Add(a.Amount)
			continue
		}
		deductions = deductions.Add(a.Amount)
	}
	limit := st.Gross.Bps(MaxDeductionBps).Neg()
	applied := deductions
	if deductions.Amount < limit.Amount {
		applied = limit
		rest := deductions.Sub(limit)
		st.CarryOver = &Adjustment{DriverID: t.DriverID, Kind: AdjCarryOver, Amount: rest,
			Reason: "deductions carried over from " + to.Format("2006-01-02")}
	}
	add("deductions", "deductions", applied)
	st.Net = net.Add(applied)
	return st, nil
}

type Repository interface {
	Work(ctx context.Context, driverID string, from, to time.Time) (Work, error)
	PendingAdjustments(ctx context.Context, driverID string, until time.Time) ([]Adjustment, error)
	AddAdjustment(ctx context.Context, a Adjustment) error
	SaveStatement(ctx context.Context, st Statement) error
	Statements(ctx context.Context, from, to time.Time, status Status) ([]Statement, error)
	MarkPaid(ctx context.Context, ids []string, batchID string) error
}
