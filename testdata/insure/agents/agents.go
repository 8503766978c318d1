// Package agents manages the producer force: independent agents and
// captive producers, their licences and appointments.
// Tables: agents, agent_licenses. Uses sqlx (the agency portal team's choice).
package agents

import (
	"context"
	"strings"

	"github.com/jmoiron/sqlx"

	"harbormutual.com/core/domain"
	"harbormutual.com/core/platform/db"
	"harbormutual.com/core/platform/errs"
	"harbormutual.com/core/platform/log"
)

type Repo struct {
	x *sqlx.DB
}

func NewRepo(pool *db.DB) *Repo { return &Repo{x: sqlx.NewDb(pool.DB, pool.Driver)} }

const agentCols = `id, code, name, agency, email, new_business_rate, renewal_rate, active`

func (r *Repo) Get(ctx context.Context, id int64) (*domain.Agent, error) {
	var a domain.Agent
	if err := r.x.GetContext(ctx, &a, `SELECT `+agentCols+` FROM agents WHERE id = $1`, id); err != nil {
		if db.IsNoRows(err) {
			return nil, errs.NotFoundf("agents.Get", "agent %d", id)
		}
		return nil, errs.Wrap("agents.Get", err)
	}
	return &a, r.loadStates(ctx, &a)
}

func (r *Repo) GetByCode(ctx context.Context, code string) (*domain.Agent, error) {
	var a domain.Agent
	if err := r.x.GetContext(ctx, &a, `SELECT `+agentCols+` FROM agents WHERE code = $1`, strings.ToUpper(code)); err != nil {
		if db.IsNoRows(err) {
			return nil, errs.NotFoundf("agents.GetByCode", "agent %s", code)
		}
		return nil, errs.Wrap("agents.GetByCode", err)
	}
	return &a, r.loadStates(ctx, &a)
}

func (r *Repo) ListActive(ctx context.Context) ([]domain.Agent, error) {
	var as []domain.Agent
	err := r.x.SelectContext(ctx, &as, `SELECT `+agentCols+` FROM agents WHERE active ORDER BY code`)
	return as, errs.Wrap("agents.ListActive", err)
}

func (r *Repo) loadStates(ctx context.Context, a *domain.Agent) error {
	var rows []struct {
		State string `db:"state"`
	}
	err := r.x.SelectContext(ctx, &rows, `SELECT state FROM agent_licenses WHERE agent_id = $1 AND expires_on > now()`, a.ID)
	if err != nil {
		return errs.Wrap("agents.loadStates", err)
	}
	a.LicensedStates = a.LicensedStates[:0]
	for _, s := range rows {
		a.LicensedStates = append(a.LicensedStates, s.State)
	}
	return nil
}

func (r *Repo) Insert(ctx context.Context, a *domain.Agent) error {
	_, err := r.x.NamedExecContext(ctx, `INSERT INTO agents (code, name, agency, email, new_business_rate, renewal_rate, active)
		VALUES (:code, :name, :agency, :email, :new_business_rate, :renewal_rate, :active)`, a)
	if err != nil {
		return errs.Wrap("agents.Insert", err)
	}
	return r.x.GetContext(ctx, &a.ID, `SELECT id FROM agents WHERE code = $1`, a.Code)
}

func (r *Repo) SetActive(ctx context.Context, id int64, active bool) error {
	_, err := r.x.ExecContext(ctx, `UPDATE agents SET active = $2 WHERE id = $1`, id, active)
	return errs.Wrap("agents.SetActive", err)
}

type Service struct {
	repo *Repo
	log  *log.Logger
}

func NewService(repo *Repo) *Service { return &Service{repo: repo, log: log.New("agents")} }

func (s *Service) Get(ctx context.Context, id int64) (*domain.Agent, error) {
	return s.repo.Get(ctx, id)
}

func (s *Service) ByCode(ctx context.Context, code string) (*domain.Agent, error) {
	return s.repo.GetByCode(ctx, code)
}

// IDForCode resolves an agent code for API authentication; 0 if unknown.
func (s *Service) IDForCode(code string) int64 {
	a, err := s.repo.GetByCode(context.Background(), code)
	if err != nil {
		return 0
	}
	return a.ID
}

// CheckAppointment verifies the agent may write business in state.
func (s *Service) CheckAppointment(ctx context.Context, agentID int64, state string) error {
	if agentID == 0 {
		return nil // direct business
	}
	a, err := s.repo.Get(ctx, agentID)
	if err != nil {
		return err
	}
	if !a.Active {
		return errs.E("agents.CheckAppointment", errs.Forbidden, "agent %s is not active", a.Code)
	}
	for _, st := range a.LicensedStates {
		if st == state {
			return nil
		}
	}
	return errs.E("agents.CheckAppointment", errs.Forbidden, "agent %s not licensed in %s", a.Code, state)
}

func (s *Service) Onboard(ctx context.Context, a *domain.Agent) error {
	a.Code = strings.ToUpper(strings.TrimSpace(a.Code))
	if a.Code == "" || a.Name == "" {
		return errs.Invalidf("agents.Onboard", "code and name required")
	}
	if a.NewBizRate <= 0 || a.NewBizRate > 0.25 || a.RenewalRate < 0 || a.RenewalRate > 0.2 {
		return errs.Invalidf("agents.Onboard", "commission rates out of range")
	}
	a.Active = true
	return s.repo.Insert(ctx, a)
}

func (s *Service) Terminate(ctx context.Context, id int64) error {
	s.log.Info("agent terminated", "agent", id)
	return s.repo.SetActive(ctx, id, false)
}

func (s *Service) ListActive(ctx context.Context) ([]domain.Agent, error) {
	return s.repo.ListActive(ctx)
}
