// Package transport exposes playback over HTTP, including the "continue
// watching" shelf that the player home screen fetches alongside sessions.
package transport

import (
	"context"
	"net/http"

	"github.com/flickstream/api/pkg/httpx"
	"github.com/flickstream/api/pkg/kit"
	history "github.com/flickstream/api/services/history/service"
	"github.com/flickstream/api/services/playback/endpoint"
	"github.com/flickstream/api/services/playback/service"
)

// Register mounts the routes.
func Register(mux *http.ServeMux, eps endpoint.Endpoints, hist *history.Service) {
	mux.Handle("POST /v1/playback", kit.NewServer(eps.Start, decodeStart, nil, kit.WithStatus(http.StatusCreated)))
	mux.Handle("POST /v1/playback/{id}/heartbeat", kit.NewServer(eps.Heartbeat, decodeHeartbeat, nil, kit.WithStatus(http.StatusAccepted)))
	mux.Handle("DELETE /v1/playback/{id}", kit.NewServer(eps.Stop, decodeSession, nil))
	mux.Handle("POST /v1/playback/{id}/license", kit.NewServer(eps.License, decodeLicense, nil))

	mux.HandleFunc("GET /v1/continue-watching", func(w http.ResponseWriter, r *http.Request) {
		c, _ := httpx.CallerFrom(r.Context())
		if c.ProfileID == "" {
			httpx.WriteJSON(w, http.StatusUnauthorized, map[string]string{"error": "profile required"})
			return
		}
		items, err := hist.ContinueWatching(r.Context(), c.ProfileID, httpx.QueryInt(r, "limit", 20, 40))
		if err != nil {
			httpx.WriteError(w, err)
			return
		}
		httpx.WriteJSON(w, http.StatusOK, map[string]any{"items": items})
	})
	mux.HandleFunc("DELETE /v1/history", func(w http.ResponseWriter, r *http.Request) {
		c, _ := httpx.CallerFrom(r.Context())
		if err := hist.Forget(r.Context(), c.ProfileID); err != nil {
			httpx.WriteError(w, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

func decodeStart(_ context.Context, r *http.Request) (any, error) {
	var req service.StartRequest
	err := httpx.DecodeJSON(r, &req)
	return req, err
}

func decodeHeartbeat(_ context.Context, r *http.Request) (any, error) {
	var req service.HeartbeatRequest
	if err := httpx.DecodeJSON(r, &req); err != nil {
		return nil, err
	}
	req.SessionID = r.PathValue("id")
	return req, nil
}

func decodeSession(_ context.Context, r *http.Request) (any, error) {
	return endpoint.SessionRequest{SessionID: r.PathValue("id")}, nil
}

func decodeLicense(_ context.Context, r *http.Request) (any, error) {
	var req endpoint.SessionRequest
	if err := httpx.DecodeJSON(r, &req); err != nil {
		return nil, err
	}
	req.SessionID = r.PathValue("id")
	return req, nil
}
