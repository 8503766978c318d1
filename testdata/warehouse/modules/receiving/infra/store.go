// Package infra persists ASNs, receipts and discrepancies.
package infra

import (
	"context"
	"database/sql"
	"time"

	"shipwell.io/wms/modules/receiving/domain"
	"shipwell.io/wms/pkg/apperr"
	"shipwell.io/wms/pkg/db"
	"shipwell.io/wms/pkg/ids"
	"shipwell.io/wms/pkg/models"
)

type Store struct{ DB *sql.DB }

func New(d *sql.DB) *Store { return &Store{DB: d} }

func (s *Store) CreateASN(ctx context.Context, q db.Querier, a *models.ASN) error {
	if a.ID == "" {
		a.ID = ids.New("asn")
	}
	a.CreatedAt = time.Now().UTC()
	if _, err := q.ExecContext(ctx, `
		INSERT INTO asns (id, client_id, reference, carrier, expected_at, status, dock_door, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		a.ID, a.ClientID, a.Reference, db.NullString(a.Carrier), a.ExpectedAt, a.Status,
		db.NullString(a.DockDoor), a.CreatedAt); err != nil {
		return apperr.Wrap(err, "insert asn")
	}
	for _, l := range a.Lines {
		if _, err := q.ExecContext(ctx, `
			INSERT INTO asn_lines (asn_id, line_no, sku, expected_qty, received_qty, damaged_qty, lot)
			VALUES ($1, $2, $3, $4, 0, 0, $5)`, a.ID, l.LineNo, l.SKU, l.ExpectedQty, db.NullString(l.Lot)); err != nil {
			return apperr.Wrap(err, "insert asn line")
		}
	}
	return nil
}

// GetASN loads the header and lines; with forUpdate the header row is locked.
func (s *Store) GetASN(ctx context.Context, q db.Querier, id string, forUpdate bool) (*models.ASN, error) {
	lock := ""
	if forUpdate {
		lock = " FOR UPDATE"
	}
	var a models.ASN
	var carrier, door sql.NullString
	var closed sql.NullTime
	err := q.QueryRowContext(ctx, `
		SELECT id, client_id, reference, carrier, expected_at, status, dock_door, closed_at, created_at
		FROM asns WHERE id = $1`+lock, id).Scan(&a.ID, &a.ClientID, &a.Reference, &carrier, &a.ExpectedAt,
		&a.Status, &door, &closed, &a.CreatedAt)
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("ASN %s", id)
	}
	if err != nil {
		return nil, err
	}
	a.Carrier, a.DockDoor = carrier.String, door.String
	if closed.Valid {
		a.ClosedAt = &closed.Time
	}
	rows, err := q.QueryContext(ctx, `
		SELECT line_no, sku, expected_qty, received_qty, damaged_qty, COALESCE(lot, '')
		FROM asn_lines WHERE asn_id = $1 ORDER BY line_no`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var l models.ASNLine
		if err := rows.Scan(&l.LineNo, &l.SKU, &l.ExpectedQty, &l.ReceivedQty, &l.DamagedQty, &l.Lot); err != nil {
			return nil, err
		}
		a.Lines = append(a.Lines, l)
	}
	return &a, rows.Err()
}

func (s *Store) SaveLine(ctx context.Context, q db.Querier, asnID string, l *models.ASNLine) error {
	_, err := q.ExecContext(ctx, `
		UPDATE asn_lines SET received_qty = $3, damaged_qty = $4 WHERE asn_id = $1 AND line_no = $2`,
		asnID, l.LineNo, l.ReceivedQty, l.DamagedQty)
	return err
}

func (s *Store) SetStatus(ctx context.Context, q db.Querier, a *models.ASN) error {
	_, err := q.ExecContext(ctx, `UPDATE asns SET status = $2, closed_at = $3 WHERE id = $1`,
		a.ID, a.Status, a.ClosedAt)
	return err
}

func (s *Store) InsertReceipt(ctx context.Context, q db.Querier, r *models.Receipt) error {
	if r.ID == "" {
		r.ID = ids.New("rcp")
	}
	_, err := q.ExecContext(ctx, `
		INSERT INTO receipts (id, asn_id, line_no, sku, qty, damaged, pallets, location_id, lot, expires_at, received_by, received_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		r.ID, r.ASNID, r.LineNo, r.SKU, r.Qty, r.Damaged, r.Pallets, r.LocationID, db.NullString(r.Lot),
		r.ExpiresAt, r.ReceivedBy, r.ReceivedAt)
	return err
}

func (s *Store) InsertDiscrepancies(ctx context.Context, q db.Querier, asnID string, ds []domain.Discrepancy) error {
	for _, d := range ds {
		if _, err := q.ExecContext(ctx, `
			INSERT INTO receiving_discrepancies (asn_id, line_no, sku, kind, qty, created_at)
			VALUES ($1, $2, $3, $4, $5, now())`, asnID, d.LineNo, d.SKU, d.Kind, d.Qty); err != nil {
			return err
		}
	}
	return nil
}

// UnknownSKUs returns ASN line SKUs that have no item master record.
func (s *Store) UnknownSKUs(ctx context.Context, clientID string, skus []string) ([]string, error) {
	rows, err := s.DB.QueryContext(ctx, `
		SELECT s FROM unnest($2::text[]) AS s
		WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.client_id = $1 AND i.sku = s)`, clientID, skus)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var sku string
		if err := rows.Scan(&sku); err != nil {
			return nil, err
		}
		out = append(out, sku)
	}
	return out, rows.Err()
}

func (s *Store) OpenBefore(ctx context.Context, t time.Time) ([]string, error) {
	rows, err := s.DB.QueryContext(ctx, `
		SELECT id FROM asns WHERE status = 'open' AND expected_at < $1 AND overdue_notified_at IS NULL`, t)
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

func (s *Store) MarkOverdueNotified(ctx context.Context, id string) error {
	_, err := s.DB.ExecContext(ctx, `UPDATE asns SET overdue_notified_at = now() WHERE id = $1`, id)
	return err
}
