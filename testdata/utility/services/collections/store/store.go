// Package store persists debt cases, dunning actions and payment plans.
package store

import (
	"context"
	"database/sql"
	"time"

	"gridline.energy/platform/core/db"
	"gridline.energy/platform/core/models"
	"gridline.energy/platform/kit/money"
)

type Store struct{ db *sql.DB }

func New(d *sql.DB) *Store { return &Store{db: d} }

func (s *Store) DB() *sql.DB { return s.db }

// Stages.
const (
	StageReminder    = "reminder"
	StageFinalNotice = "final_notice"
	StageDebtCase    = "debt_case"
	StagePlan        = "plan"
	StageWarrant     = "warrant_review"
	StageProtected   = "protected"
)

// LastStage is the furthest dunning stage reached on a bill.
func (s *Store) LastStage(ctx context.Context, billID string) (string, error) {
	var st sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT stage FROM dunning_actions WHERE bill_id = $1
		ORDER BY taken_at DESC LIMIT 1`, billID).Scan(&st)
	if db.IsNoRows(err) {
		return "", nil
	}
	return st.String, err
}

func (s *Store) RecordAction(ctx context.Context, billID, accountID, stage string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO dunning_actions (bill_id, account_id, stage, taken_at)
		VALUES ($1, $2, $3, now()) ON CONFLICT (bill_id, stage) DO NOTHING`, billID, accountID, stage)
	return err
}

func (s *Store) OpenCase(ctx context.Context, accountID string) (*models.DebtCase, error) {
	var c models.DebtCase
	var amt int64
	err := s.db.QueryRowContext(ctx, `SELECT id, account_id, amount_pence, stage, opened_at FROM debt_cases
		WHERE account_id = $1 AND closed_at IS NULL`, accountID).Scan(&c.ID, &c.AccountID, &amt, &c.Stage, &c.OpenedAt)
	if db.IsNoRows(err) {
		return nil, nil
	}
	c.Amount = money.Pence(amt)
	return &c, err
}

func (s *Store) CreateCase(ctx context.Context, c models.DebtCase) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO debt_cases (id, account_id, amount_pence, stage, opened_at)
		VALUES ($1, $2, $3, $4, $5)`, c.ID, c.AccountID, int64(c.Amount), c.Stage, c.OpenedAt)
	return err
}

func (s *Store) SetCaseStage(ctx context.Context, q db.Querier, id, stage string, amount money.Pence) error {
	_, err := q.ExecContext(ctx, `UPDATE debt_cases SET stage = $2, amount_pence = $3, updated_at = now() WHERE id = $1`,
		id, stage, int64(amount))
	return err
}

func (s *Store) CloseCase(ctx context.Context, id string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE debt_cases SET closed_at = now() WHERE id = $1`, id)
	return err
}

func (s *Store) Cases(ctx context.Context, stage string, limit int) ([]models.DebtCase, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, account_id, amount_pence, stage, opened_at FROM debt_cases
		WHERE closed_at IS NULL AND ($1 = '' OR stage = $1) ORDER BY opened_at LIMIT $2`, stage, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.DebtCase
	for rows.Next() {
		var c models.DebtCase
		var amt int64
		if err := rows.Scan(&c.ID, &c.AccountID, &amt, &c.Stage, &c.OpenedAt); err != nil {
			return nil, err
		}
		c.Amount = money.Pence(amt)
		out = append(out, c)
	}
	return out, rows.Err()
}

type Plan struct {
	ID          string       `json:"id"`
	AccountID   string       `json:"account_id"`
	Debt        money.Pence  `json:"debt"`
	Frequency   string       `json:"frequency"` // weekly | monthly
	Status      string       `json:"status"`    // active | completed | broken
	ByDD        bool         `json:"by_direct_debit"`
	Instalments []Instalment `json:"instalments"`
}

type Instalment struct {
	ID     int64       `json:"id"`
	Due    time.Time   `json:"due"`
	Amount money.Pence `json:"amount"`
	Status string      `json:"status"` // due | paid | missed
}

func (s *Store) InsertPlan(ctx context.Context, tx *sql.Tx, p Plan) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO payment_plans (id, account_id, debt_pence, frequency, status, by_dd, created_at)
		VALUES ($1, $2, $3, $4, 'active', $5, now())`, p.ID, p.AccountID, int64(p.Debt), p.Frequency, p.ByDD); err != nil {
		return err
	}
	for _, in := range p.Instalments {
		if _, err := tx.ExecContext(ctx, `INSERT INTO plan_instalments (plan_id, due_date, amount_pence, status)
			VALUES ($1, $2, $3, 'due')`, p.ID, in.Due, int64(in.Amount)); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) ActivePlan(ctx context.Context, accountID string) (*Plan, error) {
	var p Plan
	var debt int64
	err := s.db.QueryRowContext(ctx, `SELECT id, account_id, debt_pence, frequency, status, by_dd FROM payment_plans
		WHERE account_id = $1 AND status = 'active'`, accountID).Scan(&p.ID, &p.AccountID, &debt, &p.Frequency, &p.Status, &p.ByDD)
	if db.IsNoRows(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	p.Debt = money.Pence(debt)
	rows, err := s.db.QueryContext(ctx, `SELECT id, due_date, amount_pence, status FROM plan_instalments
		WHERE plan_id = $1 ORDER BY due_date`, p.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var in Instalment
		var amt int64
		if err := rows.Scan(&in.ID, &in.Due, &amt, &in.Status); err != nil {
			return nil, err
		}
		in.Amount = money.Pence(amt)
		p.Instalments = append(p.Instalments, in)
	}
	return &p, rows.Err()
}

// DuePlans lists accounts with an active plan having an instalment due
// on or before the date that is not yet settled.
func (s *Store) DuePlans(ctx context.Context, on time.Time) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT p.account_id FROM payment_plans p
		JOIN plan_instalments i ON i.plan_id = p.id
		WHERE p.status = 'active' AND i.status = 'due' AND i.due_date <= $1`, on)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

func (s *Store) SetInstalment(ctx context.Context, id int64, status string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE plan_instalments SET status = $2 WHERE id = $1`, id, status)
	return err
}

func (s *Store) SetPlanStatus(ctx context.Context, id, status string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE payment_plans SET status = $2, updated_at = now() WHERE id = $1`, id, status)
	return err
}
