package infra

import (
	"context"

	"shipwell.io/wms/pkg/ids"
)

// PickFaceShortfall is a pick face below its item's minimum.
type PickFaceShortfall struct {
	ClientID   string
	SKU        string
	LocationID string
	OnHand     int
	Min, Max   int
}

func (s *Store) PickFacesBelowMin(ctx context.Context) ([]PickFaceShortfall, error) {
	rows, err := s.DB.QueryContext(ctx, `
		SELECT b.client_id, b.sku, b.location_id, b.on_hand, i.min_pick_face, i.max_pick_face
		FROM inventory_balances b
		JOIN locations l ON l.id = b.location_id AND l.type = 'pick'
		JOIN items i ON i.client_id = b.client_id AND i.sku = b.sku
		WHERE b.on_hand - b.allocated < i.min_pick_face
		  AND NOT EXISTS (SELECT 1 FROM replenishment_tasks r
		                  WHERE r.to_location_id = b.location_id AND r.sku = b.sku AND r.status = 'open')`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PickFaceShortfall
	for rows.Next() {
		var p PickFaceShortfall
		if err := rows.Scan(&p.ClientID, &p.SKU, &p.LocationID, &p.OnHand, &p.Min, &p.Max); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// OldestReserve finds the reserve balance to replenish from.
func (s *Store) OldestReserve(ctx context.Context, clientID, sku string) (balanceID, locationID string, avail int, err error) {
	err = s.DB.QueryRowContext(ctx, `
		SELECT b.id, b.location_id, b.on_hand - b.allocated - b.on_hold
		FROM inventory_balances b JOIN locations l ON l.id = b.location_id AND l.type = 'reserve'
		WHERE b.client_id = $1 AND b.sku = $2 AND b.on_hand - b.allocated - b.on_hold > 0
		ORDER BY b.received_at LIMIT 1`, clientID, sku).Scan(&balanceID, &locationID, &avail)
	return
}

func (s *Store) CreateReplenishment(ctx context.Context, clientID, sku, fromLoc, toLoc string, qty int) error {
	_, err := s.DB.ExecContext(ctx, `
		INSERT INTO replenishment_tasks (id, client_id, sku, from_location_id, to_location_id, qty, status, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, 'open', now())`, ids.New("rpl"), clientID, sku, fromLoc, toLoc, qty)
	return err
}

func (s *Store) SetVelocity(ctx context.Context, clientID, sku, class string) error {
	_, err := s.DB.ExecContext(ctx, `UPDATE items SET velocity = $3 WHERE client_id = $1 AND sku = $2`, clientID, sku, class)
	return err
}
