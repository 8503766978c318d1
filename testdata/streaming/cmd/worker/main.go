// Command worker runs the background jobs: transcoding, rights expiry,
// renewals and dunning, recommendation refresh and session reaping.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/flickstream/api/pkg/config"
	"github.com/flickstream/api/pkg/dbx"
	"github.com/flickstream/api/pkg/events"
	"github.com/flickstream/api/pkg/logging"

	"github.com/flickstream/api/services/billing/dunning"
	"github.com/flickstream/api/services/billing/gateway"
	billingsvc "github.com/flickstream/api/services/billing/service"
	billingstore "github.com/flickstream/api/services/billing/store"
	catalogsvc "github.com/flickstream/api/services/catalog/service"
	catalogstore "github.com/flickstream/api/services/catalog/store"
	encodingstore "github.com/flickstream/api/services/encoding/store"
	"github.com/flickstream/api/services/encoding/worker"
	historysvc "github.com/flickstream/api/services/history/service"
	historystore "github.com/flickstream/api/services/history/store"
	playbacksvc "github.com/flickstream/api/services/playback/service"
	playbackstore "github.com/flickstream/api/services/playback/store"
	profilessvc "github.com/flickstream/api/services/profiles/service"
	profilesstore "github.com/flickstream/api/services/profiles/store"
	recssvc "github.com/flickstream/api/services/recommendations/service"
	recsstore "github.com/flickstream/api/services/recommendations/store"
	rightsstore "github.com/flickstream/api/services/rights/store"
	"github.com/flickstream/api/services/rights/sweeper"
)

// job is anything with a single pass.
type job struct {
	name  string
	every time.Duration
	run   func(context.Context) error
}

func main() {
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
	bus := events.NewBus(logging.Component(log, "events"), db.DB)

	catStore := catalogstore.New(db)
	encStore := encodingstore.New(db)
	billStore := billingstore.New(db)
	profStore := profilesstore.New(db)

	catalog := catalogsvc.New(catStore, encStore, bus, logging.Component(log, "catalog"))
	profiles := profilessvc.New(profStore)
	history := historysvc.New(historystore.New(db))
	charger := gateway.New(cfg.PaymentGatewayURL, cfg.PaymentAPIKey)
	billing := billingsvc.New(billStore, charger, bus, logging.Component(log, "billing"))
	recs := recssvc.New(recsstore.New(db), catalog, history, profiles, cfg.RecommendationTTL, logging.Component(log, "recs"))
	// the reaper only touches the playback store, so the other deps stay empty
	playback := playbacksvc.New(playbackstore.New(db), playbacksvc.Deps{}, nil, bus, logging.Component(log, "playback"), cfg.CDNBaseURL, cfg.HeartbeatTimeout)

	bus.Subscribe(events.WindowExpired, catalogsvc.OnWindowExpired(catalog))
	bus.Subscribe(events.SubscriptionChanged, profilessvc.OnSubscriptionChanged(profiles))

	sw := sweeper.New(rightsstore.New(db), bus, logging.Component(log, "rights"))
	dun := dunning.New(billStore, charger, bus, logging.Component(log, "dunning"))

	jobs := []job{
		{sw.Name(), cfg.WorkerInterval, sw.RunOnce},
		{dun.Name(), time.Hour, dun.RunOnce},
		{"billing-renewals", 10 * time.Minute, billing.RunRenewals},
		{"recs-refresh", 15 * time.Minute, recs.RefreshStale},
		{"recs-similarity", 24 * time.Hour, recs.RebuildSimilarity},
		{"playback-reaper", time.Minute, playback.ReapStale},
	}
	for i := range cfg.TranscodeConcurrency {
		host, _ := os.Hostname()
		w := worker.New(fmt.Sprintf("%s-%d", host, i), db, encStore, worker.FFmpeg{Binary: "ffmpeg"}, bus,
			logging.Component(log, "transcode"), "s3://flick-renditions")
		jobs = append(jobs, job{w.Name(), cfg.WorkerInterval, w.RunOnce})
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func(j job) {
			defer wg.Done()
			loop(ctx, log, j)
		}(j)
	}
	log.Info("worker started", "jobs", len(jobs))
	wg.Wait()
	log.Info("worker stopped")
}

func loop(ctx context.Context, log *slog.Logger, j job) {
	t := time.NewTicker(j.every)
	defer t.Stop()
	for {
		start := time.Now()
		if err := j.run(ctx); err != nil && ctx.Err() == nil {
			log.Error("job failed", "job", j.name, "err", err)
		} else {
			log.Debug("job ran", "job", j.name, "took", time.Since(start))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
