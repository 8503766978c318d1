// Package provisioning pushes service state (activate, bar, swap) to the
// host network's HLR/HSS and keeps an audit trail of every request.
package provisioning

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"mvno.telco/core/platform/errs"
	"mvno.telco/core/platform/ids"
	"mvno.telco/core/provisioning/hlr"
)

const maxAttempts = 5

type Service struct {
	db  *sql.DB
	hlr *hlr.Client
	log *slog.Logger
}

func New(db *sql.DB, c *hlr.Client, log *slog.Logger) *Service {
	return &Service{db: db, hlr: c, log: log}
}

// ProfileFor maps a plan to the network service profile.
func ProfileFor(planCode string, prepaid bool) string {
	if prepaid {
		return "PP_STD"
	}
	if len(planCode) > 4 && planCode[:4] == "BIZ_" {
		return "PO_BIZ"
	}
	return "PO_STD"
}

func (s *Service) Activate(ctx context.Context, subscriberID, imsi, msisdn, profile string) error {
	return s.run(ctx, subscriberID, hlr.Command{Op: "CREATE", IMSI: imsi, MSISDN: msisdn, Profile: profile})
}

// Bar blocks outgoing services (calls, SMS, data) but keeps incoming calls.
func (s *Service) Bar(ctx context.Context, subscriberID, imsi, reason string) error {
	return s.run(ctx, subscriberID, hlr.Command{Op: "BAR", IMSI: imsi, Params: map[string]string{"scope": "MO", "reason": reason}})
}

func (s *Service) Unbar(ctx context.Context, subscriberID, imsi string) error {
	return s.run(ctx, subscriberID, hlr.Command{Op: "UNBAR", IMSI: imsi})
}

func (s *Service) Deactivate(ctx context.Context, subscriberID, imsi string) error {
	return s.run(ctx, subscriberID, hlr.Command{Op: "DELETE", IMSI: imsi})
}

func (s *Service) ChangeMSISDN(ctx context.Context, subscriberID, imsi, msisdn string) error {
	return s.run(ctx, subscriberID, hlr.Command{Op: "MOD_MSISDN", IMSI: imsi, MSISDN: msisdn})
}

func (s *Service) ChangeIMSI(ctx context.Context, subscriberID, oldIMSI, newIMSI string) error {
	return s.run(ctx, subscriberID, hlr.Command{Op: "MOD_IMSI", IMSI: oldIMSI, Params: map[string]string{"new_imsi": newIMSI}})
}

func (s *Service) run(ctx context.Context, subscriberID string, cmd hlr.Command) error {
	cmd.RequestID = ids.New("prv")
	if _, err := s.db.ExecContext(ctx, `INSERT INTO provisioning_requests
		(id, subscriber_id, op, imsi, msisdn, profile, status, attempts, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, now())`,
		cmd.RequestID, subscriberID, cmd.Op, cmd.IMSI, cmd.MSISDN, cmd.Profile); err != nil {
		return err
	}
	return s.attempt(ctx, cmd)
}

func (s *Service) attempt(ctx context.Context, cmd hlr.Command) error {
	res, err := s.hlr.Execute(ctx, cmd)
	status, detail := "done", ""
	switch {
	case err != nil || res.Retryable():
		status, detail = "retry", fmt.Sprint(res.ErrorCode, " ", err)
	case !res.OK:
		status, detail = "failed", res.ErrorCode+": "+res.Message
	}
	if _, uerr := s.db.ExecContext(ctx, `UPDATE provisioning_requests
		SET status = $2, attempts = attempts + 1, last_error = $3, updated_at = now() WHERE id = $1`,
		cmd.RequestID, status, detail); uerr != nil {
		return uerr
	}
	switch status {
	case "retry":
		// Accepted for later: the retry job will push it through.
		s.log.Warn("hlr busy, queued for retry", "request", cmd.RequestID, "op", cmd.Op)
		return nil
	case "failed":
		return errs.E(errs.Unavailable, "provisioning."+cmd.Op, detail)
	}
	return nil
}

// RetryPending is a scheduler job re-sending requests the gateway deferred.
func (s *Service) RetryPending(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, op, imsi, coalesce(msisdn, ''), coalesce(profile, '')
		FROM provisioning_requests
		WHERE status = 'retry' AND attempts < $1 AND updated_at < $2
		ORDER BY created_at LIMIT 200`, maxAttempts, time.Now().Add(-2*time.Minute))
	if err != nil {
		return err
	}
	var cmds []hlr.Command
	for rows.Next() {
		var c hlr.Command
		if err := rows.Scan(&c.RequestID, &c.Op, &c.IMSI, &c.MSISDN, &c.Profile); err != nil {
			rows.Close()
			return err
		}
		cmds = append(cmds, c)
	}
	rows.Close()
	for _, c := range cmds {
		if err := s.attempt(ctx, c); err != nil {
			s.log.Error("provisioning retry failed", "request", c.RequestID, "err", err)
		}
	}
	_, err = s.db.ExecContext(ctx, `UPDATE provisioning_requests SET status = 'failed'
		WHERE status = 'retry' AND attempts >= $1`, maxAttempts)
	return err
}
