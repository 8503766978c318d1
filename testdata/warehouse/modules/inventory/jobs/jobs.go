// Package jobs holds inventory background work: pick-face replenishment
// and ABC re-classification.
package jobs

import (
	"context"
	"database/sql"
	"log/slog"

	"shipwell.io/wms/modules/inventory/domain"
	"shipwell.io/wms/modules/inventory/infra"
)

type Jobs struct {
	Store *infra.Store
	Log   *slog.Logger
}

// Replenish creates move tasks from reserve to pick faces below minimum.
func (j *Jobs) Replenish(ctx context.Context) error {
	short, err := j.Store.PickFacesBelowMin(ctx)
	if err != nil {
		return err
	}
	created := 0
	for _, p := range short {
		_, from, avail, err := j.Store.OldestReserve(ctx, p.ClientID, p.SKU)
		if err == sql.ErrNoRows {
			j.Log.Warn("no reserve stock to replenish", "client", p.ClientID, "sku", p.SKU)
			continue
		}
		if err != nil {
			return err
		}
		qty := min(p.Max-p.OnHand, avail)
		if qty <= 0 {
			continue
		}
		if err := j.Store.CreateReplenishment(ctx, p.ClientID, p.SKU, from, p.LocationID, qty); err != nil {
			return err
		}
		created++
	}
	j.Log.Info("replenishment run", "short_faces", len(short), "tasks", created)
	return nil
}

// Reclassify recomputes ABC velocity from the last 90 days of picks.
// It reads the pick history straight from the fulfillment tables because
// inventory keeps no per-pick record of its own.
func (j *Jobs) Reclassify(ctx context.Context) error {
	rows, err := j.Store.DB.QueryContext(ctx, `
		SELECT o.client_id, pt.sku, COUNT(*) AS lines
		FROM pick_tasks pt
		JOIN orders o ON o.id = pt.order_id
		WHERE pt.status = 'picked' AND pt.picked_at > now() - interval '90 days'
		GROUP BY o.client_id, pt.sku
		ORDER BY o.client_id, lines DESC`)
	if err != nil {
		return err
	}
	type row struct {
		client, sku string
		lines       int
	}
	byClient := map[string][]row{}
	totals := map[string]int{}
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.client, &r.sku, &r.lines); err != nil {
			rows.Close()
			return err
		}
		byClient[r.client] = append(byClient[r.client], r)
		totals[r.client] += r.lines
	}
	rows.Close()
	for client, rs := range byClient {
		cum := 0
		for _, r := range rs {
			cum += r.lines
			class := domain.ABCClass(float64(cum) / float64(totals[client]))
			if err := j.Store.SetVelocity(ctx, client, r.sku, class); err != nil {
				return err
			}
		}
	}
	return nil
}
