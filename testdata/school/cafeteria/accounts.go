// Package cafeteria runs student meal accounts. It was a separate Rails
// engine ("nutrition") and was ported as one package, store and rules
// together.
package cafeteria

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"strconv"
	"strings"

	"github.com/k12district/sis/events"
	"github.com/k12district/sis/lib/db"
	"github.com/k12district/sis/lib/errs"
	"github.com/k12district/sis/lib/ids"
	"github.com/k12district/sis/lib/money"
	"github.com/k12district/sis/models"
)

const (
	Free    = "free"
	Reduced = "reduced"
	Paid    = "paid"
)

type Service struct {
	DB            *sql.DB
	Log           *slog.Logger
	NegativeLimit money.Cents // how far below zero a paid account may charge
	Prices        map[string]money.Cents
}

func DefaultPrices() map[string]money.Cents {
	return map[string]money.Cents{
		"breakfast": 185, "lunch_elem": 310, "lunch_sec": 345, "milk": 65, "a_la_carte": 150,
	}
}

func (s *Service) account(ctx context.Context, q db.Querier, studentID int64, lock bool) (*models.MealAccount, error) {
	sqlq := `SELECT id, student_id, balance_cents, eligibility, pin, active, updated_at
		FROM meal_accounts WHERE student_id = $1`
	if lock {
		sqlq += ` FOR UPDATE`
	}
	var a models.MealAccount
	err := q.QueryRowContext(ctx, sqlq, studentID).
		Scan(&a.ID, &a.StudentID, &a.BalanceCents, &a.Eligibility, &a.PIN, &a.Active, &a.UpdatedAt)
	if err != nil {
		return nil, db.NotFound(err, "meal account for student", studentID)
	}
	return &a, nil
}

func (s *Service) Account(ctx context.Context, studentID int64) (*models.MealAccount, error) {
	return s.account(ctx, s.DB, studentID, false)
}

// OpenAccount creates (or reactivates) a student's meal account with a
// random 4-digit PIN and their current eligibility.
func (s *Service) OpenAccount(ctx context.Context, studentID int64) (*models.MealAccount, error) {
	elig, err := s.DetermineEligibility(ctx, studentID)
	if err != nil {
		return nil, err
	}
	n, _ := strconv.ParseUint(ids.Token(2), 16, 32)
	pin := fmt.Sprintf("%04d", n%10000)
	var a models.MealAccount
	err = s.DB.QueryRowContext(ctx, `INSERT INTO meal_accounts (student_id, balance_cents, eligibility, pin, active, updated_at)
		VALUES ($1, 0, $2, $3, true, now())
		ON CONFLICT (student_id) DO UPDATE SET active = true, eligibility = $2, updated_at = now()
		RETURNING id, student_id, balance_cents, eligibility, active, updated_at`, studentID, elig, pin).
		Scan(&a.ID, &a.StudentID, &a.BalanceCents, &a.Eligibility, &a.Active, &a.UpdatedAt)
	if err != nil {
		return nil, err
	}
	return &a, nil
}

// DetermineEligibility applies the federal income guidelines to the
// custodial household on file. Direct certification overrides income.
func (s *Service) DetermineEligibility(ctx context.Context, studentID int64) (string, error) {
	var directCert bool
	if err := s.DB.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM meal_eligibility
		WHERE student_id = $1 AND source = 'direct_certification' AND expires_on >= current_date)`,
		studentID).Scan(&directCert); err != nil {
		return "", err
	}
	if directCert {
		return Free, nil
	}
	var size int
	var income sql.NullInt64
	err := s.DB.QueryRowContext(ctx, `SELECT g.household_size, g.household_income_cents
		FROM guardians g JOIN student_guardians sg ON sg.guardian_id = g.id
		WHERE sg.student_id = $1 AND sg.has_custody AND sg.active
		ORDER BY sg.priority LIMIT 1`, studentID).Scan(&size, &income)
	if err == sql.ErrNoRows || !income.Valid || size == 0 {
		return Paid, nil
	}
	if err != nil {
		return "", err
	}
	return IncomeTier(size, money.Cents(income.Int64)), nil
}

// IncomeTier: free at or below 130% of the poverty line, reduced at or
// below 185%.
func IncomeTier(householdSize int, annualIncome money.Cents) string {
	poverty := money.FromDollars(15650) + money.Cents(householdSize-1)*money.FromDollars(5500)
	switch {
	case annualIncome <= poverty.Percent(130):
		return Free
	case annualIncome <= poverty.Percent(185):
		return Reduced
	default:
		return Paid
	}
}

func PriceFor(base money.Cents, eligibility, item string) money.Cents {
	switch eligibility {
	case Free:
		if item == "a_la_carte" {
			return base
		}
		return 0
	case Reduced:
		if strings.HasPrefix(item, "lunch") {
			return 40
		}
		if item == "breakfast" {
			return 30
		}
	}
	return base
}

func (s *Service) Deposit(ctx context.Context, studentID int64, amount money.Cents, source string) (*models.MealAccount, error) {
	if amount <= 0 || amount > money.FromDollars(500) {
		return nil, errs.Invalid("deposit must be between $0.01 and $500")
	}
	var a *models.MealAccount
	err := db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		var err error
		if a, err = s.account(ctx, tx, studentID, true); err != nil {
			return err
		}
		a.BalanceCents += int64(amount)
		return s.post(ctx, tx, a, int64(amount), "deposit", source, "")
	})
	return a, err
}

// Purchase charges an item at the POS. Free/reduced students are never
// refused a reimbursable meal; paid students are refused past the limit.
func (s *Service) Purchase(ctx context.Context, studentID int64, item, terminal string) (*models.MealTransaction, error) {
	base, ok := s.Prices[item]
	if !ok {
		return nil, errs.Invalid("unknown item %q", item)
	}
	var tx models.MealTransaction
	err := db.WithTx(ctx, s.DB, func(sqlTx *sql.Tx) error {
		a, err := s.account(ctx, sqlTx, studentID, true)
		if err != nil {
			return err
		}
		if !a.Active {
			return errs.Conflict("meal account is closed")
		}
		price := PriceFor(base, a.Eligibility, item)
		after := money.Cents(a.BalanceCents) - price
		reimbursable := item != "a_la_carte"
		if after < -s.NegativeLimit && !(reimbursable && a.Eligibility != Paid) {
			return errs.Conflict("insufficient balance %s for %s", money.Cents(a.BalanceCents), price)
		}
		if item == "a_la_carte" && after < 0 {
			return errs.Conflict("a la carte items cannot be charged")
		}
		a.BalanceCents = int64(after)
		tx = models.MealTransaction{AccountID: a.ID, AmountCents: -int64(price), Kind: "purchase", Item: item, TerminalID: terminal}
		return s.post(ctx, sqlTx, a, -int64(price), "purchase", item, terminal)
	})
	if err != nil {
		return nil, err
	}
	return &tx, nil
}

func (s *Service) post(ctx context.Context, tx *sql.Tx, a *models.MealAccount, amount int64, kind, item, terminal string) error {
	if _, err := tx.ExecContext(ctx, `UPDATE meal_accounts SET balance_cents = $2, updated_at = now() WHERE id = $1`,
		a.ID, a.BalanceCents); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO meal_transactions (account_id, amount_cents, kind, item, terminal_id, created_at)
		VALUES ($1,$2,$3,$4,$5, now())`, a.ID, amount, kind, item, db.NullString(terminal))
	return err
}

// OnStudentWithdrawn closes the account; the balance is refunded by the
// business office out of band.
func (s *Service) OnStudentWithdrawn(ctx context.Context, e events.Event) error {
	p, ok := e.Payload.(events.StudentChange)
	if !ok {
		return nil
	}
	_, err := s.DB.ExecContext(ctx, `UPDATE meal_accounts SET active = false, updated_at = now() WHERE student_id = $1`, p.StudentID)
	return err
}

type LowBalance struct {
	StudentID int64
	Name      string
	Balance   money.Cents
}

// LowBalances lists paid accounts under the threshold, with the student
// name for the notice.
func (s *Service) LowBalances(ctx context.Context, threshold money.Cents) ([]LowBalance, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT ma.student_id, st.first_name || ' ' || st.last_name, ma.balance_cents
		FROM meal_accounts ma JOIN students st ON st.id = ma.student_id
		WHERE ma.active AND ma.eligibility = 'paid' AND ma.balance_cents < $1 AND st.status = 'active'
		  AND NOT EXISTS (SELECT 1 FROM meal_low_balance_notices n
		                  WHERE n.account_id = ma.id AND n.sent_at > now() - interval '7 days')`, int64(threshold))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []LowBalance
	for rows.Next() {
		var lb LowBalance
		if err := rows.Scan(&lb.StudentID, &lb.Name, &lb.Balance); err != nil {
			return nil, err
		}
		out = append(out, lb)
	}
	return out, rows.Err()
}

func (s *Service) RecordNotice(ctx context.Context, studentID int64) error {
	_, err := s.DB.ExecContext(ctx, `INSERT INTO meal_low_balance_notices (account_id, sent_at)
		SELECT id, now() FROM meal_accounts WHERE student_id = $1`, studentID)
	return err
}
