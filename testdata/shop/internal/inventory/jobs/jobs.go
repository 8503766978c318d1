// Package jobs holds the inventory's background jobs.
package jobs

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	catalog "example.com/shop/internal/catalog/service"
	"example.com/shop/internal/inventory/service"
	"example.com/shop/internal/platform/log"
)

// ExpireReservations gives back stock held for orders that were never paid.
type ExpireReservations struct {
	Inventory *service.Service
	Log       *log.Logger
}

// Name implements the worker's job interface.
func (ExpireReservations) Name() string { return "inventory.expire-reservations" }

// Run expires lapsed reservations once.
func (j ExpireReservations) Run(ctx context.Context) error {
	n, err := j.Inventory.ExpireReservations(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		j.Log.Info("expired reservations", log.F("stock_levels", n))
	}
	return nil
}

// ReorderReport writes the stock levels that need reordering, with the
// product names from the catalog.
type ReorderReport struct {
	Inventory *service.Service
	Catalog   *catalog.Service
	Out       io.Writer
}

// Name implements the worker's job interface.
func (ReorderReport) Name() string { return "inventory.reorder-report" }

// Run writes the report once.
func (j ReorderReport) Run(ctx context.Context) error {
	low, err := j.Inventory.LowStock(ctx)
	if err != nil {
		return err
	}
	if len(low) == 0 {
		return nil
	}
	skus := make([]string, 0, len(low))
	for _, l := range low {
		skus = append(skus, l.SKU)
	}
	products, err := j.Catalog.ProductsBySKU(ctx, skus)
	if err != nil {
		return fmt.Errorf("reorder report: %w", err)
	}
	tw := tabwriter.NewWriter(j.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SKU\tPRODUCT\tWAREHOUSE\tON HAND\tRESERVED\tREORDER AT")
	for _, l := range low {
		name := "(unknown product)"
		if p, ok := products[l.SKU]; ok {
			name = p.Name
			if !p.Active {
				continue // discontinued: do not reorder
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\n", l.SKU, name, l.WarehouseCode, l.OnHand, l.Reserved, l.ReorderPoint)
	}
	return tw.Flush()
}
