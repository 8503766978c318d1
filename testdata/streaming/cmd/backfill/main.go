// Command backfill rebuilds derived watch progress from raw watch events, e.g.
// after changing the completion rule. Optionally rebuilds title similarity.
package main

import (
	"context"
	"flag"
	"log/slog"
	"os"
	"os/signal"
	"time"

	"github.com/flickstream/api/pkg/config"
	"github.com/flickstream/api/pkg/dbx"
	"github.com/flickstream/api/pkg/logging"
	historysvc "github.com/flickstream/api/services/history/service"
	historystore "github.com/flickstream/api/services/history/store"
	recsstore "github.com/flickstream/api/services/recommendations/store"
)

func main() {
	after := flag.Int64("after", 0, "resume after this watch_events id")
	batch := flag.Int("batch", 5000, "events per batch")
	similarity := flag.Bool("similarity", false, "also rebuild title_similarity afterwards")
	flag.Parse()

	cfg, err := config.Load()
	if err != nil {
		slog.Error("config", "err", err)
		os.Exit(1)
	}
	log := logging.New(cfg.LogLevel)
	db, err := dbx.Open(cfg.DatabaseDriver, cfg.DatabaseURL)
	if err != nil {
		log.Error("database", "err", err)
		os.Exit(1)
	}
	defer db.Close()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	start := time.Now()
	total := 0
	svc := historysvc.New(historystore.New(db))
	last, err := svc.RebuildProgress(ctx, *after, *batch, func(lastID int64, n int) {
		total += n
		log.Info("backfill progress", "last_id", lastID, "events", total, "elapsed", time.Since(start).Round(time.Second))
	})
	if err != nil {
		log.Error("backfill failed; resume with -after", "after", last, "err", err)
		os.Exit(1)
	}
	log.Info("watch progress rebuilt", "events", total, "last_id", last)

	if *similarity {
		n, err := recsstore.New(db).RebuildSimilarity(ctx)
		if err != nil {
			log.Error("similarity rebuild failed", "err", err)
			os.Exit(1)
		}
		log.Info("title similarity rebuilt", "edges", n)
	}
}
