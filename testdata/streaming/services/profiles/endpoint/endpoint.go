// Package endpoint adapts the profiles service to kit endpoints.
package endpoint

import (
	"context"
	"log/slog"

	"github.com/flickstream/api/models"
	"github.com/flickstream/api/pkg/errs"
	"github.com/flickstream/api/pkg/httpx"
	"github.com/flickstream/api/pkg/kit"
	"github.com/flickstream/api/services/profiles/service"
)

// Endpoints groups the profile endpoints.
type Endpoints struct {
	Signup         kit.Endpoint
	ListProfiles   kit.Endpoint
	CreateProfile  kit.Endpoint
	DeleteProfile  kit.Endpoint
	GetControls    kit.Endpoint
	UpdateControls kit.Endpoint
}

// SignupRequest creates an account.
type SignupRequest struct {
	Email   string `json:"email"`
	Country string `json:"country"`
}

// ProfileRequest targets one profile of the caller's account.
type ProfileRequest struct {
	ProfileID string
}

// CreateProfileRequest creates a profile.
type CreateProfileRequest struct {
	Profile models.Profile `json:"profile"`
}

// ControlsRequest updates controls.
type ControlsRequest struct {
	ProfileID string                  `json:"-"`
	Controls  models.ParentalControls `json:"controls"`
}

func account(ctx context.Context) (string, error) {
	c, ok := httpx.CallerFrom(ctx)
	if !ok || c.AccountID == "" {
		return "", errs.E(errs.Unauthorized, "profiles.endpoint", "no account on request")
	}
	return c.AccountID, nil
}

// New builds the endpoints.
func New(svc *service.Service, log *slog.Logger) Endpoints {
	withAccount := func(f func(ctx context.Context, accountID string, req any) (any, error)) kit.Endpoint {
		return func(ctx context.Context, req any) (any, error) {
			acc, err := account(ctx)
			if err != nil {
				return nil, err
			}
			return f(ctx, acc, req)
		}
	}
	return Endpoints{
		Signup: kit.Logging(log, "profiles.Signup")(func(ctx context.Context, req any) (any, error) {
			r := req.(SignupRequest)
			return svc.CreateAccount(ctx, r.Email, r.Country)
		}),
		ListProfiles: withAccount(func(ctx context.Context, acc string, _ any) (any, error) {
			ps, err := svc.Profiles(ctx, acc)
			return map[string]any{"profiles": ps}, err
		}),
		CreateProfile: withAccount(func(ctx context.Context, acc string, req any) (any, error) {
			return svc.CreateProfile(ctx, acc, req.(CreateProfileRequest).Profile)
		}),
		DeleteProfile: withAccount(func(ctx context.Context, acc string, req any) (any, error) {
			return struct{}{}, svc.DeleteProfile(ctx, acc, req.(ProfileRequest).ProfileID)
		}),
		GetControls: withAccount(func(ctx context.Context, acc string, req any) (any, error) {
			return svc.Controls(ctx, acc, req.(ProfileRequest).ProfileID)
		}),
		UpdateControls: kit.Logging(log, "profiles.UpdateControls")(withAccount(func(ctx context.Context, acc string, req any) (any, error) {
			r := req.(ControlsRequest)
			r.Controls.ProfileID = r.ProfileID
			return svc.UpdateControls(ctx, acc, r.Controls)
		})),
	}
}
