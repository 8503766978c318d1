// Package query executes buyer searches against the search index and
// serves GET /v1/search.
package query

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"loomly.com/api/internal/models"
	"loomly.com/api/platform/errs"
	"loomly.com/api/platform/httpx"
	"loomly.com/api/platform/money"
)

type Params struct {
	Text     string
	Category string
	MinCents int64
	MaxCents int64
	ShipsTo  string
	Sort     string // relevance | price_asc | price_desc | newest
	Limit    int
	Offset   int
}

type Searcher struct{ db *sql.DB }

func New(pool *sql.DB) *Searcher { return &Searcher{db: pool} }

func (s *Searcher) Search(ctx context.Context, p Params) ([]models.ListingSummary, error) {
	where := []string{"TRUE"}
	args := []any{}
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	rank := "0"
	if t := strings.TrimSpace(p.Text); t != "" {
		ph := arg(t)
		where = append(where, "tsv @@ websearch_to_tsquery('english', "+ph+")")
		rank = "ts_rank(tsv, websearch_to_tsquery('english', " + ph + "))"
	}
	if p.Category != "" {
		where = append(where, "category = "+arg(p.Category))
	}
	if p.MinCents > 0 {
		where = append(where, "price_cents >= "+arg(p.MinCents))
	}
	if p.MaxCents > 0 {
		where = append(where, "price_cents <= "+arg(p.MaxCents))
	}
	order := rank + " DESC, updated_at DESC"
	switch p.Sort {
	case "price_asc":
		order = "price_cents ASC"
	case "price_desc":
		order = "price_cents DESC"
	case "newest":
		order = "updated_at DESC"
	}
	q := `SELECT listing_id, shop_id, title, price_cents, currency, image_url FROM search_documents WHERE ` +
		strings.Join(where, " AND ") + ` ORDER BY ` + order + ` LIMIT ` + arg(p.Limit) + ` OFFSET ` + arg(p.Offset)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, errs.Wrap(err, "search.Search")
	}
	defer rows.Close()
	var out []models.ListingSummary
	for rows.Next() {
		var ls models.ListingSummary
		var cents int64
		var cur string
		if err := rows.Scan(&ls.ID, &ls.ShopID, &ls.Title, &cents, &cur, &ls.ImageURL); err != nil {
			return nil, errs.Wrap(err, "search.Search")
		}
		ls.Price, ls.State = money.New(cents, money.Currency(cur)), models.ListingActive
		out = append(out, ls)
	}
	return out, rows.Err()
}

func (s *Searcher) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/search", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		p := Params{Text: q.Get("q"), Category: q.Get("category"), ShipsTo: q.Get("ships_to"), Sort: q.Get("sort")}
		p.MinCents, _ = strconv.ParseInt(q.Get("min"), 10, 64)
		p.MaxCents, _ = strconv.ParseInt(q.Get("max"), 10, 64)
		p.Limit, p.Offset = httpx.Page(r)
		if len(p.Text) > 200 {
			httpx.Error(w, r, errs.Invalid("search", "query too long"))
			return
		}
		res, err := s.Search(r.Context(), p)
		if err != nil {
			httpx.Error(w, r, err)
			return
		}
		httpx.JSON(w, http.StatusOK, models.Page[models.ListingSummary]{Items: res, Limit: p.Limit, Offset: p.Offset})
	})
}
