// Package transport exposes accounts and profiles over HTTP.
package transport

import (
	"context"
	"net/http"

	"github.com/flickstream/api/pkg/httpx"
	"github.com/flickstream/api/pkg/kit"
	"github.com/flickstream/api/services/profiles/endpoint"
)

// Register mounts the routes.
func Register(mux *http.ServeMux, eps endpoint.Endpoints) {
	mux.Handle("POST /v1/accounts", kit.NewServer(eps.Signup, decodeSignup, nil, kit.WithStatus(http.StatusCreated)))
	mux.Handle("GET /v1/profiles", kit.NewServer(eps.ListProfiles, kit.NoBody, nil))
	mux.Handle("POST /v1/profiles", kit.NewServer(eps.CreateProfile, decodeCreate, nil, kit.WithStatus(http.StatusCreated)))
	mux.Handle("DELETE /v1/profiles/{id}", kit.NewServer(eps.DeleteProfile, decodeProfile, nil))
	mux.Handle("GET /v1/profiles/{id}/controls", kit.NewServer(eps.GetControls, decodeProfile, nil))
	mux.Handle("PUT /v1/profiles/{id}/controls", kit.NewServer(eps.UpdateControls, decodeControls, nil))
}

func decodeSignup(_ context.Context, r *http.Request) (any, error) {
	var req endpoint.SignupRequest
	err := httpx.DecodeJSON(r, &req)
	return req, err
}

func decodeCreate(_ context.Context, r *http.Request) (any, error) {
	var req endpoint.CreateProfileRequest
	err := httpx.DecodeJSON(r, &req)
	return req, err
}

func decodeProfile(_ context.Context, r *http.Request) (any, error) {
	return endpoint.ProfileRequest{ProfileID: r.PathValue("id")}, nil
}

func decodeControls(_ context.Context, r *http.Request) (any, error) {
	var req endpoint.ControlsRequest
	if err := httpx.DecodeJSON(r, &req); err != nil {
		return nil, err
	}
	req.ProfileID = r.PathValue("id")
	return req, nil
}
