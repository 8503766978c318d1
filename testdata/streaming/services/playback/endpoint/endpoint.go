// Package endpoint adapts the playback service to kit endpoints.
package endpoint

import (
	"context"
	"log/slog"
	"time"

	"github.com/flickstream/api/pkg/errs"
	"github.com/flickstream/api/pkg/httpx"
	"github.com/flickstream/api/pkg/kit"
	"github.com/flickstream/api/services/playback/service"
)

// Endpoints groups playback endpoints.
type Endpoints struct {
	Start     kit.Endpoint
	Heartbeat kit.Endpoint
	Stop      kit.Endpoint
	License   kit.Endpoint
}

// SessionRequest targets a session.
type SessionRequest struct {
	SessionID string `json:"-"`
	DRMSystem string `json:"drm_system,omitempty"`
}

func caller(ctx context.Context) (httpx.Caller, error) {
	c, ok := httpx.CallerFrom(ctx)
	if !ok || c.AccountID == "" || c.ProfileID == "" {
		return c, errs.E(errs.Unauthorized, "playback.endpoint", "account and profile required")
	}
	return c, nil
}

// New builds the endpoints.
func New(svc *service.Service, log *slog.Logger) Endpoints {
	mw := func(name string, d time.Duration) kit.Middleware {
		return kit.Chain(kit.Logging(log, "playback."+name), kit.Timeout(d))
	}
	return Endpoints{
		Start: mw("Start", 4*time.Second)(func(ctx context.Context, req any) (any, error) {
			c, err := caller(ctx)
			if err != nil {
				return nil, err
			}
			r := req.(service.StartRequest)
			r.AccountID, r.ProfileID, r.DeviceID, r.Territory = c.AccountID, c.ProfileID, c.DeviceID, c.Territory
			if r.DeviceID == "" {
				return nil, errs.E(errs.Invalid, "playback.Start", "device id header missing")
			}
			return svc.Start(ctx, r)
		}),
		Heartbeat: func(ctx context.Context, req any) (any, error) {
			c, err := caller(ctx)
			if err != nil {
				return nil, err
			}
			r := req.(service.HeartbeatRequest)
			r.ProfileID = c.ProfileID
			return struct{}{}, svc.Heartbeat(ctx, r)
		},
		Stop: mw("Stop", 2*time.Second)(func(ctx context.Context, req any) (any, error) {
			c, err := caller(ctx)
			if err != nil {
				return nil, err
			}
			return struct{}{}, svc.Stop(ctx, req.(SessionRequest).SessionID, c.ProfileID)
		}),
		License: mw("License", 2*time.Second)(func(ctx context.Context, req any) (any, error) {
			c, err := caller(ctx)
			if err != nil {
				return nil, err
			}
			r := req.(SessionRequest)
			return svc.RenewLicense(ctx, r.SessionID, c.ProfileID, r.DRMSystem)
		}),
	}
}
