// Package endpoint adapts the recommendations service to kit endpoints.
package endpoint

import (
	"context"
	"log/slog"
	"time"

	"github.com/flickstream/api/models"
	"github.com/flickstream/api/pkg/errs"
	"github.com/flickstream/api/pkg/httpx"
	"github.com/flickstream/api/pkg/kit"
	"github.com/flickstream/api/services/recommendations/service"
)

// Endpoints groups recommendation endpoints.
type Endpoints struct {
	ForMe   kit.Endpoint
	Refresh kit.Endpoint
}

// SlateResponse is a recommendation row.
type SlateResponse struct {
	Items []models.Recommendation `json:"items"`
}

// New builds the endpoints.
func New(svc *service.Service, log *slog.Logger) Endpoints {
	profileOf := func(ctx context.Context) (string, error) {
		c, ok := httpx.CallerFrom(ctx)
		if !ok || c.ProfileID == "" {
			return "", errs.E(errs.Unauthorized, "recs.endpoint", "profile required")
		}
		return c.ProfileID, nil
	}
	mw := kit.Chain(kit.Logging(log, "recs"), kit.Timeout(3*time.Second))
	return Endpoints{
		ForMe: mw(func(ctx context.Context, _ any) (any, error) {
			p, err := profileOf(ctx)
			if err != nil {
				return nil, err
			}
			items, err := svc.ForProfile(ctx, p)
			return SlateResponse{Items: items}, err
		}),
		Refresh: mw(func(ctx context.Context, _ any) (any, error) {
			p, err := profileOf(ctx)
			if err != nil {
				return nil, err
			}
			items, err := svc.Compute(ctx, p)
			return SlateResponse{Items: items}, err
		}),
	}
}
