// Package transport exposes billing over HTTP.
package transport

import (
	"context"
	"net/http"

	"github.com/flickstream/api/pkg/httpx"
	"github.com/flickstream/api/pkg/kit"
	"github.com/flickstream/api/services/billing/endpoint"
)

// Register mounts the routes.
func Register(mux *http.ServeMux, eps endpoint.Endpoints) {
	mux.Handle("GET /v1/plans", kit.NewServer(eps.Plans, kit.NoBody, nil))
	mux.Handle("GET /v1/subscription", kit.NewServer(eps.Entitlement, kit.NoBody, nil))
	mux.Handle("POST /v1/subscription", kit.NewServer(eps.Subscribe, decodePlan, nil, kit.WithStatus(http.StatusCreated)))
	mux.Handle("PUT /v1/subscription/plan", kit.NewServer(eps.ChangePlan, decodePlan, nil))
	mux.Handle("DELETE /v1/subscription", kit.NewServer(eps.Cancel, kit.NoBody, nil))
	mux.Handle("GET /v1/invoices", kit.NewServer(eps.Invoices, kit.NoBody, nil))
}

func decodePlan(_ context.Context, r *http.Request) (any, error) {
	var req endpoint.PlanRequest
	err := httpx.DecodeJSON(r, &req)
	return req, err
}
