// Command loomlyctl is the operator CLI used by support and on-call.
//
//	loomlyctl reindex
//	loomlyctl payouts YYYY-MM-DD
//	loomlyctl suspend-shop <shop-id> <reason>
//	loomlyctl resolve-dispute <dispute-id> refund|deny <note>
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	catalogstore "loomly.com/api/internal/catalog/store"
	"loomly.com/api/internal/disputes"
	ordersvc "loomly.com/api/internal/orders/service"
	"loomly.com/api/internal/orders/shipping"
	shopsvc "loomly.com/api/internal/shops/service"
	"loomly.com/api/payments/gateway"
	"loomly.com/api/payments/payouts"
	"loomly.com/api/platform/config"
	"loomly.com/api/platform/db"
	"loomly.com/api/platform/events"
	"loomly.com/api/platform/logging"
	"loomly.com/api/search/reindexer"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	cfg, err := config.Load()
	if err != nil {
		fail(err)
	}
	log := logging.New("loomlyctl", cfg.LogLevel, false)
	pool, err := db.Open(cfg.DatabaseURL)
	if err != nil {
		fail(err)
	}
	defer pool.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()

	gw := gateway.New(cfg.PaymentsBaseURL, cfg.PaymentsAPIKey)
	shops := shopsvc.New(pool)

	switch args := os.Args[2:]; os.Args[1] {
	case "reindex":
		n, err := reindexer.New(pool, log).Sweep(ctx)
		check(err)
		fmt.Printf("indexed %d listings\n", n)
	case "payouts":
		need(args, 1)
		day, err := time.Parse("2006-01-02", args[0])
		check(err)
		n, err := payouts.NewRunner(pool, gw, shops, log).RunOnce(ctx, day)
		check(err)
		fmt.Printf("sent %d payouts\n", n)
	case "suspend-shop":
		need(args, 2)
		check(shops.Suspend(ctx, args[0], args[1]))
		n, err := catalogstore.New(pool).DeactivateShop(ctx, args[0])
		check(err)
		fmt.Printf("shop suspended, %d listings deactivated\n", n)
	case "resolve-dispute":
		need(args, 3)
		bus := events.NewBus(log)
		orders := ordersvc.New(pool, shops, shipping.NewTracker(cfg.CarrierAPIURL), bus, cfg.PlatformFeeBps)
		d, err := disputes.New(pool, orders, gw, bus).Resolve(ctx, args[0], args[2], args[1] == "refund")
		check(err)
		fmt.Printf("dispute %s resolved (refund=%q)\n", d.ID, d.RefundID)
	default:
		usage()
	}
}

func need(args []string, n int) {
	if len(args) < n {
		usage()
	}
}

func check(err error) {
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "loomlyctl:", err)
	os.Exit(1)
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: loomlyctl reindex | payouts DAY | suspend-shop ID REASON | resolve-dispute ID refund|deny NOTE")
	os.Exit(2)
}
