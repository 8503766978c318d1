// Package account is the customer register: companies we haul for, their
// contacts, and the API keys they use on the portal.
package account

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"regexp"
	"strings"
	"time"

	"gitlab.com/roadrunner/fleet/entities"
	"gitlab.com/roadrunner/fleet/lib/clock"
	"gitlab.com/roadrunner/fleet/lib/dbx"
	"gitlab.com/roadrunner/fleet/lib/errs"
	"gitlab.com/roadrunner/fleet/lib/ids"
)

// Status of a customer account.
type Status string

const (
	Active Status = "active"
	OnHold Status = "on_hold" // credit control: no new shipments
	Closed Status = "closed"
)

// Customer is a shipper.
type Customer struct {
	ID           string           `json:"id"`
	Name         string           `json:"name"`
	VATNumber    string           `json:"vat_number"`
	BillingEmail string           `json:"billing_email"`
	Address      entities.Address `json:"address"`
	Status       Status           `json:"status"`
	CreatedAt    time.Time        `json:"created_at"`
}

// Ref is the cross-module handle.
func (c Customer) Ref() entities.CustomerRef {
	return entities.CustomerRef{ID: c.ID, Name: c.Name, BillingEmail: c.BillingEmail}
}

var vatRe = regexp.MustCompile(`^(BE|DE|FR|LU|NL|PL)[0-9A-Z]{8,12}$`)

// Service manages customers.
type Service struct {
	db    *sql.DB
	clock clock.Clock
}

// New wires the service.
func New(db *sql.DB, clk clock.Clock) *Service { return &Service{db: db, clock: clk} }

// Create registers a customer and returns its first API key (shown once).
func (s *Service) Create(ctx context.Context, c Customer) (Customer, string, error) {
	const op = "account.Create"
	c.ID, c.Status, c.CreatedAt = ids.New(ids.Customer), Active, s.clock.Now()
	c.VATNumber = strings.ToUpper(strings.ReplaceAll(c.VATNumber, " ", ""))
	var v errs.Validation
	v.Check(len(c.Name) >= 2, "name", "is required")
	v.Check(vatRe.MatchString(c.VATNumber), "vat_number", "is not an EU VAT number we accept")
	v.Check(strings.Contains(c.BillingEmail, "@"), "billing_email", "is not an e-mail address")
	if err := v.Err(op); err != nil {
		return c, "", err
	}
	var b [24]byte
	_, _ = rand.Read(b[:])
	key := "rk_" + hex.EncodeToString(b[:])
	addr, _ := json.Marshal(c.Address)
	_, err := s.db.ExecContext(ctx, `INSERT INTO customers (id, name, vat_number, billing_email, address, status,
		key_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		c.ID, c.Name, c.VATNumber, c.BillingEmail, addr, c.Status, hashKey(key), c.CreatedAt)
	if err != nil {
		return c, "", errs.Wrap(op, err)
	}
	return c, key, nil
}

func hashKey(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

const custCols = `id, name, vat_number, billing_email, address, status, created_at`

func scanCustomer(row interface{ Scan(...any) error }) (Customer, error) {
	var (
		c    Customer
		addr []byte
	)
	if err := row.Scan(&c.ID, &c.Name, &c.VATNumber, &c.BillingEmail, &addr, &c.Status, &c.CreatedAt); err != nil {
		return c, err
	}
	return c, json.Unmarshal(addr, &c.Address)
}

// Get returns a customer.
func (s *Service) Get(ctx context.Context, id string) (Customer, error) {
	c, err := scanCustomer(s.db.QueryRowContext(ctx, `SELECT `+custCols+` FROM customers WHERE id = $1`, id))
	if err != nil {
		return c, dbx.NotFoundOr(err, "account.Get", "customer", id)
	}
	return c, nil
}

// ByAPIKey authenticates a portal key.
func (s *Service) ByAPIKey(ctx context.Context, key string) (Customer, error) {
	c, err := scanCustomer(s.db.QueryRowContext(ctx, `SELECT `+custCols+` FROM customers
		WHERE key_hash = $1 AND status <> 'closed'`, hashKey(key)))
	if err != nil {
		return c, dbx.NotFoundOr(err, "account.ByAPIKey", "customer for key", "***")
	}
	return c, nil
}

// Contacts returns the e-mail addresses of contacts with a role that want
// notifications.
func (s *Service) Contacts(ctx context.Context, customerID, role string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT email FROM customer_contacts
		WHERE customer_id = $1 AND role = $2 AND notify`, customerID, role)
	if err != nil {
		return nil, errs.Wrap("account.Contacts", err)
	}
	return dbx.ScanAll(rows, func(r *sql.Rows) (string, error) {
		var e string
		return e, r.Scan(&e)
	})
}
