// Package tables loads filed rate tables. Tables: rate_tables, rate_base, rate_factors.
// A rate table is identified by line, state and version; the version in force
// is the latest whose effective_from <= the policy effective date.
package tables

import (
	"context"
	"fmt"
	"sync"
	"time"

	"harbormutual.com/core/domain"
	"harbormutual.com/core/platform/db"
	"harbormutual.com/core/platform/errs"
	"harbormutual.com/core/platform/log"
	"harbormutual.com/core/platform/money"
)

// Table is one filed rate table.
type Table struct {
	ID            int64
	LOB           domain.LineOfBusiness
	State         string
	Version       string
	EffectiveFrom time.Time
	PolicyFee     money.Money
	MinPremium    money.Money
	Base          map[domain.CoverageCode]money.Money
	Factors       map[string]map[string]float64 // factor -> key -> multiplier
}

// Factor returns the multiplier for name/key, 1.0 if not filed.
func (t *Table) Factor(name, key string) float64 {
	if m, ok := t.Factors[name]; ok {
		if f, ok := m[key]; ok {
			return f
		}
		if f, ok := m["*"]; ok {
			return f
		}
	}
	return 1.0
}

type Repo struct {
	db *db.DB
}

func NewRepo(pool *db.DB) *Repo { return &Repo{db: pool} }

// Load returns the table in force for lob/state on asOf.
func (r *Repo) Load(ctx context.Context, lob domain.LineOfBusiness, state string, asOf time.Time) (*Table, error) {
	q := db.Q(ctx, r.db)
	t := &Table{LOB: lob, State: state, Base: map[domain.CoverageCode]money.Money{}, Factors: map[string]map[string]float64{}}
	err := q.QueryRowContext(ctx, `SELECT id, version, effective_from, policy_fee, min_premium FROM rate_tables
		WHERE lob = $1 AND state = $2 AND effective_from <= $3 AND status = 'FILED'
		ORDER BY effective_from DESC LIMIT 1`, lob, state, asOf).
		Scan(&t.ID, &t.Version, &t.EffectiveFrom, &t.PolicyFee, &t.MinPremium)
	if db.IsNoRows(err) {
		return nil, errs.NotFoundf("tables.Load", "no %s rate table filed for %s on %s", lob, state, asOf.Format("2006-01-02"))
	}
	if err != nil {
		return nil, errs.Wrap("tables.Load", err)
	}
	rows, err := q.QueryContext(ctx, `SELECT coverage, base_cents FROM rate_base WHERE table_id = $1`, t.ID)
	if err != nil {
		return nil, errs.Wrap("tables.Load", err)
	}
	for rows.Next() {
		var code domain.CoverageCode
		var amt money.Money
		if err := rows.Scan(&code, &amt); err != nil {
			rows.Close()
			return nil, errs.Wrap("tables.Load", err)
		}
		t.Base[code] = amt
	}
	rows.Close()
	rows, err = q.QueryContext(ctx, `SELECT factor, key, multiplier FROM rate_factors WHERE table_id = $1`, t.ID)
	if err != nil {
		return nil, errs.Wrap("tables.Load", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name, key string
		var mult float64
		if err := rows.Scan(&name, &key, &mult); err != nil {
			return nil, errs.Wrap("tables.Load", err)
		}
		if t.Factors[name] == nil {
			t.Factors[name] = map[string]float64{}
		}
		t.Factors[name][key] = mult
	}
	return t, errs.Wrap("tables.Load", rows.Err())
}

// Import files a new table version (admin CLI: hmadmin rates import).
func (r *Repo) Import(ctx context.Context, t *Table) error {
	return r.db.WithTx(ctx, func(ctx context.Context) error {
		q := db.Q(ctx, r.db)
		err := q.QueryRowContext(ctx, `INSERT INTO rate_tables (lob, state, version, effective_from, policy_fee, min_premium, status)
			VALUES ($1,$2,$3,$4,$5,$6,'FILED') RETURNING id`,
			t.LOB, t.State, t.Version, t.EffectiveFrom, t.PolicyFee, t.MinPremium).Scan(&t.ID)
		if err != nil {
			return errs.Wrap("tables.Import", err)
		}
		for code, amt := range t.Base {
			if _, err := q.ExecContext(ctx, `INSERT INTO rate_base (table_id, coverage, base_cents) VALUES ($1,$2,$3)`, t.ID, code, amt); err != nil {
				return errs.Wrap("tables.Import", err)
			}
		}
		for name, m := range t.Factors {
			for key, mult := range m {
				if _, err := q.ExecContext(ctx, `INSERT INTO rate_factors (table_id, factor, key, multiplier) VALUES ($1,$2,$3,$4)`,
					t.ID, name, key, mult); err != nil {
					return errs.Wrap("tables.Import", err)
				}
			}
		}
		return nil
	})
}

// Cache memoises Load for a few minutes; rate tables change a few times a year.
type Cache struct {
	repo *Repo
	ttl  time.Duration
	mu   sync.Mutex
	m    map[string]cached
	log  *log.Logger
}

type cached struct {
	t       *Table
	fetched time.Time
}

func NewCache(repo *Repo, ttl time.Duration) *Cache {
	return &Cache{repo: repo, ttl: ttl, m: map[string]cached{}, log: log.New("rating.tables")}
}

func (c *Cache) Get(ctx context.Context, lob domain.LineOfBusiness, state string, asOf time.Time) (*Table, error) {
	key := fmt.Sprintf("%s/%s/%s", lob, state, asOf.Format("2006-01-02"))
	c.mu.Lock()
	e, ok := c.m[key]
	c.mu.Unlock()
	if ok && time.Since(e.fetched) < c.ttl {
		return e.t, nil
	}
	t, err := c.repo.Load(ctx, lob, state, asOf)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.m[key] = cached{t: t, fetched: time.Now()}
	c.mu.Unlock()
	c.log.Debug("rate table loaded", "key", key, "version", t.Version)
	return t, nil
}

// Invalidate drops all cached tables.
func (c *Cache) Invalidate() {
	c.mu.Lock()
	c.m = map[string]cached{}
	c.mu.Unlock()
}
