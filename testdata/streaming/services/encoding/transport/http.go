// Package transport exposes the encoding admin API over HTTP.
package transport

import (
	"context"
	"net/http"

	"github.com/flickstream/api/pkg/httpx"
	"github.com/flickstream/api/pkg/kit"
	"github.com/flickstream/api/services/encoding/endpoint"
	"github.com/flickstream/api/services/encoding/service"
)

// Register mounts the routes.
func Register(mux *http.ServeMux, eps endpoint.Endpoints) {
	mux.Handle("POST /admin/v1/transcodes", kit.NewServer(eps.Submit, decodeSubmit, nil, kit.WithStatus(http.StatusAccepted)))
	mux.Handle("GET /admin/v1/transcodes", kit.NewServer(eps.List, decodeList, nil))
	mux.Handle("GET /admin/v1/transcodes/{id}", kit.NewServer(eps.Get, decodeJob, nil))
	mux.Handle("POST /admin/v1/transcodes/{id}/retry", kit.NewServer(eps.Retry, decodeJob, nil, kit.WithStatus(http.StatusAccepted)))
}

func decodeSubmit(_ context.Context, r *http.Request) (any, error) {
	var req service.SubmitRequest
	err := httpx.DecodeJSON(r, &req)
	return req, err
}

func decodeList(_ context.Context, r *http.Request) (any, error) {
	return endpoint.ListRequest{Status: r.URL.Query().Get("status"), Limit: httpx.QueryInt(r, "limit", 50, 200)}, nil
}

func decodeJob(_ context.Context, r *http.Request) (any, error) {
	return endpoint.JobRequest{ID: r.PathValue("id")}, nil
}
