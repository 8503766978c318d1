// Command ils-import loads a MARC (.mrk) export from the consortium's
// cataloguing tool, creating titles and their copies.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"citylib.org/ils/apperr"
	"citylib.org/ils/config"
	"citylib.org/ils/db"
	"citylib.org/ils/internal/catalog/marc"
	"citylib.org/ils/internal/catalog/search"
	"citylib.org/ils/internal/platform/eventbus"
	"citylib.org/ils/logging"
	"citylib.org/ils/models"
	branchrepo "citylib.org/ils/repositories/branches"
	catalogrepo "citylib.org/ils/repositories/catalog"
	"citylib.org/ils/repositories/copies"
	"citylib.org/ils/repositories/holds"
	branchsvc "citylib.org/ils/services/branches"
	catalogsvc "citylib.org/ils/services/catalog"
)

func main() {
	file := flag.String("file", "", "path to .mrk file")
	dryRun := flag.Bool("dry-run", false, "parse only, do not write")
	flag.Parse()
	if *file == "" {
		fmt.Fprintln(os.Stderr, "usage: ils-import -file export.mrk [-dry-run]")
		os.Exit(2)
	}
	cfg, err := config.Load()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	log := logging.New(cfg.LogLevel, "ils-import")
	f, err := os.Open(*file)
	if err != nil {
		log.Error("open", "err", err)
		os.Exit(1)
	}
	defer f.Close()

	database, err := db.Open(cfg.DatabaseURL)
	if err != nil {
		log.Error("db", "err", err)
		os.Exit(1)
	}
	defer database.Close()
	bus := eventbus.New(nil, log)
	branches := branchsvc.NewService(branchrepo.New(database), bus)
	catalog := catalogsvc.NewService(catalogrepo.NewTitleRepo(database), copies.New(database), holds.New(database),
		search.New(database), branches)

	ctx := context.Background()
	codes := map[string]int64{}
	if !*dryRun {
		bs, err := branches.List(ctx)
		if err != nil {
			log.Error("branches", "err", err)
			os.Exit(1)
		}
		for _, b := range bs {
			codes[b.Code] = b.ID
		}
	}

	var titles, items, skipped, failed int
	r := marc.NewReader(f)
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Warn("bad record", "err", err)
			failed++
			continue
		}
		if *dryRun {
			titles++
			items += len(rec.Holdings)
			continue
		}
		t := rec.Title
		if err := catalog.CreateTitle(ctx, &t); err != nil {
			if apperr.Is(err, apperr.KindConflict) {
				skipped++
				continue
			}
			log.Warn("title", "title", t.Title, "err", err)
			failed++
			continue
		}
		titles++
		for _, h := range rec.Holdings {
			branch, ok := codes[h.BranchCode]
			if !ok {
				log.Warn("unknown branch code", "code", h.BranchCode, "barcode", h.Barcode)
				failed++
				continue
			}
			c := models.Copy{TitleID: t.ID, Barcode: h.Barcode, HomeBranchID: branch, CallNumber: h.CallNumber, PriceCents: h.PriceCents}
			if err := catalog.AddCopy(ctx, &c); err != nil {
				log.Warn("copy", "barcode", h.Barcode, "err", err)
				failed++
				continue
			}
			items++
		}
	}
	fmt.Printf("titles=%d items=%d skipped=%d failed=%d dry_run=%v\n", titles, items, skipped, failed, *dryRun)
	if failed > 0 {
		os.Exit(1)
	}
}
