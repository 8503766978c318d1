// Package signals contains the individual fraud indicators and the SIU
// watchlist. Table: fraud_watchlist.
package signals

import (
	"context"
	"strings"
	"time"

	"harbormutual.com/core/platform/db"
	"harbormutual.com/core/platform/errs"
	"harbormutual.com/core/util"
)

// Entry is a watchlisted person, address or phone.
type Entry struct {
	ID      int64
	Kind    string // NAME, EMAIL, PHONE, ZIP, VIN
	Value   string
	Reason  string
	AddedBy string
	AddedAt time.Time
}

type Watchlist struct {
	db *db.DB
}

func NewWatchlist(pool *db.DB) *Watchlist { return &Watchlist{db: pool} }

// Hit is a watchlist match.
type Hit struct {
	Kind   string
	Value  string
	Reason string
}

// Probe is what we look up.
type Probe struct {
	Name  string
	Email string
	Phone string
	Zip   string
	VINs  []string
}

func (w *Watchlist) Match(ctx context.Context, p Probe) ([]Hit, error) {
	type kv struct{ kind, val string }
	var keys []kv
	if p.Name != "" {
		keys = append(keys, kv{"NAME", strings.ToUpper(p.Name)})
	}
	if p.Email != "" {
		keys = append(keys, kv{"EMAIL", strings.ToLower(p.Email)})
	}
	if ph := util.NormalizePhone(p.Phone); ph != "" {
		keys = append(keys, kv{"PHONE", ph})
	}
	if p.Zip != "" {
		keys = append(keys, kv{"ZIP", util.NormalizeZip(p.Zip)})
	}
	for _, v := range p.VINs {
		keys = append(keys, kv{"VIN", strings.ToUpper(v)})
	}
	var hits []Hit
	q := db.Q(ctx, w.db)
	for _, k := range keys {
		var reason string
		err := q.QueryRowContext(ctx, `SELECT reason FROM fraud_watchlist
			WHERE kind = $1 AND value = $2 AND (expires_at IS NULL OR expires_at > now()) LIMIT 1`, k.kind, k.val).Scan(&reason)
		if db.IsNoRows(err) {
			continue
		}
		if err != nil {
			return nil, errs.Wrap("signals.Watchlist.Match", err)
		}
		hits = append(hits, Hit{Kind: k.kind, Value: k.val, Reason: reason})
	}
	return hits, nil
}

func (w *Watchlist) Add(ctx context.Context, e *Entry) error {
	if e.Kind == "" || e.Value == "" {
		return errs.Invalidf("signals.Watchlist.Add", "kind and value required")
	}
	err := db.Q(ctx, w.db).QueryRowContext(ctx, `INSERT INTO fraud_watchlist (kind, value, reason, added_by, added_at)
		VALUES ($1,$2,$3,$4,now()) RETURNING id, added_at`, e.Kind, e.Value, e.Reason, e.AddedBy).Scan(&e.ID, &e.AddedAt)
	return errs.Wrap("signals.Watchlist.Add", err)
}
