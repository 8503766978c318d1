// Package store persists CDR files, CDRs, rated events, allowance buckets
// and prepaid credit.
package store

import (
	"context"
	"database/sql"
	"time"

	"mvno.telco/core/models"
	"mvno.telco/core/platform/db"
	"mvno.telco/core/platform/errs"
	"mvno.telco/core/platform/money"
)

type Store struct{ db *sql.DB }

func New(pool *sql.DB) *Store { return &Store{db: pool} }

func (s *Store) DB() *sql.DB { return s.db }

// RegisterFile records a CDR file; a file with a known checksum is a duplicate.
func (s *Store) RegisterFile(ctx context.Context, id, name, checksum string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO cdr_files (id, name, checksum, status, received_at) VALUES ($1, $2, $3, 'loading', now())`,
		id, name, checksum)
	if db.IsUniqueViolation(err) {
		return errs.E(errs.Conflict, "rating.RegisterFile", "file already loaded: "+name)
	}
	return err
}

func (s *Store) FinishFile(ctx context.Context, id string, loaded, rejected int) error {
	_, err := s.db.ExecContext(ctx, `UPDATE cdr_files SET status = 'loaded', records = $2, rejected = $3, loaded_at = now() WHERE id = $1`,
		id, loaded, rejected)
	return err
}

func (s *Store) InsertCDRs(ctx context.Context, cdrs []models.CDR) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO cdrs (id, file_id, record_ref, msisdn, service, destination, zone, started_at, units, status)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,'new') ON CONFLICT (record_ref) DO NOTHING`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, c := range cdrs {
			if _, err := stmt.ExecContext(ctx, c.ID, c.FileID, c.RecordRef, c.MSISDN, c.Service, c.Destination, c.Zone, c.StartedAt, c.Units); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Store) UnratedCDRs(ctx context.Context, limit int) ([]models.CDR, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, file_id, record_ref, msisdn, service, destination, zone, started_at, units
		FROM cdrs WHERE status = 'new' ORDER BY started_at LIMIT $1`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.CDR
	for rows.Next() {
		var c models.CDR
		if err := rows.Scan(&c.ID, &c.FileID, &c.RecordRef, &c.MSISDN, &c.Service, &c.Destination, &c.Zone, &c.StartedAt, &c.Units); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (s *Store) MarkCDR(ctx context.Context, id, status, reason string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE cdrs SET status = $2, error = $3 WHERE id = $1`, id, status, db.NullString(reason))
	return err
}

func (s *Store) InsertRated(ctx context.Context, e models.RatedEvent) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO rated_events
			(id, cdr_id, subscriber_id, service, zone, billed_units, from_allowance, charge, currency, rated_at, invoiced)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,false)`,
			e.ID, e.CDRID, e.SubscriberID, e.Service, e.Zone, e.BilledUnits, e.FromAllowance, e.Charge.Amount, e.Charge.Currency, e.RatedAt); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE cdrs SET status = 'rated' WHERE id = $1`, e.CDRID)
		return err
	})
}

// UsageByService sums out-of-bundle charges and units per service.
func (s *Store) UsageByService(ctx context.Context, subscriberID string, from, to time.Time, uninvoicedOnly bool) (models.UsageSummary, error) {
	sum := models.UsageSummary{SubscriberID: subscriberID, From: from, To: to,
		ByService: map[string]money.Money{}, Units: map[string]int64{}}
	rows, err := s.db.QueryContext(ctx, `SELECT service, currency, sum(charge), sum(billed_units)
		FROM rated_events
		WHERE subscriber_id = $1 AND rated_at >= $2 AND rated_at < $3 AND (NOT $4 OR NOT invoiced)
		GROUP BY service, currency`, subscriberID, from, to, uninvoicedOnly)
	if err != nil {
		return sum, err
	}
	defer rows.Close()
	for rows.Next() {
		var svc, cur string
		var amt, units int64
		if err := rows.Scan(&svc, &cur, &amt, &units); err != nil {
			return sum, err
		}
		sum.ByService[svc] = money.New(amt, cur)
		sum.Units[svc] = units
	}
	return sum, rows.Err()
}

func (s *Store) Buckets(ctx context.Context, subscriberID, service string) ([]models.Bucket, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, subscriber_id, service, source, granted, remaining, expires_at
		FROM allowance_buckets
		WHERE subscriber_id = $1 AND ($2 = '' OR service = $2) AND remaining > 0 AND expires_at > now()
		ORDER BY expires_at`, subscriberID, service)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Bucket
	for rows.Next() {
		var b models.Bucket
		if err := rows.Scan(&b.ID, &b.SubscriberID, &b.Service, &b.Source, &b.Granted, &b.Remaining, &b.ExpiresAt); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

func (s *Store) InsertBucket(ctx context.Context, b models.Bucket) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO allowance_buckets (id, subscriber_id, service, source, granted, remaining, expires_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7)`, b.ID, b.SubscriberID, b.Service, b.Source, b.Granted, b.Remaining, b.ExpiresAt)
	return err
}

func (s *Store) SetBucketRemaining(ctx context.Context, id string, remaining int64) error {
	_, err := s.db.ExecContext(ctx, `UPDATE allowance_buckets SET remaining = $2 WHERE id = $1`, id, remaining)
	return err
}

// ExpireSourceBuckets zeroes buckets from a plan being replaced.
func (s *Store) ExpireSourceBuckets(ctx context.Context, subscriberID, source string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE allowance_buckets SET expires_at = now() WHERE subscriber_id = $1 AND source = $2 AND expires_at > now()`,
		subscriberID, source)
	return err
}

func (s *Store) Credit(ctx context.Context, subscriberID, currency string) (money.Money, error) {
	var amt int64
	err := s.db.QueryRowContext(ctx, `SELECT credit FROM prepaid_balances WHERE subscriber_id = $1`, subscriberID).Scan(&amt)
	if db.IsNoRows(err) {
		return money.Zero(currency), nil
	}
	return money.New(amt, currency), err
}

// AdjustCredit adds delta (may be negative). Debits never take credit
// below zero; it reports whether the adjustment was applied.
func (s *Store) AdjustCredit(ctx context.Context, subscriberID string, delta money.Money) (bool, error) {
	if delta.Amount < 0 {
		res, err := s.db.ExecContext(ctx, `UPDATE prepaid_balances SET credit = credit + $2, updated_at = now()
			WHERE subscriber_id = $1 AND credit + $2 >= 0`, subscriberID, delta.Amount)
		if err != nil {
			return false, err
		}
		n, _ := res.RowsAffected()
		return n > 0, nil
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO prepaid_balances (subscriber_id, credit, currency, updated_at)
		VALUES ($1, $2, $3, now())
		ON CONFLICT (subscriber_id) DO UPDATE SET credit = prepaid_balances.credit + EXCLUDED.credit, updated_at = now()`,
		subscriberID, delta.Amount, delta.Currency)
	return err == nil, err
}
