// Package commission accrues agent commission on collected premium and
// produces monthly statements. Tables: commissions, commission_statements.
package commission

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"harbormutual.com/core/agents"
	"harbormutual.com/core/domain"
	"harbormutual.com/core/events"
	"harbormutual.com/core/platform/db"
	"harbormutual.com/core/platform/errs"
	"harbormutual.com/core/platform/log"
	"harbormutual.com/core/platform/money"
)

// PolicySource is satisfied by policy.Service.
type PolicySource interface {
	Get(ctx context.Context, id int64) (*domain.Policy, error)
}

// Line is one commission accrual.
type Line struct {
	ID        int64       `db:"id" json:"id"`
	AgentID   int64       `db:"agent_id" json:"agent_id"`
	PolicyID  int64       `db:"policy_id" json:"policy_id"`
	PaymentID int64       `db:"payment_id" json:"payment_id"`
	Basis     money.Money `db:"basis_cents" json:"basis"`
	Rate      float64     `db:"rate" json:"rate"`
	Amount    money.Money `db:"amount_cents" json:"amount"`
	Kind      string      `db:"kind" json:"kind"` // NEW, RENEWAL, CHARGEBACK
	AccruedAt time.Time   `db:"accrued_at" json:"accrued_at"`
}

// Statement is a monthly agent statement.
type Statement struct {
	ID      int64       `db:"id" json:"id"`
	AgentID int64       `db:"agent_id" json:"agent_id"`
	Period  string      `db:"period" json:"period"` // YYYY-MM
	Total   money.Money `db:"total_cents" json:"total"`
	Lines   int         `db:"line_count" json:"lines"`
	Status  string      `db:"status" json:"status"`
}

type Service struct {
	x        *sqlx.DB
	agents   *agents.Service
	policies PolicySource
	log      *log.Logger
}

func NewService(pool *db.DB, ag *agents.Service, policies PolicySource) *Service {
	return &Service{x: sqlx.NewDb(pool.DB, pool.Driver), agents: ag, policies: policies, log: log.New("commission")}
}

func (s *Service) accrue(ctx context.Context, policyID, paymentID int64, basis money.Money) error {
	p, err := s.policies.Get(ctx, policyID)
	if err != nil {
		return err
	}
	if p.AgentID == 0 {
		return nil // direct business
	}
	a, err := s.agents.Get(ctx, p.AgentID)
	if err != nil {
		return err
	}
	l := Line{AgentID: a.ID, PolicyID: p.ID, PaymentID: paymentID, Basis: basis, Kind: "NEW", Rate: a.NewBizRate}
	if p.RenewalOfID != 0 {
		l.Kind, l.Rate = "RENEWAL", a.RenewalRate
	}
	if basis < 0 {
		l.Kind = "CHARGEBACK"
	}
	l.Amount = basis.Mul(l.Rate)
	_, err = s.x.NamedExecContext(ctx, `INSERT INTO commissions (agent_id, policy_id, payment_id, basis_cents, rate, amount_cents, kind, accrued_at)
		VALUES (:agent_id, :policy_id, :payment_id, :basis_cents, :rate, :amount_cents, :kind, now())`, &l)
	return errs.Wrap("commission.accrue", err)
}

// OnPaymentReceived accrues commission on collected premium.
func (s *Service) OnPaymentReceived(ctx context.Context, e events.Event) error {
	ev := e.(events.PaymentReceivedEvent)
	return s.accrue(ctx, ev.PolicyID, ev.PaymentID, ev.Amount)
}

// OnPolicyCancelled charges back commission on returned premium.
func (s *Service) OnPolicyCancelled(ctx context.Context, e events.Event) error {
	ev := e.(events.PolicyCancelledEvent)
	if ev.ReturnPremium.IsZero() {
		return nil
	}
	return s.accrue(ctx, ev.PolicyID, 0, ev.ReturnPremium.Neg())
}

// Reconcile finds settled payments with no commission line (events lost in
// a deploy, INC-1904) and accrues them. It reads billing's tables directly.
func (s *Service) Reconcile(ctx context.Context, since time.Time) (int, error) {
	var missing []struct {
		PaymentID int64       `db:"payment_id"`
		PolicyID  int64       `db:"policy_id"`
		Amount    money.Money `db:"amount"`
	}
	err := s.x.SelectContext(ctx, &missing, `SELECT p.id AS payment_id, i.policy_id, p.amount
		FROM payments p JOIN invoices i ON i.id = p.invoice_id
		WHERE p.status = 'SETTLED' AND p.received_at >= $1
		AND NOT EXISTS (SELECT 1 FROM commissions c WHERE c.payment_id = p.id)`, since)
	if err != nil {
		return 0, errs.Wrap("commission.Reconcile", err)
	}
	n := 0
	for _, m := range missing {
		if err := s.accrue(ctx, m.PolicyID, m.PaymentID, m.Amount); err != nil {
			s.log.Error("reconcile accrual failed", err, "payment", m.PaymentID)
			continue
		}
		n++
	}
	return n, nil
}

// CloseMonth builds statements for the month before asOf.
func (s *Service) CloseMonth(ctx context.Context, asOf time.Time) (int, error) {
	first := time.Date(asOf.Year(), asOf.Month(), 1, 0, 0, 0, 0, asOf.Location()).AddDate(0, -1, 0)
	period := first.Format("2006-01")
	active, err := s.agents.ListActive(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, a := range active {
		var st Statement
		err := s.x.GetContext(ctx, &st, `SELECT 0 AS id, $1::bigint AS agent_id, $2 AS period,
			COALESCE(sum(amount_cents), 0) AS total_cents, count(*) AS line_count, 'OPEN' AS status
			FROM commissions WHERE agent_id = $1 AND accrued_at >= $3 AND accrued_at < $4`,
			a.ID, period, first, first.AddDate(0, 1, 0))
		if err != nil {
			return n, errs.Wrap("commission.CloseMonth", err)
		}
		if st.Lines == 0 {
			continue
		}
		if _, err := s.x.NamedExecContext(ctx, `INSERT INTO commission_statements (agent_id, period, total_cents, line_count, status)
			VALUES (:agent_id, :period, :total_cents, :line_count, :status)
			ON CONFLICT (agent_id, period) DO NOTHING`, &st); err != nil {
			return n, errs.Wrap("commission.CloseMonth", err)
		}
		n++
	}
	s.log.Info("commission month closed", "period", period, "statements", n)
	return n, nil
}

func (s *Service) Statements(ctx context.Context, agentID int64) ([]Statement, error) {
	var out []Statement
	err := s.x.SelectContext(ctx, &out, `SELECT id, agent_id, period, total_cents, line_count, status
		FROM commission_statements WHERE agent_id = $1 ORDER BY period DESC`, agentID)
	return out, errs.Wrap("commission.Statements", err)
}
