// Package postgres persists loyalty members and their transactions.
package postgres

import (
	"context"
	"database/sql"

	"skyhop.aero/backend/pkg/loyalty/domain"
	"skyhop.aero/backend/pkg/platform/db"
	"skyhop.aero/backend/pkg/platform/errs"
)

type Store struct{ DB *sql.DB }

func New(d *sql.DB) *Store { return &Store{DB: d} }

func (s *Store) Insert(ctx context.Context, m domain.Member) error {
	_, err := db.Q(ctx, s.DB).ExecContext(ctx, `
		INSERT INTO ff_members (number, first_name, last_name, email, tier, miles, tier_miles, joined_at)
		VALUES ($1,$2,$3,$4,$5,0,0,now())`, m.Number, m.FirstName, m.LastName, m.Email, m.Tier)
	return err
}

// Get loads a member, locking the row when forUpdate is set.
func (s *Store) Get(ctx context.Context, number string, forUpdate bool) (domain.Member, error) {
	q := `SELECT number, first_name, last_name, email, tier, miles, tier_miles, joined_at FROM ff_members WHERE number = $1`
	if forUpdate {
		q += ` FOR UPDATE`
	}
	var m domain.Member
	err := db.Q(ctx, s.DB).QueryRowContext(ctx, q, number).Scan(&m.Number, &m.FirstName, &m.LastName,
		&m.Email, &m.Tier, &m.Miles, &m.TierMiles, &m.JoinedAt)
	if db.NotFound(err) {
		return m, errs.NotFound("loyalty.member", "member %s", number)
	}
	return m, err
}

func (s *Store) SaveBalances(ctx context.Context, m domain.Member) error {
	_, err := db.Q(ctx, s.DB).ExecContext(ctx, `
		UPDATE ff_members SET tier = $2, miles = $3, tier_miles = $4 WHERE number = $1`,
		m.Number, m.Tier, m.Miles, m.TierMiles)
	return err
}

// AddTransaction records a ledger line. The unique (number, reference)
// index makes accrual idempotent; it returns false for a duplicate.
func (s *Store) AddTransaction(ctx context.Context, number, kind, ref string, miles, tierMiles int64) (bool, error) {
	res, err := db.Q(ctx, s.DB).ExecContext(ctx, `
		INSERT INTO ff_transactions (member_number, kind, reference, miles, tier_miles, created_at)
		VALUES ($1,$2,$3,$4,$5,now()) ON CONFLICT (member_number, reference) DO NOTHING`,
		number, kind, ref, miles, tierMiles)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

type Transaction struct {
	Kind      string `json:"kind"`
	Reference string `json:"reference"`
	Miles     int64  `json:"miles"`
	TierMiles int64  `json:"tier_miles"`
}

func (s *Store) Transactions(ctx context.Context, number string, limit int) ([]Transaction, error) {
	rows, err := db.Q(ctx, s.DB).QueryContext(ctx, `
		SELECT kind, reference, miles, tier_miles FROM ff_transactions
		WHERE member_number = $1 ORDER BY created_at DESC LIMIT $2`, number, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Transaction
	for rows.Next() {
		var t Transaction
		if err := rows.Scan(&t.Kind, &t.Reference, &t.Miles, &t.TierMiles); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
