// Package accounts manages customers and their supply accounts. It predates
// the services/ tree: the store, the service and the validation all live here.
package accounts

import (
	"context"
	"database/sql"
	"time"

	"gridline.energy/platform/core/db"
	"gridline.energy/platform/core/models"
	"gridline.energy/platform/kit/errs"
	"gridline.energy/platform/kit/money"
)

type Store struct {
	db *sql.DB
}

func NewStore(d *sql.DB) *Store { return &Store{db: d} }

const accountCols = `a.id, a.number, a.customer_id, a.status, a.bill_line1, a.bill_line2, a.bill_town,
	a.bill_postcode, a.payment_method, a.billing_day, a.balance_pence, a.opened_at, a.closed_at`

func scanAccount(row interface{ Scan(...any) error }) (models.Account, error) {
	var a models.Account
	var closed sql.NullTime
	var bal int64
	err := row.Scan(&a.ID, &a.Number, &a.CustomerID, &a.Status, &a.BillingAddress.Line1,
		&a.BillingAddress.Line2, &a.BillingAddress.Town, &a.BillingAddress.Postcode,
		&a.PaymentMethod, &a.BillingDay, &bal, &a.OpenedAt, &closed)
	a.Balance = money.Pence(bal)
	a.ClosedAt = db.TimePtr(closed)
	return a, err
}

func (s *Store) Get(ctx context.Context, id string) (models.Account, error) {
	a, err := scanAccount(s.db.QueryRowContext(ctx, `SELECT `+accountCols+` FROM accounts a WHERE a.id = $1`, id))
	if db.IsNoRows(err) {
		return a, errs.NotFound("accounts.Get", "account %s", id)
	}
	return a, err
}

func (s *Store) GetByNumber(ctx context.Context, number string) (models.Account, error) {
	a, err := scanAccount(s.db.QueryRowContext(ctx, `SELECT `+accountCols+` FROM accounts a WHERE a.number = $1`, number))
	if db.IsNoRows(err) {
		return a, errs.NotFound("accounts.GetByNumber", "account %s", number)
	}
	return a, err
}

func (s *Store) Customer(ctx context.Context, id string) (models.Customer, error) {
	var c models.Customer
	var dob sql.NullTime
	err := s.db.QueryRowContext(ctx, `
		SELECT id, title, first_name, last_name, email, phone, dob, created_at
		FROM customers WHERE id = $1`, id).
		Scan(&c.ID, &c.Title, &c.FirstName, &c.LastName, &c.Email, &c.Phone, &dob, &c.CreatedAt)
	if db.IsNoRows(err) {
		return c, errs.NotFound("accounts.Customer", "customer %s", id)
	}
	c.DOB = db.TimePtr(dob)
	return c, err
}

func (s *Store) insertCustomer(ctx context.Context, tx *sql.Tx, c models.Customer) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO customers (id, title, first_name, last_name, email, phone, dob, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		c.ID, c.Title, c.FirstName, c.LastName, c.Email, c.Phone, db.NullTime(c.DOB), c.CreatedAt)
	return err
}

func (s *Store) insertAccount(ctx context.Context, tx *sql.Tx, a models.Account) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO accounts (id, number, customer_id, status, bill_line1, bill_line2, bill_town,
			bill_postcode, payment_method, billing_day, balance_pence, opened_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, $11)`,
		a.ID, a.Number, a.CustomerID, a.Status, a.BillingAddress.Line1, a.BillingAddress.Line2,
		a.BillingAddress.Town, a.BillingAddress.Postcode, a.PaymentMethod, a.BillingDay, a.OpenedAt)
	return err
}

func (s *Store) SetStatus(ctx context.Context, id, status string) error {
	var closed any
	if status == models.AccountClosed {
		closed = time.Now().UTC()
	}
	res, err := s.db.ExecContext(ctx,
		`UPDATE accounts SET status = $2, closed_at = COALESCE($3, closed_at) WHERE id = $1`, id, status, closed)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.NotFound("accounts.SetStatus", "account %s", id)
	}
	return nil
}

func (s *Store) SetPaymentMethod(ctx context.Context, id, method string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE accounts SET payment_method = $2 WHERE id = $1`, id, method)
	return err
}

func (s *Store) nextNumber(ctx context.Context, tx *sql.Tx) (int64, error) {
	var n int64
	err := tx.QueryRowContext(ctx, `SELECT nextval('account_number_seq')`).Scan(&n)
	return n, err
}
