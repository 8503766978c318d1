// Command meter-ingest drains the read spool directory: each .flw file is
// loaded and moved to done/ or failed/.
package main

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"sort"

	"gridline.energy/platform/core/accounts/sites"
	"gridline.energy/platform/core/config"
	"gridline.energy/platform/core/db"
	"gridline.energy/platform/kit/events"
	"gridline.energy/platform/kit/logx"
	"gridline.energy/platform/services/metering/ingest"
	meterstore "gridline.energy/platform/services/metering/store"
	"gridline.energy/platform/services/metering/validation"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		slog.Error("config", "err", err)
		os.Exit(1)
	}
	log := logx.New("meter-ingest", cfg.LogLevel)
	conn, err := db.Open(cfg.DBDriver, cfg.DatabaseURL)
	if err != nil {
		log.Error("db", "err", err)
		os.Exit(1)
	}
	defer conn.Close()

	store := meterstore.New(conn)
	in := ingest.New(store, validation.New(store), sites.NewService(sites.NewStore(conn)), events.NewBus(conn, log), log)

	files, err := filepath.Glob(filepath.Join(cfg.IngestDir, "*.flw"))
	if err != nil {
		log.Error("spool", "err", err)
		os.Exit(1)
	}
	sort.Strings(files)
	failed := 0
	for _, path := range files {
		dest := "done"
		if !processFile(context.Background(), in, path, log) {
			dest = "failed"
			failed++
		}
		_ = os.MkdirAll(filepath.Join(cfg.IngestDir, dest), 0o755)
		if err := os.Rename(path, filepath.Join(cfg.IngestDir, dest, filepath.Base(path))); err != nil {
			log.Error("move", "file", path, "err", err)
		}
	}
	if failed > 0 {
		os.Exit(1)
	}
}

func processFile(ctx context.Context, in *ingest.Ingester, path string, log *slog.Logger) bool {
	f, err := os.Open(path)
	if err != nil {
		log.Error("open", "file", path, "err", err)
		return false
	}
	defer f.Close()
	s, err := in.Process(ctx, filepath.Base(path), f)
	if err != nil {
		log.Error("ingest", "file", path, "err", err)
		return false
	}
	log.Info("ingested", "file", s.File, "records", s.Records, "accepted", s.Accepted,
		"exceptions", s.Exception, "rejected", s.Rejected, "duplicate_file", s.Skipped)
	return true
}
