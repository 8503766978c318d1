// Package catalogsearch is the original title search from the 2019 monolith.
// It still serves /search on TV apps that predate the v1 API.
package catalogsearch

import (
	"database/sql"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/flickstream/api/legacy/util"
	"github.com/flickstream/api/models"
)

// DB is set by cmd/api at start-up.
var DB *sql.DB

// DefaultTerritory is used when the old apps do not send one.
var DefaultTerritory = "US"

type hit struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Year     int    `json:"year"`
	Rating   string `json:"rating"`
	Synopsis string `json:"synopsis"`
	Score    int    `json:"score"`
}

// Search finds playable titles available in the caller's territory whose name matches q.
func Search(q, territory string, maxRating models.MaturityRating, limit int) ([]hit, error) {
	q = strings.TrimSpace(q)
	if len(q) < 2 {
		return nil, nil
	}
	pattern := "%" + strings.ReplaceAll(strings.ReplaceAll(q, "%", `\%`), "_", `\_`) + "%"
	rows, err := DB.Query(`SELECT DISTINCT t.id, t.name, t.release_year, t.rating, t.synopsis
		FROM titles t
		JOIN license_windows lw ON lw.title_id = t.id
		WHERE t.deleted_at IS NULL AND t.playable = TRUE
		  AND (t.name ILIKE $1 OR t.synopsis ILIKE $1)
		  AND lw.territory IN ($2, 'WW') AND lw.status = 'active'
		  AND lw.starts_at <= $3 AND lw.ends_at > $3
		ORDER BY t.release_year DESC
		LIMIT 200`, pattern, territory, time.Now().UTC())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hits []hit
	lq := strings.ToLower(q)
	for rows.Next() {
		var h hit
		if err := rows.Scan(&h.ID, &h.Name, &h.Year, &h.Rating, &h.Synopsis); err != nil {
			return nil, err
		}
		if maxRating != "" && models.MaturityRating(h.Rating).Level() > maxRating.Level() {
			continue
		}
		ln := strings.ToLower(h.Name)
		switch {
		case ln == lq:
			h.Score = 100
		case strings.HasPrefix(ln, lq):
			h.Score = 80
		case strings.Contains(ln, lq):
			h.Score = 60
		default:
			h.Score = 20
		}
		h.Synopsis = util.Truncate(h.Synopsis, 140)
		hits = append(hits, h)
	}
	// insertion sort by score; result sets are small
	for i := 1; i < len(hits); i++ {
		for j := i; j > 0 && hits[j].Score > hits[j-1].Score; j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, rows.Err()
}

// Handler serves GET /search?q=...&territory=..&max_rating=..
func Handler(w http.ResponseWriter, r *http.Request) {
	territory := strings.ToUpper(r.FormValue("territory"))
	if territory == "" {
		territory = DefaultTerritory
	}
	limit, _ := strconv.Atoi(r.FormValue("limit"))
	if limit <= 0 || limit > 50 {
		limit = 20
	}
	hits, err := Search(r.FormValue("q"), territory, models.MaturityRating(r.FormValue("max_rating")), limit)
	if err != nil {
		http.Error(w, "search failed", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"results": hits, "count": len(hits)})
}
