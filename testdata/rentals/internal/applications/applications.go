// Package applications handles rental applications from submission to decision.
package applications

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/keystoneprop/platform/internal/db"
	"github.com/keystoneprop/platform/internal/errs"
	"github.com/keystoneprop/platform/internal/events"
	"github.com/keystoneprop/platform/internal/ids"
	"github.com/keystoneprop/platform/internal/leases"
	"github.com/keystoneprop/platform/internal/listings"
	"github.com/keystoneprop/platform/internal/models"
	"github.com/keystoneprop/platform/internal/money"
	"github.com/keystoneprop/platform/internal/notify"
	"github.com/keystoneprop/platform/internal/payments"
	"github.com/keystoneprop/platform/internal/screening"
)

// Fee is the application fee; several states cap it, see feeCap.
const Fee money.Cents = 4500

var feeCap = map[string]money.Cents{"CA": 5993, "OR": 4000, "WA": 4000}

type Service struct {
	conn      *sql.DB
	listings  *listings.Service
	screening *screening.Service
	payments  *payments.Service
	leases    *leases.Service
	notify    *notify.Service
}

func NewService(conn *sql.DB, l *listings.Service, s *screening.Service, p *payments.Service, ls *leases.Service, n *notify.Service) *Service {
	return &Service{conn: conn, listings: l, screening: s, payments: p, leases: ls, notify: n}
}

const cols = `id, listing_id, unit_id, applicant_name, email, phone, monthly_income_cents, ssn_last4, move_in_date,
	status, COALESCE(fee_payment_id, ''), COALESCE(decision, ''), submitted_at`

func scan(sc interface{ Scan(...any) error }) (models.Application, error) {
	var a models.Application
	err := sc.Scan(&a.ID, &a.ListingID, &a.UnitID, &a.ApplicantName, &a.Email, &a.Phone, &a.MonthlyIncome, &a.SSNLast4,
		&a.MoveInDate, &a.Status, &a.FeePaymentID, &a.Decision, &a.SubmittedAt)
	return a, err
}

func (s *Service) Get(ctx context.Context, id string) (models.Application, error) {
	a, err := scan(s.conn.QueryRowContext(ctx, `SELECT `+cols+` FROM rental_applications WHERE id = $1`, id))
	return a, db.Check(err, "application")
}

func (s *Service) ListForListing(ctx context.Context, listingID string) ([]models.Application, error) {
	rows, err := s.conn.QueryContext(ctx, `SELECT `+cols+` FROM rental_applications WHERE listing_id = $1 ORDER BY submitted_at`, listingID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Application
	for rows.Next() {
		a, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Submit validates and stores an application and collects the fee.
func (s *Service) Submit(ctx context.Context, a models.Application, feeToken, state string) (models.Application, error) {
	a.Email = strings.ToLower(strings.TrimSpace(a.Email))
	if a.ApplicantName == "" || a.Email == "" || len(a.SSNLast4) != 4 {
		return a, errs.E(errs.Invalid, "name, email and SSN last 4 are required")
	}
	l, err := s.listings.Get(ctx, a.ListingID)
	if err != nil {
		return a, err
	}
	if !l.Published {
		return a, errs.E(errs.Conflict, "listing is no longer accepting applications")
	}
	var dup int
	_ = s.conn.QueryRowContext(ctx, `SELECT count(*) FROM rental_applications WHERE listing_id = $1 AND email = $2 AND status NOT IN ('withdrawn','denied')`,
		a.ListingID, a.Email).Scan(&dup)
	if dup > 0 {
		return a, errs.E(errs.Conflict, "an application from %s is already in progress", a.Email)
	}
	a.ID = ids.New(ids.Application)
	a.UnitID = l.UnitID
	a.Status = models.AppSubmitted
	a.SubmittedAt = time.Now().UTC()
	fee := Fee
	if c, ok := feeCap[state]; ok {
		fee = money.Min(fee, c)
	}
	payID, err := s.payments.ChargeApplicationFee(ctx, a.ID, feeToken, fee)
	if err != nil {
		return a, err
	}
	a.FeePaymentID = payID
	_, err = s.conn.ExecContext(ctx, `INSERT INTO rental_applications (id, listing_id, unit_id, applicant_name, email, phone,
		monthly_income_cents, ssn_last4, move_in_date, status, fee_payment_id, submitted_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
		a.ID, a.ListingID, a.UnitID, a.ApplicantName, a.Email, a.Phone, a.MonthlyIncome, a.SSNLast4, a.MoveInDate, a.Status, a.FeePaymentID, a.SubmittedAt)
	if err != nil {
		return a, err
	}
	_ = s.notify.Email(ctx, a.Email, "application.received", map[string]string{"name": a.ApplicantName, "unit": l.Headline})
	return a, nil
}

// Screen orders the screening report and records the recommendation.
func (s *Service) Screen(ctx context.Context, id string) (models.ScreeningReport, error) {
	a, err := s.Get(ctx, id)
	if err != nil {
		return models.ScreeningReport{}, err
	}
	if a.Status != models.AppSubmitted {
		return models.ScreeningReport{}, errs.E(errs.Conflict, "application is %s", a.Status)
	}
	l, err := s.listings.Get(ctx, a.ListingID)
	if err != nil {
		return models.ScreeningReport{}, err
	}
	if _, err := s.conn.ExecContext(ctx, `UPDATE rental_applications SET status = 'screening' WHERE id = $1`, id); err != nil {
		return models.ScreeningReport{}, err
	}
	return s.screening.Run(ctx, a, l.AskingRent)
}

type Decision struct {
	Approve        bool
	Reason         string
	ExtraDeposit   money.Cents
	DecidedBy      string
	CoApplicants   []models.Tenant
	LeaseStart     time.Time
	LeaseTermMonth int
}

// Decide approves or denies. Approval takes the unit off the market and
// creates a draft lease.
func (s *Service) Decide(ctx context.Context, id string, d Decision) (models.Lease, error) {
	a, err := s.Get(ctx, id)
	if err != nil {
		return models.Lease{}, err
	}
	if a.Status != models.AppScreening {
		return models.Lease{}, errs.E(errs.Conflict, "application must be screened first")
	}
	rep, err := s.screening.Latest(ctx, id)
	if err != nil {
		return models.Lease{}, err
	}
	if d.Approve && rep.Recommendation == screening.RecommendDeny && d.Reason == "" {
		return models.Lease{}, errs.E(errs.Invalid, "overriding a deny recommendation requires a reason")
	}
	if d.Approve && rep.Recommendation == screening.RecommendConditional && d.ExtraDeposit == 0 {
		return models.Lease{}, errs.E(errs.Invalid, "conditional approval requires an additional deposit")
	}
	if !d.Approve {
		if d.Reason == "" {
			d.Reason = "Based on information in your consumer report."
		}
		_, err := s.conn.ExecContext(ctx, `UPDATE rental_applications SET status = 'denied', decision = $2, decided_by = $3, decided_at = now() WHERE id = $1`,
			id, d.Reason, d.DecidedBy)
		if err == nil {
			_ = s.notify.Email(ctx, a.Email, "application.denied", map[string]string{"name": a.ApplicantName, "reason": d.Reason})
		}
		return models.Lease{}, err
	}

	l, err := s.listings.Get(ctx, a.ListingID)
	if err != nil {
		return models.Lease{}, err
	}
	err = db.WithTx(ctx, s.conn, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE rental_applications SET status = 'approved', decision = $2, decided_by = $3, decided_at = now() WHERE id = $1`,
			id, d.Reason, d.DecidedBy); err != nil {
			return err
		}
		// other open applications for the unit are closed out
		if _, err := tx.ExecContext(ctx, `UPDATE rental_applications SET status = 'withdrawn', decision = 'unit leased'
			WHERE listing_id = $1 AND id <> $2 AND status IN ('submitted', 'screening')`, a.ListingID, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE units SET status = 'pending', updated_at = now() WHERE id = $1 AND status IN ('listed', 'vacant', 'notice')`, a.UnitID); err != nil {
			return err
		}
		if err := s.listings.UnpublishForUnit(ctx, tx, a.UnitID); err != nil {
			return err
		}
		return events.Publish(ctx, tx, models.EvtApplicationApproved, map[string]string{"application_id": id, "unit_id": a.UnitID})
	})
	if err != nil {
		return models.Lease{}, err
	}
	first, last, _ := strings.Cut(a.ApplicantName, " ")
	tenants := append([]models.Tenant{{FirstName: first, LastName: last, Email: a.Email, Phone: a.Phone}}, d.CoApplicants...)
	start := d.LeaseStart
	if start.IsZero() {
		start = a.MoveInDate
	}
	term := d.LeaseTermMonth
	if term == 0 {
		term = 12
	}
	lease, err := s.leases.CreateDraft(ctx, leases.Draft{
		UnitID: a.UnitID, ApplicationID: a.ID, Tenants: tenants, StartDate: start, TermMonths: term,
		MonthlyRent: int64(l.AskingRent), Deposit: int64(l.Deposit + d.ExtraDeposit),
	})
	if err != nil {
		return models.Lease{}, err
	}
	_ = s.notify.Email(ctx, a.Email, "application.approved", map[string]string{"name": a.ApplicantName, "unit": l.Headline})
	return lease, nil
}

func (s *Service) Withdraw(ctx context.Context, id string) error {
	res, err := s.conn.ExecContext(ctx, `UPDATE rental_applications SET status = 'withdrawn' WHERE id = $1 AND status IN ('submitted', 'screening')`, id)
	return db.MustAffect(res, err, "open application")
}
