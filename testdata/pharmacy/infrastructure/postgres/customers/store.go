// Package customers is the PostgreSQL store for customer accounts.
// Tables: customers, customer_addresses, customer_allergies.
package customers

import (
	"context"
	"database/sql"
	"strings"

	"rxnow.health/backend/domain/customers"
	"rxnow.health/backend/domain/models"
	"rxnow.health/backend/infrastructure/postgres"
	"rxnow.health/backend/kernel/errs"
)

// Store implements application/customers.Repository.
type Store struct{ db *sql.DB }

// NewStore wraps db.
func NewStore(db *sql.DB) *Store { return &Store{db: db} }

const customerCols = `id, email, first_name, last_name, phone, date_of_birth, guardian_id, sms_opt_in, created_at, updated_at`

func scanCustomer(row interface{ Scan(...any) error }) (customers.Customer, error) {
	var c customers.Customer
	var phone sql.NullString
	var guardian sql.NullInt64
	err := row.Scan(&c.ID, &c.Email, &c.FirstName, &c.LastName, &phone, &c.DateOfBirth, &guardian, &c.SMSOptIn, &c.CreatedAt, &c.UpdatedAt)
	c.Phone = phone.String
	c.GuardianID = postgres.Int64Ptr(guardian)
	return c, err
}

func (s *Store) Create(ctx context.Context, c *customers.Customer) error {
	return postgres.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `
			INSERT INTO customers (email, first_name, last_name, phone, date_of_birth, guardian_id, sms_opt_in, created_at, updated_at)
			VALUES ($1, $2, $3, NULLIF($4, ''), $5, $6, $7, now(), now())
			RETURNING id, created_at, updated_at`,
			c.Email, c.FirstName, c.LastName, c.Phone, c.DateOfBirth, postgres.NullInt64(c.GuardianID), c.SMSOptIn,
		).Scan(&c.ID, &c.CreatedAt, &c.UpdatedAt)
		if postgres.IsUniqueViolation(err) {
			return errs.Conflictf("customers.Store.Create", "email %s already registered", c.Email)
		}
		if err != nil {
			return err
		}
		return insertAllergies(ctx, tx, c.ID, c.Allergies)
	})
}

func (s *Store) Get(ctx context.Context, id int64) (customers.Customer, error) {
	c, err := scanCustomer(s.db.QueryRowContext(ctx, `SELECT `+customerCols+` FROM customers WHERE id = $1 AND deleted_at IS NULL`, id))
	if err != nil {
		return c, postgres.NotFound("customers.Store.Get", err, "customer", id)
	}
	c.Allergies, err = s.allergies(ctx, id)
	return c, err
}

func (s *Store) GetByEmail(ctx context.Context, email string) (customers.Customer, error) {
	c, err := scanCustomer(s.db.QueryRowContext(ctx, `SELECT `+customerCols+` FROM customers WHERE lower(email) = lower($1) AND deleted_at IS NULL`, email))
	if err != nil {
		return c, postgres.NotFound("customers.Store.GetByEmail", err, "customer", email)
	}
	return c, nil
}

func insertAllergies(ctx context.Context, tx *sql.Tx, customerID int64, allergies []string) error {
	for _, a := range allergies {
		if _, err := tx.ExecContext(ctx, `INSERT INTO customer_allergies (customer_id, allergen, recorded_at) VALUES ($1, $2, now())`, customerID, a); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) allergies(ctx context.Context, customerID int64) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT allergen FROM customer_allergies WHERE customer_id = $1 ORDER BY allergen`, customerID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func (s *Store) AddAddress(ctx context.Context, a *customers.Address) error {
	return postgres.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if a.IsDefault {
			if _, err := tx.ExecContext(ctx, `UPDATE customer_addresses SET is_default = false WHERE customer_id = $1`, a.CustomerID); err != nil {
				return err
			}
		}
		return tx.QueryRowContext(ctx, `
			INSERT INTO customer_addresses (customer_id, line1, line2, city, state, zip, is_default)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			a.CustomerID, a.Line1, a.Line2, a.City, a.State, a.Zip, a.IsDefault).Scan(&a.ID)
	})
}

func (s *Store) ListAddresses(ctx context.Context, customerID int64) ([]customers.Address, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT id, customer_id, line1, line2, city, state, zip, is_default
		FROM customer_addresses WHERE customer_id = $1 ORDER BY is_default DESC, id`, customerID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []customers.Address
	for rows.Next() {
		var a customers.Address
		if err := rows.Scan(&a.ID, &a.CustomerID, &a.Line1, &a.Line2, &a.City, &a.State, &a.Zip, &a.IsDefault); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func (s *Store) GetAddress(ctx context.Context, id int64) (customers.Address, error) {
	var a customers.Address
	err := s.db.QueryRowContext(ctx, `
		SELECT id, customer_id, line1, line2, city, state, zip, is_default
		FROM customer_addresses WHERE id = $1`, id).
		Scan(&a.ID, &a.CustomerID, &a.Line1, &a.Line2, &a.City, &a.State, &a.Zip, &a.IsDefault)
	if err != nil {
		return a, postgres.NotFound("customers.Store.GetAddress", err, "address", id)
	}
	return a, nil
}

// FindSummary loads the cross-context view in one round trip. Several other
// contexts call this directly instead of going through the service.
func (s *Store) FindSummary(ctx context.Context, id int64) (models.CustomerSummary, error) {
	var c models.CustomerSummary
	var phone sql.NullString
	var agg string
	err := s.db.QueryRowContext(ctx, `
		SELECT c.id, c.email, c.first_name, c.last_name, c.phone, c.date_of_birth, c.sms_opt_in,
		       COALESCE(string_agg(a.allergen, ',' ORDER BY a.allergen), '')
		FROM customers c
		LEFT JOIN customer_allergies a ON a.customer_id = c.id
		WHERE c.id = $1
		GROUP BY c.id`, id).
		Scan(&c.ID, &c.Email, &c.FirstName, &c.LastName, &phone, &c.DateOfBirth, &c.SMSOptIn, &agg)
	if err != nil {
		return c, postgres.NotFound("customers.Store.FindSummary", err, "customer", id)
	}
	c.Phone = phone.String
	if agg != "" {
		c.Allergies = strings.Split(agg, ",")
	}
	return c, nil
}
