// Package store persists subscribers, their subscriptions and KYC checks.
package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"mvno.telco/core/models"
	"mvno.telco/core/platform/db"
	"mvno.telco/core/platform/errs"
)

type Store struct{ db *sql.DB }

func New(pool *sql.DB) *Store { return &Store{db: pool} }

const cols = `id, first_name, last_name, email, date_of_birth, address, coalesce(msisdn, ''), coalesce(iccid, ''),
	plan_code, payment_mode, status, kyc_status, billing_day, coalesce(activated_at, 'epoch'), created_at`

func scan(row interface{ Scan(...any) error }) (models.Subscriber, error) {
	var s models.Subscriber
	var status string
	err := row.Scan(&s.ID, &s.FirstName, &s.LastName, &s.Email, &s.DateOfBirth, &s.Address, &s.MSISDN, &s.ICCID,
		&s.PlanCode, &s.PaymentMode, &status, &s.KYCStatus, &s.BillingDay, &s.ActivatedAt, &s.CreatedAt)
	s.Status = models.SubscriberStatus(status)
	return s, err
}

func (s *Store) list(ctx context.Context, where string, args ...any) ([]models.Subscriber, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+cols+` FROM subscribers WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Subscriber
	for rows.Next() {
		sub, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, sub)
	}
	return out, rows.Err()
}

func (s *Store) Insert(ctx context.Context, sub models.Subscriber) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO subscribers
		(id, first_name, last_name, email, date_of_birth, address, plan_code, payment_mode, status, kyc_status, billing_day, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
		sub.ID, sub.FirstName, sub.LastName, strings.ToLower(sub.Email), sub.DateOfBirth, sub.Address,
		sub.PlanCode, sub.PaymentMode, string(sub.Status), sub.KYCStatus, sub.BillingDay, sub.CreatedAt)
	if db.IsUniqueViolation(err) {
		return errs.E(errs.Conflict, "subscribers.Insert", "email already registered")
	}
	return err
}

func (s *Store) Get(ctx context.Context, id string) (models.Subscriber, error) {
	sub, err := scan(s.db.QueryRowContext(ctx, `SELECT `+cols+` FROM subscribers WHERE id = $1`, id))
	if db.IsNoRows(err) {
		return sub, errs.E(errs.NotFound, "subscribers.Get", "subscriber "+id+" not found")
	}
	return sub, err
}

func (s *Store) ByMSISDN(ctx context.Context, msisdn string) (models.Subscriber, error) {
	sub, err := scan(s.db.QueryRowContext(ctx, `SELECT `+cols+` FROM subscribers
		WHERE msisdn = $1 AND status <> 'terminated'`, msisdn))
	if db.IsNoRows(err) {
		return sub, errs.E(errs.NotFound, "subscribers.ByMSISDN", "no subscriber for "+msisdn)
	}
	return sub, err
}

func (s *Store) Search(ctx context.Context, q string, limit, offset int) ([]models.Subscriber, error) {
	like := "%" + strings.ToLower(q) + "%"
	return s.list(ctx, `(lower(last_name) LIKE $1 OR email LIKE $1 OR msisdn LIKE $1)
		ORDER BY created_at DESC LIMIT $2 OFFSET $3`, like, limit, offset)
}

func (s *Store) SetStatus(ctx context.Context, id string, st models.SubscriberStatus) error {
	_, err := s.db.ExecContext(ctx, `UPDATE subscribers SET status = $2, status_changed_at = now() WHERE id = $1`, id, string(st))
	return err
}

func (s *Store) SetKYC(ctx context.Context, c models.KYCCheck) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO kyc_checks
			(id, subscriber_id, vendor, document_type, document_number, document_expiry, result, reason, checked_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
			c.ID, c.SubscriberID, c.Vendor, c.DocumentType, c.DocumentNumber, c.DocumentExpiry, c.Result, c.Reason, c.CheckedAt); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE subscribers SET kyc_status = $2 WHERE id = $1`, c.SubscriberID, c.Result)
		return err
	})
}

// SetLine records the number and SIM on activation and opens the subscription.
func (s *Store) SetLine(ctx context.Context, id, msisdn, iccid, planCode string, at time.Time) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE subscribers SET msisdn = $2, iccid = $3, status = 'active',
			activated_at = $4, billing_day = LEAST(EXTRACT(DAY FROM $4::timestamptz)::int, 28) WHERE id = $1`,
			id, msisdn, iccid, at); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO subscriptions (subscriber_id, plan_code, started_at) VALUES ($1, $2, $3)`,
			id, planCode, at)
		return err
	})
}

// UpdateMSISDN replaces the number on a live line (port-in of an existing customer).
func (s *Store) UpdateMSISDN(ctx context.Context, id, msisdn string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE subscribers SET msisdn = $2 WHERE id = $1`, id, msisdn)
	return err
}

func (s *Store) ChangePlan(ctx context.Context, id, planCode string, at time.Time) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE subscriptions SET ended_at = $2 WHERE subscriber_id = $1 AND ended_at IS NULL`, id, at); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO subscriptions (subscriber_id, plan_code, started_at) VALUES ($1, $2, $3)`, id, planCode, at); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE subscribers SET plan_code = $2 WHERE id = $1`, id, planCode)
		return err
	})
}

func (s *Store) EndSubscription(ctx context.Context, id string, at time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE subscriptions SET ended_at = $2 WHERE subscriber_id = $1 AND ended_at IS NULL`, id, at)
	return err
}

func (s *Store) AddAddOn(ctx context.Context, id, code string, recurring bool, expires time.Time) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO subscription_addons (subscriber_id, addon_code, recurring, purchased_at, expires_at)
		VALUES ($1, $2, $3, now(), $4)`, id, code, recurring, db.NullTime(expires))
	return err
}

// RecurringAddOns lists add-ons billed every cycle.
func (s *Store) RecurringAddOns(ctx context.Context, id string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT addon_code FROM subscription_addons
		WHERE subscriber_id = $1 AND recurring AND cancelled_at IS NULL`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Subscription returns the currently open subscription.
func (s *Store) Subscription(ctx context.Context, id string) (models.Subscription, error) {
	var sub models.Subscription
	err := s.db.QueryRowContext(ctx, `SELECT subscriber_id, plan_code, started_at FROM subscriptions
		WHERE subscriber_id = $1 AND ended_at IS NULL`, id).Scan(&sub.SubscriberID, &sub.PlanCode, &sub.StartedAt)
	if db.IsNoRows(err) {
		return sub, errs.E(errs.NotFound, "subscribers.Subscription", "no open subscription")
	}
	if err != nil {
		return sub, err
	}
	sub.AddOns, err = s.RecurringAddOns(ctx, id)
	return sub, err
}

func (s *Store) DueForBilling(ctx context.Context, day int) ([]models.Subscriber, error) {
	return s.list(ctx, `payment_mode = 'postpaid' AND status IN ('active', 'suspended') AND billing_day = $1 ORDER BY id`, day)
}

func (s *Store) StalePending(ctx context.Context, before time.Time) ([]models.Subscriber, error) {
	return s.list(ctx, `status = 'pending' AND created_at < $1`, before)
}

func (s *Store) SuspendedBefore(ctx context.Context, before time.Time) ([]models.Subscriber, error) {
	return s.list(ctx, `status = 'suspended' AND status_changed_at < $1`, before)
}
