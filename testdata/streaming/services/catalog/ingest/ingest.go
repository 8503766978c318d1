// Package ingest loads partner metadata feeds (CSV) into the catalog and kicks
// off encoding and rights setup for each new title.
package ingest

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"

	"github.com/flickstream/api/legacy/util"
	"github.com/flickstream/api/models"
	"github.com/flickstream/api/pkg/dbx"
	catalog "github.com/flickstream/api/services/catalog/service"
	encoding "github.com/flickstream/api/services/encoding/service"
	rights "github.com/flickstream/api/services/rights/service"
)

var header = []string{"partner_ref", "kind", "name", "synopsis", "year", "rating", "runtime", "genres",
	"mezzanine_uri", "source_height", "territory", "window_start", "window_end", "exclusive", "ad_tier"}

// partner rating spellings we have seen in the wild
var ratingAliases = map[string]models.MaturityRating{
	"TV14": models.RatingTV14, "TVMA": models.RatingTVMA, "TVPG": models.RatingTVPG, "TVG": models.RatingTVG,
	"TVY": models.RatingTVY, "TVY7": models.RatingTVY7, "PG13": models.RatingPG13, "NC17": models.RatingNC17,
}

// Report summarises one feed run.
type Report struct {
	Rows     int      `json:"rows"`
	Created  int      `json:"created"`
	Skipped  int      `json:"skipped"`
	Problems []string `json:"problems,omitempty"`
}

// Ingester wires the three services involved in onboarding content.
type Ingester struct {
	db       *dbx.DB
	catalog  catalog.Service
	encoding *encoding.Service
	rights   *rights.Service
	log      *slog.Logger
}

// New returns an Ingester.
func New(db *dbx.DB, c catalog.Service, e *encoding.Service, r *rights.Service, log *slog.Logger) *Ingester {
	return &Ingester{db: db, catalog: c, encoding: e, rights: r, log: log}
}

// Run processes a feed from partnerID.
func (in *Ingester) Run(ctx context.Context, partnerID string, feed io.Reader) (Report, error) {
	r := csv.NewReader(feed)
	r.TrimLeadingSpace = true
	head, err := r.Read()
	if err != nil {
		return Report{}, fmt.Errorf("ingest: reading header: %w", err)
	}
	if strings.Join(head, ",") != strings.Join(header, ",") {
		return Report{}, fmt.Errorf("ingest: unexpected header %v", head)
	}
	var rep Report
	for line := 2; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		rep.Rows++
		if err != nil {
			rep.Problems = append(rep.Problems, fmt.Sprintf("line %d: %v", line, err))
			continue
		}
		created, err := in.row(ctx, partnerID, rec)
		switch {
		case err != nil:
			rep.Problems = append(rep.Problems, fmt.Sprintf("line %d (%s): %v", line, rec[0], err))
		case created:
			rep.Created++
		default:
			rep.Skipped++
		}
	}
	in.log.Info("feed ingested", "partner", partnerID, "rows", rep.Rows, "created", rep.Created, "problems", len(rep.Problems))
	return rep, nil
}

func (in *Ingester) row(ctx context.Context, partnerID string, rec []string) (bool, error) {
	ref := strings.TrimSpace(rec[0])
	var existing string
	err := in.db.QueryRowContext(ctx, `SELECT title_id FROM partner_title_refs WHERE partner_id = $1 AND partner_ref = $2`,
		partnerID, ref).Scan(&existing)
	if err == nil {
		return false, nil // already onboarded; updates go through the editorial UI
	}
	if !dbx.IsNoRows(err) {
		return false, err
	}
	year, _ := strconv.Atoi(rec[4])
	runtime, _ := strconv.Atoi(rec[6])
	height, _ := strconv.Atoi(rec[9])
	rating := normalizeRating(rec[5])
	t, err := in.catalog.CreateTitle(ctx, models.Title{
		Kind: models.TitleKind(strings.ToLower(rec[1])), Name: rec[2], Synopsis: util.Truncate(rec[3], 1000),
		ReleaseYear: year, Rating: rating, RuntimeMinutes: runtime, Genres: splitGenres(rec[7]),
	})
	if err != nil {
		return false, err
	}
	if _, err := in.db.ExecContext(ctx, `INSERT INTO partner_title_refs (partner_id, partner_ref, title_id) VALUES ($1, $2, $3)`,
		partnerID, ref, t.ID); err != nil {
		return false, err
	}
	start, ok1 := util.ParseDateLoose(rec[11])
	end, ok2 := util.ParseDateLoose(rec[12])
	if !ok1 || !ok2 {
		return true, fmt.Errorf("title %s created but window dates unreadable", t.ID)
	}
	if _, err := in.rights.AddWindow(ctx, models.LicenseWindow{
		TitleID: t.ID, PartnerID: partnerID, Territory: strings.ToUpper(rec[10]), StartsAt: start, EndsAt: end,
		Exclusive: parseBool(rec[13]), AdTierAllowed: parseBool(rec[14]),
	}); err != nil {
		return true, fmt.Errorf("title %s created but window rejected: %w", t.ID, err)
	}
	if t.Kind == models.KindMovie && rec[8] != "" {
		if _, err := in.encoding.Submit(ctx, encoding.SubmitRequest{
			TitleID: t.ID, SourceURI: rec[8], SourceHeight: height, Priority: 3,
		}); err != nil {
			return true, fmt.Errorf("title %s created but transcode not queued: %w", t.ID, err)
		}
	}
	return true, nil
}

func normalizeRating(s string) models.MaturityRating {
	s = strings.ToUpper(strings.TrimSpace(s))
	if r, ok := ratingAliases[strings.ReplaceAll(s, "-", "")]; ok {
		return r
	}
	return models.MaturityRating(s)
}

func splitGenres(s string) []string {
	var out []string
	for _, g := range strings.Split(s, "|") {
		g = strings.ToLower(strings.TrimSpace(g))
		if g != "" && !util.StringInSlice(g, out) {
			out = append(out, g)
		}
	}
	return out
}

func parseBool(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "y", "yes", "true", "1":
		return true
	}
	return false
}
