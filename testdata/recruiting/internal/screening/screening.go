// Package screening orders background checks after an offer and tracks
// their results. It is a self-contained legacy package: service, SQL and
// HTTP handlers together.
package screening

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/hirebase/ats/internal/models"
	"github.com/hirebase/ats/internal/platform/dbx"
	"github.com/hirebase/ats/internal/platform/errs"
	"github.com/hirebase/ats/internal/platform/events"
	"github.com/hirebase/ats/internal/platform/httpx"
	"github.com/hirebase/ats/internal/platform/ids"
	"github.com/hirebase/ats/internal/platform/mailer"
	"github.com/hirebase/ats/internal/screening/vendor"
)

type Service struct {
	db            *sql.DB
	vendor        *vendor.Client
	bus           *events.Bus
	mail          mailer.Mailer
	log           *slog.Logger
	webhookSecret string
}

func New(db *sql.DB, v *vendor.Client, bus *events.Bus, mail mailer.Mailer, log *slog.Logger, webhookSecret string) *Service {
	return &Service{db: db, vendor: v, bus: bus, mail: mail, log: log, webhookSecret: webhookSecret}
}

type subject struct {
	CandidateID, First, Last, Email, Location string
	OfferStatus                               string
}

// loadSubject pulls what the vendor needs straight from the application,
// candidate, offer and requisition tables.
func (s *Service) loadSubject(ctx context.Context, tenantID, appID string) (subject, error) {
	var sub subject
	err := s.db.QueryRowContext(ctx,
		`SELECT c.id, c.first_name, c.last_name, c.email, r.location, coalesce(o.status, '')
		 FROM applications a
		 JOIN candidates c ON c.id = a.candidate_id
		 JOIN requisitions r ON r.id = a.requisition_id
		 LEFT JOIN offers o ON o.application_id = a.id AND o.status IN ('sent', 'accepted')
		 WHERE a.tenant_id = $1 AND a.id = $2`, tenantID, appID).
		Scan(&sub.CandidateID, &sub.First, &sub.Last, &sub.Email, &sub.Location, &sub.OfferStatus)
	if dbx.NoRows(err) {
		return sub, errs.NotFound("application")
	}
	return sub, err
}

// Order starts a check. Checks are only allowed once an offer has been
// extended (fair-chance hiring laws).
func (s *Service) Order(ctx context.Context, tenantID, actorID, appID, pkg string) (models.BackgroundCheck, error) {
	if _, ok := vendor.Packages[pkg]; !ok {
		return models.BackgroundCheck{}, errs.Validation("unknown package %q", pkg)
	}
	sub, err := s.loadSubject(ctx, tenantID, appID)
	if err != nil {
		return models.BackgroundCheck{}, err
	}
	if sub.OfferStatus == "" {
		return models.BackgroundCheck{}, errs.Conflict("a background check can only be ordered after an offer is extended")
	}
	if _, err := s.get(ctx, "application_id = $1 AND status IN ('invited', 'pending')", appID); !errs.IsNotFound(err) {
		return models.BackgroundCheck{}, errs.Conflict("a check is already in progress")
	}
	bc := models.BackgroundCheck{ID: ids.New(ids.Check), TenantID: tenantID, ApplicationID: appID, CandidateID: sub.CandidateID,
		Package: pkg, Status: "invited", OrderedBy: actorID, OrderedAt: time.Now().UTC()}
	bc.VendorRef, err = s.vendor.Order(ctx, vendor.OrderRequest{FirstName: sub.First, LastName: sub.Last, Email: sub.Email,
		Package: pkg, WorkLocation: sub.Location, Reference: bc.ID})
	if err != nil {
		return bc, errs.Wrap(err, "order background check")
	}
	err = dbx.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO background_checks (id, tenant_id, application_id, candidate_id, package, vendor_ref, status, ordered_by, ordered_at)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			bc.ID, bc.TenantID, bc.ApplicationID, bc.CandidateID, bc.Package, bc.VendorRef, bc.Status, bc.OrderedBy, bc.OrderedAt); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE applications SET screening_status = 'pending' WHERE id = $1`, appID)
		return err
	})
	return bc, err
}

func (s *Service) get(ctx context.Context, where string, arg any) (models.BackgroundCheck, error) {
	var bc models.BackgroundCheck
	err := s.db.QueryRowContext(ctx,
		`SELECT id, tenant_id, application_id, vendor_ref, status, ordered_by FROM background_checks WHERE `+where, arg).
		Scan(&bc.ID, &bc.TenantID, &bc.ApplicationID, &bc.VendorRef, &bc.Status, &bc.OrderedBy)
	if dbx.NoRows(err) {
		return bc, errs.NotFound("background check")
	}
	return bc, err
}

// apply reconciles a vendor report into our records.
func (s *Service) apply(ctx context.Context, r vendor.Report) error {
	bc, err := s.get(ctx, "vendor_ref = $1", r.ID)
	if err != nil {
		return err
	}
	status := map[string]string{"complete": r.Result, "suspended": "suspended", "canceled": "cancelled", "pending": "pending"}[r.Status]
	if status == "" || status == bc.Status {
		return nil
	}
	err = dbx.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx,
			`UPDATE background_checks SET status = $2, completed_at = $3 WHERE id = $1`, bc.ID, status, r.CompletedAt); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE applications SET screening_status = $2 WHERE id = $1`, bc.ApplicationID, status)
		return err
	})
	if err != nil {
		return err
	}
	switch status {
	case "clear":
		s.bus.Publish(ctx, events.BackgroundCheckCleared, bc.TenantID, bc.ApplicationID, map[string]string{"check_id": bc.ID})
	case "consider", "suspended":
		s.notifyOrderer(ctx, bc, status)
	}
	return nil
}

func (s *Service) notifyOrderer(ctx context.Context, bc models.BackgroundCheck, what string) {
	var email string
	if err := s.db.QueryRowContext(ctx, `SELECT email FROM users WHERE id = $1`, bc.OrderedBy).Scan(&email); err != nil {
		return
	}
	_ = s.mail.Send(ctx, mailer.Message{To: []string{email}, Subject: "Background check update",
		Body: fmt.Sprintf("Background check %s needs your review (result: %s).", bc.ID, what), Tag: "screening"})
}

// PollPending reconciles checks we have not heard about in a day, in case a
// webhook was lost.
func (s *Service) PollPending(ctx context.Context) error {
	refs, err := dbx.Strings(s.db.QueryContext(ctx,
		`SELECT vendor_ref FROM background_checks WHERE status IN ('invited', 'pending') AND ordered_at < now() - interval '1 day' LIMIT 200`))
	for _, ref := range refs {
		rep, err := s.vendor.Report(ctx, ref)
		if err == nil {
			err = s.apply(ctx, rep)
		}
		if err != nil {
			s.log.Warn("screening: reconcile failed", "vendor_ref", ref, "err", err)
		}
	}
	return err
}

// Register mounts the screening endpoints.
func (s *Service) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /api/applications/{id}/background-check", httpx.RequireRole(models.RoleRecruiter, s.handleOrder))
	mux.HandleFunc("POST /webhooks/verifyfirst", s.handleWebhook)
}

func (s *Service) handleOrder(w http.ResponseWriter, r *http.Request) {
	var body struct{ Package string }
	if err := httpx.Decode(r, &body); err != nil {
		httpx.Error(w, r, err)
		return
	}
	p := httpx.MustPrincipal(r)
	bc, err := s.Order(r.Context(), p.TenantID, p.UserID, r.PathValue("id"), body.Package)
	httpx.Reply(w, r, http.StatusCreated, bc, err)
}

func (s *Service) handleWebhook(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		httpx.Error(w, r, errs.Validation("unreadable body"))
		return
	}
	if !vendor.VerifySignature(s.webhookSecret, body, r.Header.Get("X-VerifyFirst-Signature"), time.Now(), 5*time.Minute) {
		httpx.Error(w, r, errs.Unauthorized())
		return
	}
	var ev vendor.WebhookEvent
	if err := json.Unmarshal(body, &ev); err != nil {
		httpx.Error(w, r, errs.Validation("bad event"))
		return
	}
	if err := s.apply(r.Context(), ev.Data); err != nil && !errs.IsNotFound(err) {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
