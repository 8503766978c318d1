// Package payouts runs the weekly driver payout cycle.
package payouts

import (
	"context"
	"log/slog"
	"time"

	appdriver "parcelgo.com/platform/application/driver"
	dp "parcelgo.com/platform/domain/payouts"
	"parcelgo.com/platform/infrastructure/bankfile"
	"parcelgo.com/platform/infrastructure/events"
	"parcelgo.com/platform/shared/errs"
	"parcelgo.com/platform/shared/ids"
	"parcelgo.com/platform/shared/money"
)

type Service struct {
	repo    dp.Repository
	drivers *appdriver.Service
	bank    *bankfile.Writer
	log     *slog.Logger
}

func NewService(repo dp.Repository, drivers *appdriver.Service, bank *bankfile.Writer, log *slog.Logger) *Service {
	return &Service{repo: repo, drivers: drivers, bank: bank, log: log}
}

// RunPeriod drafts a statement for every active driver with work or adjustments.
func (s *Service) RunPeriod(ctx context.Context, from, to time.Time) ([]dp.Statement, error) {
	if !to.After(from) {
		return nil, errs.Invalid("period end must be after start")
	}
	drivers, err := s.drivers.ActiveDrivers(ctx)
	if err != nil {
		return nil, err
	}
	var out []dp.Statement
	for _, d := range drivers {
		w, err := s.repo.Work(ctx, d.ID, from, to)
		if err != nil {
			return out, err
		}
		adj, err := s.repo.PendingAdjustments(ctx, d.ID, to)
		if err != nil {
			return out, err
		}
		if w.CompletedStops+w.FailedStops == 0 && w.ShiftMinutes == 0 && len(adj) == 0 {
			continue
		}
		terms := dp.Terms{DriverID: d.ID, Name: d.Name, IBAN: d.IBAN, Scheme: string(d.Scheme),
			RatePerStop: d.RatePerStop, HourlyRate: d.HourlyRate}
		st, err := dp.Compute(ids.New("pst"), terms, w, adj, from, to)
		if err != nil {
			s.log.Error("compute statement", "driver", d.ID, "err", err)
			continue
		}
		if err := s.repo.SaveStatement(ctx, st); err != nil {
			return out, err
		}
		out = append(out, st)
	}
	return out, nil
}

// Export builds the SEPA file for approved statements and marks them paid.
func (s *Service) Export(ctx context.Context, from, to, execDate time.Time) ([]byte, string, error) {
	approved, err := s.repo.Statements(ctx, from, to, dp.StatusApproved)
	if err != nil {
		return nil, "", err
	}
	batchID := "PAY" + execDate.Format("20060102") + "-" + ids.New("b")[2:10]
	payments := make([]bankfile.Payment, 0, len(approved))
	stIDs := make([]string, 0, len(approved))
	for _, st := range approved {
		payments = append(payments, bankfile.Payment{EndToEndID: st.ID, Name: st.DriverName, IBAN: st.IBAN,
			AmountCents: st.Net.Amount, Currency: st.Net.Currency,
			Remittance: "ParcelGo payout " + st.PeriodStart.Format("02 Jan") + " - " + st.PeriodEnd.Format("02 Jan 2006")})
		stIDs = append(stIDs, st.ID)
	}
	file, err := s.bank.Build(batchID, execDate, payments)
	if err != nil {
		return nil, "", err
	}
	if err := s.repo.MarkPaid(ctx, stIDs, batchID); err != nil {
		return nil, "", err
	}
	return file, batchID, nil
}

// OnClaimApproved deducts (capped) liability from the driver at fault.
func (s *Service) OnClaimApproved(ctx context.Context, e events.Event) error {
	var p events.ClaimApprovedPayload
	if err := e.Decode(&p); err != nil {
		return err
	}
	if !p.DriverAtFault || p.DriverID == "" {
		return nil
	}
	amt := money.Min(p.Amount, money.New(dp.ClaimDeductionCap, p.Amount.Currency))
	return s.repo.AddAdjustment(ctx, dp.Adjustment{DriverID: p.DriverID, Kind: dp.AdjClaim, Amount: amt.Neg(),
		Reason: "liability for claim " + p.ClaimID, Reference: "claim:" + p.ClaimID})
}
