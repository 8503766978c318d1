// Package stages manages pipelines and their stages.
package stages

import (
	"context"
	"database/sql"
	"strings"

	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/db"
	"pipelinelabs.io/crm/internal/platform/errs"
)

// Migrations for pipelines and stages.
var Migrations = []db.Migration{
	{Name: "deals_001_pipelines", Up: `CREATE TABLE pipelines (
		id TEXT PRIMARY KEY,
		tenant_id TEXT NOT NULL,
		name TEXT NOT NULL,
		is_default BOOLEAN NOT NULL DEFAULT false,
		created_at TIMESTAMPTZ NOT NULL DEFAULT now()
	);
	CREATE TABLE stages (
		id TEXT PRIMARY KEY,
		tenant_id TEXT NOT NULL,
		pipeline_id TEXT NOT NULL REFERENCES pipelines(id),
		name TEXT NOT NULL,
		position INT NOT NULL,
		probability INT NOT NULL CHECK (probability BETWEEN 0 AND 100),
		rot_days INT,
		auto_sequence_id TEXT
	)`},
}

// Pipeline is a sales process with ordered stages.
type Pipeline struct {
	ID        core.ID      `json:"id"`
	Name      string       `json:"name"`
	IsDefault bool         `json:"is_default"`
	Stages    []core.Stage `json:"stages"`
}

// DefaultStages is what every new tenant starts with.
var DefaultStages = []core.Stage{
	{Name: "Qualification", Probability: 10, RotDays: 14},
	{Name: "Discovery", Probability: 25, RotDays: 14},
	{Name: "Proposal", Probability: 50, RotDays: 10},
	{Name: "Negotiation", Probability: 75, RotDays: 7},
	{Name: "Verbal commit", Probability: 90, RotDays: 5},
}

// Store is the SQL store for pipelines.
type Store struct{ DB *sql.DB }

// CreatePipeline inserts a pipeline with stages.
func (s *Store) CreatePipeline(ctx context.Context, tenantID core.ID, name string, isDefault bool, stages []core.Stage) (Pipeline, error) {
	name = strings.TrimSpace(name)
	if name == "" || len(stages) == 0 {
		return Pipeline{}, errs.Invalid("a pipeline needs a name and at least one stage")
	}
	p := Pipeline{ID: core.NewID(core.PrefixPipeline), Name: name, IsDefault: isDefault}
	err := db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		if isDefault {
			if _, err := tx.ExecContext(ctx, `UPDATE pipelines SET is_default = false WHERE tenant_id = $1`, tenantID); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO pipelines (id, tenant_id, name, is_default) VALUES ($1,$2,$3,$4)`,
			p.ID, tenantID, p.Name, isDefault); err != nil {
			return err
		}
		for i, st := range stages {
			st.ID, st.PipelineID, st.Position = core.NewID(core.PrefixStage), p.ID, i
			if _, err := tx.ExecContext(ctx, `INSERT INTO stages (id, tenant_id, pipeline_id, name, position, probability, rot_days, auto_sequence_id)
				VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`, st.ID, tenantID, p.ID, st.Name, st.Position, st.Probability,
				sql.NullInt64{Int64: int64(st.RotDays), Valid: st.RotDays > 0}, db.NullString(string(st.AutoSequenceID))); err != nil {
				return err
			}
			p.Stages = append(p.Stages, st)
		}
		return nil
	})
	return p, err
}

const (
	stageCols  = `id, pipeline_id, name, position, probability, COALESCE(rot_days, 0), COALESCE(auto_sequence_id, '')`
	sStageCols = `s.id, s.pipeline_id, s.name, s.position, s.probability, COALESCE(s.rot_days, 0), COALESCE(s.auto_sequence_id, '')`
)

func scanStage(s db.Scanner) (core.Stage, error) {
	var st core.Stage
	err := s.Scan(&st.ID, &st.PipelineID, &st.Name, &st.Position, &st.Probability, &st.RotDays, &st.AutoSequenceID)
	return st, err
}

// Stage loads one stage.
func (s *Store) Stage(ctx context.Context, tenantID, id core.ID) (core.Stage, error) {
	st, err := scanStage(s.DB.QueryRowContext(ctx, `SELECT `+stageCols+` FROM stages WHERE tenant_id = $1 AND id = $2`, tenantID, id))
	return st, db.NoRows(err, "stage")
}

// AllStages returns every stage of the tenant keyed by ID.
func (s *Store) AllStages(ctx context.Context, tenantID core.ID) (map[core.ID]core.Stage, error) {
	list, err := db.All(ctx, s.DB, scanStage, `SELECT `+stageCols+` FROM stages WHERE tenant_id = $1`, tenantID)
	out := make(map[core.ID]core.Stage, len(list))
	for _, st := range list {
		out[st.ID] = st
	}
	return out, err
}

// Pipelines lists pipelines with their stages in order.
func (s *Store) Pipelines(ctx context.Context, tenantID core.ID) ([]Pipeline, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT p.id, p.name, p.is_default, `+sStageCols+`
		FROM pipelines p JOIN stages s ON s.pipeline_id = p.id WHERE p.tenant_id = $1 ORDER BY p.created_at, s.position`, tenantID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Pipeline
	for rows.Next() {
		var p Pipeline
		var st core.Stage
		if err := rows.Scan(&p.ID, &p.Name, &p.IsDefault, &st.ID, &st.PipelineID, &st.Name, &st.Position,
			&st.Probability, &st.RotDays, &st.AutoSequenceID); err != nil {
			return nil, err
		}
		if n := len(out); n == 0 || out[n-1].ID != p.ID {
			out = append(out, p)
		}
		out[len(out)-1].Stages = append(out[len(out)-1].Stages, st)
	}
	return out, rows.Err()
}

// DefaultEntry returns the first stage of the default pipeline.
func (s *Store) DefaultEntry(ctx context.Context, tenantID core.ID) (core.Stage, error) {
	st, err := scanStage(s.DB.QueryRowContext(ctx, `SELECT `+sStageCols+` FROM stages s
		JOIN pipelines p ON p.id = s.pipeline_id WHERE p.tenant_id = $1 AND p.is_default ORDER BY s.position LIMIT 1`, tenantID))
	return st, db.NoRows(err, "default pipeline")
}

// SetAutoSequence links a stage to a sequence that contacts are enrolled
// in when a deal enters the stage.
func (s *Store) SetAutoSequence(ctx context.Context, tenantID, stageID, sequenceID core.ID) error {
	_, err := s.DB.ExecContext(ctx, `UPDATE stages SET auto_sequence_id = $3 WHERE tenant_id = $1 AND id = $2`,
		tenantID, stageID, db.NullString(string(sequenceID)))
	return err
}
