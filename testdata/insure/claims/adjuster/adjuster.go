// Package adjuster manages the adjuster roster and claim assignment.
// Table: adjusters.
package adjuster

import (
	"context"
	"sort"

	"harbormutual.com/core/domain"
	"harbormutual.com/core/platform/db"
	"harbormutual.com/core/platform/errs"
	"harbormutual.com/core/platform/log"
	"harbormutual.com/core/platform/money"
)

type Adjuster struct {
	ID        int64       `json:"id"`
	Name      string      `json:"name"`
	Email     string      `json:"email"`
	States    []string    `json:"states"`
	Auto      bool        `json:"auto"`
	Property  bool        `json:"property"`
	Authority money.Money `json:"authority"` // max payment without supervisor
	OpenCount int         `json:"open_count"`
	Capacity  int         `json:"capacity"`
	Active    bool        `json:"active"`
}

type Repo struct{ db *db.DB }

func NewRepo(pool *db.DB) *Repo { return &Repo{db: pool} }

// Candidates returns active adjusters licensed in state with their caseload.
func (r *Repo) Candidates(ctx context.Context, state string) ([]Adjuster, error) {
	rows, err := db.Q(ctx, r.db).QueryContext(ctx, `SELECT a.id, a.name, a.email, a.handles_auto, a.handles_property,
		a.authority_cents, a.capacity,
		(SELECT count(*) FROM claims c WHERE c.adjuster_id = a.id AND c.status NOT IN ('PAID','CLOSED','DENIED'))
		FROM adjusters a JOIN adjuster_states s ON s.adjuster_id = a.id
		WHERE a.active AND s.state = $1`, state)
	if err != nil {
		return nil, errs.Wrap("adjuster.Candidates", err)
	}
	defer rows.Close()
	var out []Adjuster
	for rows.Next() {
		var a Adjuster
		if err := rows.Scan(&a.ID, &a.Name, &a.Email, &a.Auto, &a.Property, &a.Authority, &a.Capacity, &a.OpenCount); err != nil {
			return nil, errs.Wrap("adjuster.Candidates", err)
		}
		a.Active = true
		a.States = []string{state}
		out = append(out, a)
	}
	return out, rows.Err()
}

func (r *Repo) Get(ctx context.Context, id int64) (*Adjuster, error) {
	var a Adjuster
	err := db.Q(ctx, r.db).QueryRowContext(ctx, `SELECT id, name, email, handles_auto, handles_property,
		authority_cents, capacity, active FROM adjusters WHERE id = $1`, id).
		Scan(&a.ID, &a.Name, &a.Email, &a.Auto, &a.Property, &a.Authority, &a.Capacity, &a.Active)
	if db.IsNoRows(err) {
		return nil, errs.NotFoundf("adjuster.Get", "adjuster %d", id)
	}
	return &a, errs.Wrap("adjuster.Get", err)
}

// Assigner chooses an adjuster for a new claim.
type Assigner struct {
	repo *Repo
	log  *log.Logger
}

func NewAssigner(repo *Repo) *Assigner { return &Assigner{repo: repo, log: log.New("adjuster")} }

// LargeLoss is the estimate above which only adjusters with enough
// authority are eligible.
var LargeLoss = money.Dollars(50_000)

// Assign returns the best adjuster for the claim, or 0 if the claim must go
// to the unassigned queue.
func (a *Assigner) Assign(ctx context.Context, c *domain.Claim, lob domain.LineOfBusiness, state string) (int64, error) {
	cands, err := a.repo.Candidates(ctx, state)
	if err != nil {
		return 0, err
	}
	var eligible []Adjuster
	for _, adj := range cands {
		if lob == domain.Auto && !adj.Auto || lob == domain.Home && !adj.Property {
			continue
		}
		if c.Estimate >= LargeLoss && adj.Authority < c.Estimate {
			continue
		}
		if adj.OpenCount >= adj.Capacity {
			continue
		}
		eligible = append(eligible, adj)
	}
	if len(eligible) == 0 {
		a.log.Warn("no adjuster available; claim queued", "claim", c.Number, "state", state)
		return 0, nil
	}
	sort.Slice(eligible, func(i, j int) bool {
		li := float64(eligible[i].OpenCount) / float64(eligible[i].Capacity)
		lj := float64(eligible[j].OpenCount) / float64(eligible[j].Capacity)
		return li < lj
	})
	return eligible[0].ID, nil
}

// CanApprove reports whether the adjuster may pay amount unaided.
func (a *Assigner) CanApprove(ctx context.Context, adjusterID int64, amount money.Money) (bool, error) {
	adj, err := a.repo.Get(ctx, adjusterID)
	if err != nil {
		return false, err
	}
	return adj.Active && amount <= adj.Authority, nil
}
