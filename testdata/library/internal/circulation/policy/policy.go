// Package policy resolves loan rules for a (material format, member
// category) pair. Built-in defaults come from the 2021 circulation policy;
// the board can override rows in the loan_policies table.
package policy

import (
	"context"
	"database/sql"
	"sync"
	"time"

	"citylib.org/ils/db"
	"citylib.org/ils/models"
)

type Policy struct {
	LoanDays       int   `json:"loan_days"`
	MaxRenewals    int   `json:"max_renewals"`
	MaxOfFormat    int   `json:"max_of_format"`
	DailyFineCents int64 `json:"daily_fine_cents"`
	MaxFineCents   int64 `json:"max_fine_cents"`
	Holdable       bool  `json:"holdable"`
}

// Member-wide limits, independent of format.
const (
	MaxItemsPerMember = 50
	MaxHoldsPerMember = 25
	MaxHoldsChild     = 10
)

var defaults = map[models.Format]Policy{
	models.FormatBook:       {LoanDays: 21, MaxRenewals: 3, MaxOfFormat: 50, DailyFineCents: 25, MaxFineCents: 1000, Holdable: true},
	models.FormatLargePrint: {LoanDays: 28, MaxRenewals: 3, MaxOfFormat: 50, DailyFineCents: 25, MaxFineCents: 1000, Holdable: true},
	models.FormatAudiobook:  {LoanDays: 21, MaxRenewals: 2, MaxOfFormat: 10, DailyFineCents: 25, MaxFineCents: 1000, Holdable: true},
	models.FormatDVD:        {LoanDays: 7, MaxRenewals: 1, MaxOfFormat: 10, DailyFineCents: 100, MaxFineCents: 1500, Holdable: true},
	models.FormatGame:       {LoanDays: 14, MaxRenewals: 0, MaxOfFormat: 3, DailyFineCents: 100, MaxFineCents: 2000, Holdable: true},
	models.FormatMagazine:   {LoanDays: 7, MaxRenewals: 0, MaxOfFormat: 10, DailyFineCents: 0, MaxFineCents: 0, Holdable: false},
}

type key struct {
	format   models.Format
	category models.MemberCategory
}

type Resolver struct {
	db       db.Querier
	mu       sync.Mutex
	loadedAt time.Time
	ttl      time.Duration
	override map[key]Policy
}

func NewResolver(q db.Querier) *Resolver {
	return &Resolver{db: q, ttl: 5 * time.Minute}
}

// Resolve applies, in order: format defaults, category adjustments, and
// any database override for (format, category) or (format, any).
func (r *Resolver) Resolve(ctx context.Context, format models.Format, cat models.MemberCategory) (Policy, error) {
	p, ok := defaults[format]
	if !ok {
		p = defaults[models.FormatBook]
	}
	switch cat {
	case models.CategoryChild, models.CategoryTeen:
		// Youth materials are fine-free since 2022.
		p.DailyFineCents, p.MaxFineCents = 0, 0
	case models.CategorySenior:
		p.DailyFineCents /= 2
		p.MaxFineCents /= 2
	case models.CategoryNonResident:
		p.MaxOfFormat = min(p.MaxOfFormat, 10)
	case models.CategoryStaff:
		p.LoanDays *= 2
	}
	if err := r.refresh(ctx); err != nil {
		return p, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if o, ok := r.override[key{format, ""}]; ok {
		p = o
	}
	if o, ok := r.override[key{format, cat}]; ok {
		p = o
	}
	return p, nil
}

func (r *Resolver) refresh(ctx context.Context) error {
	r.mu.Lock()
	fresh := time.Since(r.loadedAt) < r.ttl
	r.mu.Unlock()
	if fresh {
		return nil
	}
	rows, err := r.db.QueryContext(ctx,
		`SELECT format, category, loan_days, max_renewals, max_of_format, daily_fine_cents, max_fine_cents, holdable
		 FROM loan_policies WHERE effective_from <= now()`)
	if err != nil {
		return err
	}
	defer rows.Close()
	m := map[key]Policy{}
	for rows.Next() {
		var k key
		var cat sql.NullString
		var p Policy
		if err := rows.Scan(&k.format, &cat, &p.LoanDays, &p.MaxRenewals, &p.MaxOfFormat,
			&p.DailyFineCents, &p.MaxFineCents, &p.Holdable); err != nil {
			return err
		}
		k.category = models.MemberCategory(cat.String)
		m[k] = p
	}
	if err := rows.Err(); err != nil {
		return err
	}
	r.mu.Lock()
	r.override, r.loadedAt = m, time.Now()
	r.mu.Unlock()
	return nil
}
