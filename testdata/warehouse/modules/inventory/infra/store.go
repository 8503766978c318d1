// Package infra persists items, balances, movements and allocations.
package infra

import (
	"context"
	"database/sql"
	"time"

	"shipwell.io/wms/modules/inventory/domain"
	"shipwell.io/wms/pkg/apperr"
	"shipwell.io/wms/pkg/db"
	"shipwell.io/wms/pkg/ids"
	"shipwell.io/wms/pkg/models"
)

type Store struct{ DB *sql.DB }

func New(d *sql.DB) *Store { return &Store{DB: d} }

func (s *Store) GetItem(ctx context.Context, clientID, sku string) (*models.Item, error) {
	var it models.Item
	err := s.DB.QueryRowContext(ctx, `
		SELECT sku, client_id, description, COALESCE(upc, ''), length_cm, width_cm, height_cm, weight_g,
		       case_pack, velocity, hazmat, min_pick_face, max_pick_face
		FROM items WHERE client_id = $1 AND sku = $2`, clientID, sku).Scan(
		&it.SKU, &it.ClientID, &it.Description, &it.UPC, &it.Dims.LengthCM, &it.Dims.WidthCM, &it.Dims.HeightCM,
		&it.Dims.WeightG, &it.CasePack, &it.Velocity, &it.Hazmat, &it.MinPickFace, &it.MaxPickFace)
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("item %s/%s", clientID, sku)
	}
	return &it, err
}

func (s *Store) UpsertItem(ctx context.Context, it *models.Item) error {
	_, err := s.DB.ExecContext(ctx, `
		INSERT INTO items (client_id, sku, description, upc, length_cm, width_cm, height_cm, weight_g,
			case_pack, velocity, hazmat, min_pick_face, max_pick_face)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
		ON CONFLICT (client_id, sku) DO UPDATE SET description = EXCLUDED.description, upc = EXCLUDED.upc,
			length_cm = EXCLUDED.length_cm, width_cm = EXCLUDED.width_cm, height_cm = EXCLUDED.height_cm,
			weight_g = EXCLUDED.weight_g, case_pack = EXCLUDED.case_pack, hazmat = EXCLUDED.hazmat,
			min_pick_face = EXCLUDED.min_pick_face, max_pick_face = EXCLUDED.max_pick_face`,
		it.ClientID, it.SKU, it.Description, db.NullString(it.UPC), it.Dims.LengthCM, it.Dims.WidthCM,
		it.Dims.HeightCM, it.Dims.WeightG, it.CasePack, it.Velocity, it.Hazmat, it.MinPickFace, it.MaxPickFace)
	return err
}

const balCols = `b.id, b.client_id, b.sku, b.location_id, COALESCE(b.lot, ''), b.expires_at,
	b.on_hand, b.allocated, b.on_hold, b.received_at`

func scanBalance(row interface{ Scan(...any) error }, extra ...any) (models.InventoryBalance, error) {
	var b models.InventoryBalance
	var exp sql.NullTime
	dst := append([]any{&b.ID, &b.ClientID, &b.SKU, &b.LocationID, &b.Lot, &exp,
		&b.OnHand, &b.Allocated, &b.OnHold, &b.ReceivedAt}, extra...)
	if err := row.Scan(dst...); err != nil {
		return b, err
	}
	if exp.Valid {
		b.ExpiresAt = &exp.Time
	}
	return b, nil
}

// Candidates loads balances for a SKU with their location type, locking the
// rows when q is a transaction.
func (s *Store) Candidates(ctx context.Context, q db.Querier, clientID, sku string) ([]domain.Candidate, error) {
	rows, err := q.QueryContext(ctx, `
		SELECT `+balCols+`, l.type, l.pick_seq
		FROM inventory_balances b JOIN locations l ON l.id = b.location_id
		WHERE b.client_id = $1 AND b.sku = $2 AND b.on_hand > 0 AND NOT l.blocked
		ORDER BY b.received_at
		FOR UPDATE OF b`, clientID, sku)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Candidate
	for rows.Next() {
		var c domain.Candidate
		b, err := scanBalance(rows, &c.LocType, &c.PickSeq)
		if err != nil {
			return nil, err
		}
		c.Balance = b
		out = append(out, c)
	}
	return out, rows.Err()
}

func (s *Store) Balance(ctx context.Context, q db.Querier, id string) (models.InventoryBalance, error) {
	b, err := scanBalance(q.QueryRowContext(ctx, `SELECT `+balCols+` FROM inventory_balances b WHERE b.id = $1 FOR UPDATE`, id))
	if db.IsNoRows(err) {
		return b, apperr.NotFound("balance %s", id)
	}
	return b, err
}

func (s *Store) BalancesBySKU(ctx context.Context, clientID, sku string) ([]models.InventoryBalance, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT `+balCols+` FROM inventory_balances b
		WHERE b.client_id = $1 AND ($2 = '' OR b.sku = $2) AND b.on_hand > 0 ORDER BY b.sku, b.received_at`, clientID, sku)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.InventoryBalance
	for rows.Next() {
		b, err := scanBalance(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// AddStock increments (or creates) the balance for client/sku/location/lot.
func (s *Store) AddStock(ctx context.Context, q db.Querier, b models.InventoryBalance) (string, error) {
	id := ids.New("bal")
	err := q.QueryRowContext(ctx, `
		INSERT INTO inventory_balances (id, client_id, sku, location_id, lot, expires_at, on_hand, allocated, on_hold, received_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9)
		ON CONFLICT (client_id, sku, location_id, COALESCE(lot, ''))
		DO UPDATE SET on_hand = inventory_balances.on_hand + EXCLUDED.on_hand,
		              on_hold = inventory_balances.on_hold + EXCLUDED.on_hold
		RETURNING id`,
		id, b.ClientID, b.SKU, b.LocationID, db.NullString(b.Lot), b.ExpiresAt, b.OnHand, b.OnHold, b.ReceivedAt).Scan(&id)
	return id, err
}

func (s *Store) ChangeBalance(ctx context.Context, q db.Querier, id string, dOnHand, dAllocated int) error {
	_, err := q.ExecContext(ctx, `
		UPDATE inventory_balances SET on_hand = on_hand + $2, allocated = allocated + $3, updated_at = now()
		WHERE id = $1`, id, dOnHand, dAllocated)
	return err
}

func (s *Store) InsertMovement(ctx context.Context, q db.Querier, m models.Movement) error {
	if m.ID == "" {
		m.ID = ids.New("mov")
	}
	if m.OccurredAt.IsZero() {
		m.OccurredAt = time.Now().UTC()
	}
	_, err := q.ExecContext(ctx, `
		INSERT INTO inventory_movements (id, client_id, sku, from_location_id, to_location_id, qty, reason, reference, user_id, occurred_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		m.ID, m.ClientID, m.SKU, db.NullString(m.FromLoc), db.NullString(m.ToLoc), m.Qty, m.Reason,
		db.NullString(m.Reference), db.NullString(m.UserID), m.OccurredAt)
	return err
}

func (s *Store) InsertAllocation(ctx context.Context, q db.Querier, a models.Allocation) error {
	_, err := q.ExecContext(ctx, `
		INSERT INTO inventory_allocations (order_id, line_no, balance_id, location_id, sku, lot, qty)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		a.OrderID, a.LineNo, a.BalanceID, a.LocationID, a.SKU, db.NullString(a.Lot), a.Qty)
	return err
}

// Allocations returns the open allocations of an order in pick sequence.
func (s *Store) Allocations(ctx context.Context, q db.Querier, orderID string) ([]models.Allocation, error) {
	rows, err := q.QueryContext(ctx, `
		SELECT a.order_id, a.line_no, a.balance_id, a.location_id, a.sku, COALESCE(a.lot, ''), a.qty
		FROM inventory_allocations a JOIN locations l ON l.id = a.location_id
		WHERE a.order_id = $1 AND a.qty > 0 ORDER BY l.pick_seq`, orderID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Allocation
	for rows.Next() {
		var a models.Allocation
		if err := rows.Scan(&a.OrderID, &a.LineNo, &a.BalanceID, &a.LocationID, &a.SKU, &a.Lot, &a.Qty); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func (s *Store) ReduceAllocation(ctx context.Context, q db.Querier, orderID string, lineNo int, balanceID string, qty int) error {
	_, err := q.ExecContext(ctx, `
		UPDATE inventory_allocations SET qty = qty - $4
		WHERE order_id = $1 AND line_no = $2 AND balance_id = $3`, orderID, lineNo, balanceID, qty)
	return err
}

func (s *Store) DeleteAllocations(ctx context.Context, q db.Querier, orderID string) error {
	_, err := q.ExecContext(ctx, `DELETE FROM inventory_allocations WHERE order_id = $1`, orderID)
	return err
}
