// Package endpoint adapts the encoding service to kit endpoints.
package endpoint

import (
	"context"
	"log/slog"

	"github.com/flickstream/api/models"
	"github.com/flickstream/api/pkg/kit"
	"github.com/flickstream/api/services/encoding/service"
)

// Endpoints groups encoding endpoints.
type Endpoints struct {
	Submit kit.Endpoint
	Get    kit.Endpoint
	List   kit.Endpoint
	Retry  kit.Endpoint
}

// JobRequest identifies a job.
type JobRequest struct{ ID string }

// ListRequest filters jobs.
type ListRequest struct {
	Status string
	Limit  int
}

// ListResponse wraps jobs.
type ListResponse struct {
	Jobs []models.TranscodeJob `json:"jobs"`
}

// New builds the endpoints.
func New(svc *service.Service, log *slog.Logger) Endpoints {
	return Endpoints{
		Submit: kit.Logging(log, "encoding.Submit")(func(ctx context.Context, req any) (any, error) {
			return svc.Submit(ctx, req.(service.SubmitRequest))
		}),
		Get: func(ctx context.Context, req any) (any, error) {
			return svc.Get(ctx, req.(JobRequest).ID)
		},
		List: func(ctx context.Context, req any) (any, error) {
			r := req.(ListRequest)
			jobs, err := svc.List(ctx, r.Status, r.Limit)
			return ListResponse{Jobs: jobs}, err
		},
		Retry: kit.Logging(log, "encoding.Retry")(func(ctx context.Context, req any) (any, error) {
			return svc.Retry(ctx, req.(JobRequest).ID)
		}),
	}
}
