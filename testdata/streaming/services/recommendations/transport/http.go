// Package transport exposes recommendations over HTTP.
package transport

import (
	"net/http"

	"github.com/flickstream/api/pkg/kit"
	"github.com/flickstream/api/services/recommendations/endpoint"
)

// Register mounts the routes.
func Register(mux *http.ServeMux, eps endpoint.Endpoints) {
	mux.Handle("GET /v1/recommendations", kit.NewServer(eps.ForMe, kit.NoBody, nil))
	mux.Handle("POST /v1/recommendations/refresh", kit.NewServer(eps.Refresh, kit.NoBody, nil))
}
