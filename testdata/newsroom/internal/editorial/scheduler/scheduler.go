// Package scheduler publishes articles whose scheduled time has arrived.
package scheduler

import (
	"context"
	"database/sql"
	"log/slog"

	"github.com/dailyherald/newsroom/internal/editorial/workflow"
	"github.com/dailyherald/newsroom/pkg/httpx/middleware"
)

var systemPrincipal = middleware.Principal{ID: "system:scheduler", Roles: []string{"system"}, Staff: true}

type Job struct {
	DB       *sql.DB
	Workflow *workflow.Service
	Log      *slog.Logger
}

func (j *Job) Name() string { return "editorial.publish_scheduled" }

func (j *Job) Run(ctx context.Context) error {
	rows, err := j.DB.QueryContext(ctx, `
		SELECT ps.article_id FROM publish_schedule ps
		JOIN articles a ON a.id = ps.article_id
		WHERE ps.done_at IS NULL AND ps.publish_at <= now() AND a.status = 'scheduled'
		ORDER BY ps.publish_at LIMIT 50`)
	if err != nil {
		return err
	}
	var due []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		due = append(due, id)
	}
	rows.Close()
	for _, id := range due {
		if _, err := j.Workflow.Publish(ctx, id, systemPrincipal); err != nil {
			j.Log.Error("scheduled publish failed", "article", id, "err", err)
			_, _ = j.DB.ExecContext(ctx, `UPDATE publish_schedule SET last_error = $2 WHERE article_id = $1`, id, err.Error())
			continue
		}
		j.Log.Info("published scheduled article", "article", id)
	}
	return nil
}
