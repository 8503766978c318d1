// Package partydb persists customers. Tables: customers, customer_addresses.
package partydb

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"harbormutual.com/core/domain"
	"harbormutual.com/core/platform/db"
	"harbormutual.com/core/platform/errs"
)

type Repo struct {
	db *db.DB
}

func New(pool *db.DB) *Repo { return &Repo{db: pool} }

const customerCols = `c.id, c.ref, c.kind, c.first_name, c.last_name, c.email, c.phone, c.dob,
	c.credit_score, c.paperless, c.created_at, c.updated_at,
	a.line1, a.line2, a.city, a.state, a.zip`

const customerFrom = ` FROM customers c
	LEFT JOIN customer_addresses a ON a.customer_id = c.id AND a.kind = 'MAILING'`

func scanCustomer(row interface{ Scan(...any) error }) (*domain.Customer, error) {
	var c domain.Customer
	var line2, phone sql.NullString
	var credit sql.NullInt64
	err := row.Scan(&c.ID, &c.Ref, &c.Kind, &c.FirstName, &c.LastName, &c.Email, &phone, &c.DOB,
		&credit, &c.Paperless, &c.CreatedAt, &c.UpdatedAt,
		&c.Mailing.Line1, &line2, &c.Mailing.City, &c.Mailing.State, &c.Mailing.Zip)
	if err != nil {
		return nil, err
	}
	c.Mailing.Line2 = line2.String
	c.Phone = phone.String
	c.CreditScore = int(credit.Int64)
	return &c, nil
}

func (r *Repo) Get(ctx context.Context, id int64) (*domain.Customer, error) {
	row := db.Q(ctx, r.db).QueryRowContext(ctx, `SELECT `+customerCols+customerFrom+` WHERE c.id = $1`, id)
	c, err := scanCustomer(row)
	if db.IsNoRows(err) {
		return nil, errs.NotFoundf("partydb.Get", "customer %d", id)
	}
	return c, errs.Wrap("partydb.Get", err)
}

// FindByEmail is used for duplicate detection on create.
func (r *Repo) FindByEmail(ctx context.Context, email string) (*domain.Customer, error) {
	row := db.Q(ctx, r.db).QueryRowContext(ctx,
		`SELECT `+customerCols+customerFrom+` WHERE lower(c.email) = lower($1) AND c.deleted_at IS NULL`, email)
	c, err := scanCustomer(row)
	if db.IsNoRows(err) {
		return nil, nil
	}
	return c, errs.Wrap("partydb.FindByEmail", err)
}

func (r *Repo) Search(ctx context.Context, name string, limit int) ([]*domain.Customer, error) {
	pattern := "%" + strings.ToLower(name) + "%"
	rows, err := db.Q(ctx, r.db).QueryContext(ctx, `SELECT `+customerCols+customerFrom+`
		WHERE c.deleted_at IS NULL AND (lower(c.last_name) LIKE $1 OR lower(c.first_name || ' ' || c.last_name) LIKE $1)
		ORDER BY c.last_name, c.first_name LIMIT $2`, pattern, limit)
	if err != nil {
		return nil, errs.Wrap("partydb.Search", err)
	}
	defer rows.Close()
	var out []*domain.Customer
	for rows.Next() {
		c, err := scanCustomer(rows)
		if err != nil {
			return nil, errs.Wrap("partydb.Search", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (r *Repo) Insert(ctx context.Context, c *domain.Customer) error {
	q := db.Q(ctx, r.db)
	now := time.Now()
	err := q.QueryRowContext(ctx, `INSERT INTO customers
		(ref, kind, first_name, last_name, email, phone, dob, credit_score, paperless, created_at, updated_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10) RETURNING id`,
		c.Ref, c.Kind, c.FirstName, c.LastName, c.Email, db.NullString(c.Phone), c.DOB,
		db.NullInt64(int64(c.CreditScore)), c.Paperless, now).Scan(&c.ID)
	if err != nil {
		return errs.Wrap("partydb.Insert", err)
	}
	c.CreatedAt, c.UpdatedAt = now, now
	return r.upsertAddress(ctx, q, c.ID, c.Mailing)
}

func (r *Repo) Update(ctx context.Context, c *domain.Customer) error {
	q := db.Q(ctx, r.db)
	res, err := q.ExecContext(ctx, `UPDATE customers SET first_name=$2, last_name=$3, email=$4, phone=$5,
		dob=$6, credit_score=$7, paperless=$8, updated_at=now(), updated_by=$9 WHERE id=$1 AND deleted_at IS NULL`,
		c.ID, c.FirstName, c.LastName, c.Email, db.NullString(c.Phone), c.DOB,
		db.NullInt64(int64(c.CreditScore)), c.Paperless, c.UpdatedBy)
	if err != nil {
		return errs.Wrap("partydb.Update", err)
	}
	if err := db.MustAffect("partydb.Update", res, "customer"); err != nil {
		return err
	}
	return r.upsertAddress(ctx, q, c.ID, c.Mailing)
}

func (r *Repo) upsertAddress(ctx context.Context, q db.Querier, customerID int64, a domain.Address) error {
	_, err := q.ExecContext(ctx, `INSERT INTO customer_addresses (customer_id, kind, line1, line2, city, state, zip)
		VALUES ($1, 'MAILING', $2, $3, $4, $5, $6)
		ON CONFLICT (customer_id, kind) DO UPDATE SET line1=EXCLUDED.line1, line2=EXCLUDED.line2,
		city=EXCLUDED.city, state=EXCLUDED.state, zip=EXCLUDED.zip`,
		customerID, a.Line1, db.NullString(a.Line2), a.City, a.State, a.Zip)
	return errs.Wrap("partydb.upsertAddress", err)
}

// SoftDelete marks a customer deleted (GDPR/CCPA requests).
func (r *Repo) SoftDelete(ctx context.Context, id int64) error {
	res, err := db.Q(ctx, r.db).ExecContext(ctx,
		`UPDATE customers SET deleted_at = now(), email = 'deleted+' || id || '@invalid' WHERE id = $1 AND deleted_at IS NULL`, id)
	if err != nil {
		return errs.Wrap("partydb.SoftDelete", err)
	}
	return db.MustAffect("partydb.SoftDelete", res, "customer")
}
