// Package store persists SIM and eSIM inventory.
package store

import (
	"context"
	"database/sql"
	"time"

	"mvno.telco/core/models"
	"mvno.telco/core/platform/db"
	"mvno.telco/core/platform/errs"
)

type Store struct{ db *sql.DB }

func New(pool *sql.DB) *Store { return &Store{db: pool} }

const simCols = `iccid, imsi, kind, status, batch_id, coalesce(subscriber_id, ''), coalesce(activation_code, ''), updated_at`

func scan(row interface{ Scan(...any) error }) (models.SimCard, error) {
	var c models.SimCard
	err := row.Scan(&c.ICCID, &c.IMSI, &c.Kind, &c.Status, &c.BatchID, &c.SubscriberID, &c.ActivationCode, &c.UpdatedAt)
	return c, err
}

func (s *Store) Get(ctx context.Context, iccid string) (models.SimCard, error) {
	c, err := scan(s.db.QueryRowContext(ctx, `SELECT `+simCols+` FROM sim_cards WHERE iccid = $1`, iccid))
	if db.IsNoRows(err) {
		return c, errs.E(errs.NotFound, "sims.Get", "sim "+iccid+" not found")
	}
	return c, err
}

func (s *Store) ActiveForSubscriber(ctx context.Context, subscriberID string) (models.SimCard, error) {
	c, err := scan(s.db.QueryRowContext(ctx, `SELECT `+simCols+` FROM sim_cards
		WHERE subscriber_id = $1 AND status IN ('reserved', 'active') ORDER BY updated_at DESC LIMIT 1`, subscriberID))
	if db.IsNoRows(err) {
		return c, errs.E(errs.NotFound, "sims.ActiveForSubscriber", "no sim for subscriber")
	}
	return c, err
}

// ReserveNext takes the oldest available card of a kind and reserves it
// for the subscriber (or for an order when subscriberID is empty).
func (s *Store) ReserveNext(ctx context.Context, kind, subscriberID string) (models.SimCard, error) {
	var c models.SimCard
	err := db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		var err error
		c, err = scan(tx.QueryRowContext(ctx, `SELECT `+simCols+` FROM sim_cards
			WHERE kind = $1 AND status = 'available'
			ORDER BY batch_id, iccid LIMIT 1 FOR UPDATE SKIP LOCKED`, kind))
		if db.IsNoRows(err) {
			return errs.E(errs.Unavailable, "sims.ReserveNext", "no "+kind+" SIMs in stock")
		}
		if err != nil {
			return err
		}
		c.Status, c.SubscriberID, c.UpdatedAt = models.SimReserved, subscriberID, time.Now().UTC()
		_, err = tx.ExecContext(ctx, `UPDATE sim_cards SET status = 'reserved', subscriber_id = $2, updated_at = $3 WHERE iccid = $1`,
			c.ICCID, db.NullString(subscriberID), c.UpdatedAt)
		return err
	})
	return c, err
}

func (s *Store) SetStatus(ctx context.Context, iccid, status, subscriberID string) error {
	res, err := s.db.ExecContext(ctx, `UPDATE sim_cards SET status = $2, subscriber_id = $3, updated_at = now() WHERE iccid = $1`,
		iccid, status, db.NullString(subscriberID))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.NotFound, "sims.SetStatus", "sim not found")
	}
	return nil
}

func (s *Store) SetActivationCode(ctx context.Context, iccid, code, matchingID string) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE sim_cards SET activation_code = $2, updated_at = now() WHERE iccid = $1`, iccid, code); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO esim_profiles (iccid, matching_id, state, created_at)
			VALUES ($1, $2, 'released', now())
			ON CONFLICT (iccid) DO UPDATE SET matching_id = EXCLUDED.matching_id, state = 'released'`, iccid, matchingID)
		return err
	})
}

// InsertBatch loads a manufacturer delivery file.
func (s *Store) InsertBatch(ctx context.Context, batchID, vendor string, cards []models.SimCard) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sim_batches (id, vendor, size, received_at) VALUES ($1, $2, $3, now())`,
			batchID, vendor, len(cards)); err != nil {
			return err
		}
		for _, c := range cards {
			if _, err := tx.ExecContext(ctx, `INSERT INTO sim_cards (iccid, imsi, kind, status, batch_id, updated_at)
				VALUES ($1, $2, $3, 'available', $4, now())`, c.ICCID, c.IMSI, c.Kind, batchID); err != nil {
				if db.IsUniqueViolation(err) {
					return errs.E(errs.Conflict, "sims.InsertBatch", "duplicate ICCID "+c.ICCID)
				}
				return err
			}
		}
		return nil
	})
}
