// Package referrals runs the employee referral program: employees refer
// people and earn a bonus when a referral is hired and stays past the
// qualifying period. Handler, service and SQL live together here; the
// package predates the app/http/db split.
package referrals

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/http"
	"net/mail"
	"strings"
	"time"

	apprequisitions "github.com/hirebase/ats/internal/app/requisitions"
	dbcandidates "github.com/hirebase/ats/internal/db/candidates"
	dbpipeline "github.com/hirebase/ats/internal/db/pipeline"
	"github.com/hirebase/ats/internal/models"
	"github.com/hirebase/ats/internal/platform/dbx"
	"github.com/hirebase/ats/internal/platform/errs"
	"github.com/hirebase/ats/internal/platform/events"
	"github.com/hirebase/ats/internal/platform/httpx"
	"github.com/hirebase/ats/internal/platform/ids"
	"github.com/hirebase/ats/internal/platform/mailer"
	"github.com/hirebase/ats/internal/platform/money"
)

// A referrer owns a candidate for this long; later referrals of the same person don't count.
const ownershipWindow = 365 * 24 * time.Hour

type Service struct {
	db         *sql.DB
	candidates *dbcandidates.Store
	apps       *dbpipeline.Store
	reqs       *apprequisitions.Service
	bus        *events.Bus
	mail       mailer.Mailer
	log        *slog.Logger
	bonusDelay time.Duration
}

func New(db *sql.DB, candidates *dbcandidates.Store, apps *dbpipeline.Store, reqs *apprequisitions.Service,
	bus *events.Bus, mail mailer.Mailer, log *slog.Logger, bonusDelay time.Duration) *Service {
	return &Service{db: db, candidates: candidates, apps: apps, reqs: reqs, bus: bus, mail: mail, log: log, bonusDelay: bonusDelay}
}

type SubmitInput struct {
	FirstName     string `json:"first_name"`
	LastName      string `json:"last_name"`
	Email         string `json:"email"`
	RequisitionID string `json:"requisition_id"`
	Relationship  string `json:"relationship"`
}

// Submit records a referral and puts the person into the requisition's pipeline.
func (s *Service) Submit(ctx context.Context, tenantID, referrerID string, in SubmitInput) (models.Referral, error) {
	addr, err := mail.ParseAddress(in.Email)
	if err != nil || strings.TrimSpace(in.FirstName) == "" {
		return models.Referral{}, errs.Validation("name and valid email are required")
	}
	if _, err := s.reqs.EnsureOpen(ctx, tenantID, in.RequisitionID); err != nil {
		return models.Referral{}, err
	}
	now := time.Now().UTC()
	cand, err := s.candidates.FindByEmail(ctx, tenantID, addr.Address)
	if errs.IsNotFound(err) {
		cand = models.Candidate{ID: ids.New(ids.Candidate), TenantID: tenantID, FirstName: in.FirstName, LastName: in.LastName,
			Email: strings.ToLower(addr.Address), Source: "referral", CreatedAt: now}
		err = s.candidates.Create(ctx, cand)
	} else if err == nil {
		var owner string
		err = s.db.QueryRowContext(ctx,
			`SELECT referrer_id FROM referrals WHERE tenant_id = $1 AND candidate_id = $2 AND created_at > $3 ORDER BY created_at LIMIT 1`,
			tenantID, cand.ID, now.Add(-ownershipWindow)).Scan(&owner)
		if dbx.NoRows(err) {
			err = nil
		} else if err == nil && owner != referrerID {
			err = errs.Conflict("this person was already referred by a colleague in the last 12 months")
		}
	}
	if err != nil {
		return models.Referral{}, err
	}
	app := models.Application{ID: ids.New(ids.Application), TenantID: tenantID, CandidateID: cand.ID, RequisitionID: in.RequisitionID,
		StageKey: models.StageApplied, Status: "active", Source: "referral", AppliedAt: now, StageEnteredAt: now}
	if err := s.apps.CreateApplication(ctx, app); err != nil {
		return models.Referral{}, err
	}
	ref := models.Referral{ID: ids.New(ids.Referral), TenantID: tenantID, ReferrerID: referrerID, CandidateID: cand.ID,
		ApplicationID: app.ID, Relationship: in.Relationship, Status: "submitted", CreatedAt: now}
	if _, err := s.db.ExecContext(ctx,
		`INSERT INTO referrals (id, tenant_id, referrer_id, candidate_id, application_id, relationship, status, created_at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		ref.ID, ref.TenantID, ref.ReferrerID, ref.CandidateID, ref.ApplicationID, ref.Relationship, ref.Status, ref.CreatedAt); err != nil {
		return ref, err
	}
	s.bus.Publish(ctx, events.ApplicationCreated, tenantID, app.ID, map[string]string{
		"requisition_id": app.RequisitionID, "candidate_id": cand.ID, "source": "referral"})
	return ref, nil
}

func (s *Service) Mine(ctx context.Context, tenantID, referrerID string) ([]models.Referral, error) {
	return dbx.Collect(func(row dbx.Scanner) (models.Referral, error) {
		var r models.Referral
		return r, row.Scan(&r.ID, &r.TenantID, &r.ReferrerID, &r.CandidateID, &r.ApplicationID, &r.Relationship, &r.Status, &r.CreatedAt)
	})(s.db.QueryContext(ctx,
		`SELECT id, tenant_id, referrer_id, candidate_id, application_id, coalesce(relationship, ''), status, created_at
		 FROM referrals WHERE tenant_id = $1 AND referrer_id = $2 ORDER BY created_at DESC`, tenantID, referrerID))
}

// OnHired creates a pending bonus when a referred application is hired.
// The amount comes from the tenant's program settings, defaulting to $1,000.
func (s *Service) OnHired(ctx context.Context, e events.Event) error {
	var refID, referrerID string
	err := s.db.QueryRowContext(ctx,
		`UPDATE referrals SET status = 'hired' WHERE tenant_id = $1 AND application_id = $2 RETURNING id, referrer_id`,
		e.TenantID, e.Subject).Scan(&refID, &referrerID)
	if dbx.NoRows(err) {
		return nil // not a referral
	} else if err != nil {
		return err
	}
	amt := money.New(1000_00, "USD")
	err = s.db.QueryRowContext(ctx, `SELECT bonus_cents, currency FROM referral_programs WHERE tenant_id = $1 AND active`, e.TenantID).
		Scan(&amt.Cents, &amt.Currency)
	if err != nil && !dbx.NoRows(err) {
		return err
	}
	_, err = s.db.ExecContext(ctx,
		`INSERT INTO referral_bonuses (referral_id, tenant_id, referrer_id, amount_cents, currency, status, payable_after)
		 VALUES ($1, $2, $3, $4, $5, 'pending', $6) ON CONFLICT (referral_id) DO NOTHING`,
		refID, e.TenantID, referrerID, amt.Cents, amt.Currency, e.At.Add(s.bonusDelay))
	return err
}

func (s *Service) OnRejected(ctx context.Context, e events.Event) error {
	_, err := s.db.ExecContext(ctx,
		`UPDATE referrals SET status = 'not_hired' WHERE tenant_id = $1 AND application_id = $2 AND status = 'submitted'`, e.TenantID, e.Subject)
	return err
}

// ReleaseBonuses approves bonuses past the qualifying period whose referrer
// is still an active user; bonuses of referrers who left are forfeited.
func (s *Service) ReleaseBonuses(ctx context.Context) error {
	type due struct {
		refID, name, email string
		amt                money.Amount
		active             bool
	}
	list, err := dbx.Collect(func(row dbx.Scanner) (due, error) {
		var d due
		return d, row.Scan(&d.refID, &d.name, &d.email, &d.amt.Cents, &d.amt.Currency, &d.active)
	})(s.db.QueryContext(ctx,
		`SELECT b.referral_id, u.name, u.email, b.amount_cents, b.currency, u.active
		 FROM referral_bonuses b JOIN users u ON u.id = b.referrer_id
		 WHERE b.status = 'pending' AND b.payable_after <= now()`))
	if err != nil {
		return err
	}
	for _, d := range list {
		status := "approved"
		if !d.active {
			status = "forfeited"
		}
		if _, err := s.db.ExecContext(ctx,
			`UPDATE referral_bonuses SET status = $2, decided_at = now() WHERE referral_id = $1 AND status = 'pending'`, d.refID, status); err != nil {
			return err
		}
		s.log.Info("referrals: bonus decided", "referral_id", d.refID, "status", status, "amount", d.amt.String())
		if d.active {
			_ = s.mail.Send(ctx, mailer.Message{To: []string{d.email}, Subject: "Your referral bonus is on its way", Tag: "referral-bonus",
				Body: fmt.Sprintf("Hi %s, your referral bonus of %s has been approved for the next payroll run. Thank you!", d.name, d.amt)})
		}
	}
	return nil
}

// Register mounts the referral endpoints.
func (s *Service) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /api/referrals", func(w http.ResponseWriter, r *http.Request) {
		var in SubmitInput
		if err := httpx.Decode(r, &in); err != nil {
			httpx.Error(w, r, err)
			return
		}
		p := httpx.MustPrincipal(r)
		ref, err := s.Submit(r.Context(), p.TenantID, p.UserID, in)
		httpx.Reply(w, r, http.StatusCreated, ref, err)
	})
	mux.HandleFunc("GET /api/referrals/mine", func(w http.ResponseWriter, r *http.Request) {
		p := httpx.MustPrincipal(r)
		refs, err := s.Mine(r.Context(), p.TenantID, p.UserID)
		httpx.Reply(w, r, http.StatusOK, refs, err)
	})
}
