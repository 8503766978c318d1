// Package ingest loads CDR files from the mediation drop directory.
package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"mvno.telco/core/platform/errs"
	"mvno.telco/core/platform/events"
	"mvno.telco/core/platform/ids"
	"mvno.telco/core/rating/cdr"
	"mvno.telco/core/rating/store"
)

type Loader struct {
	store   *store.Store
	parser  cdr.Parser
	bus     *events.Bus
	inbox   string
	archive string
	log     *slog.Logger
}

func New(s *store.Store, p cdr.Parser, bus *events.Bus, inbox, archive string, log *slog.Logger) *Loader {
	return &Loader{store: s, parser: p, bus: bus, inbox: inbox, archive: archive, log: log}
}

type Result struct {
	Files, Records, Rejected, Duplicates int
}

// LoadInbox processes every *.cdr file in name order (names carry a sequence).
func (l *Loader) LoadInbox(ctx context.Context) (Result, error) {
	var res Result
	names, err := filepath.Glob(filepath.Join(l.inbox, "*.cdr"))
	if err != nil {
		return res, err
	}
	sort.Strings(names)
	for _, path := range names {
		if ctx.Err() != nil {
			return res, ctx.Err()
		}
		n, rej, err := l.loadFile(ctx, path)
		switch {
		case errs.Is(err, errs.Conflict):
			res.Duplicates++
			l.log.Warn("duplicate cdr file", "file", path)
		case err != nil:
			return res, err
		default:
			res.Files++
			res.Records += n
			res.Rejected += rej
		}
		if err := l.moveToArchive(path); err != nil {
			return res, err
		}
	}
	return res, nil
}

func (l *Loader) loadFile(ctx context.Context, path string) (int, int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, 0, err
	}
	sum := sha256.Sum256(data)
	fileID := ids.New("cdf")
	name := filepath.Base(path)
	if err := l.store.RegisterFile(ctx, fileID, name, hex.EncodeToString(sum[:])); err != nil {
		return 0, 0, err
	}
	records, rejects, err := l.parser.Parse(fileID, bytes.NewReader(data))
	if err != nil {
		return 0, 0, err
	}
	for _, r := range rejects {
		l.log.Warn("cdr rejected", "file", name, "line", r.Line, "reason", r.Reason)
	}
	const chunk = 2000
	for i := 0; i < len(records); i += chunk {
		end := min(i+chunk, len(records))
		if err := l.store.InsertCDRs(ctx, records[i:end]); err != nil {
			return 0, 0, err
		}
	}
	if err := l.store.FinishFile(ctx, fileID, len(records), len(rejects)); err != nil {
		return 0, 0, err
	}
	_ = l.bus.Publish(ctx, events.CDRFileLoaded, fileID, map[string]any{"file": name, "records": len(records)})
	return len(records), len(rejects), nil
}

func (l *Loader) moveToArchive(path string) error {
	if l.archive == "" {
		return nil
	}
	dst := filepath.Join(l.archive, strings.TrimSuffix(filepath.Base(path), ".cdr")+".done")
	return os.Rename(path, dst)
}
