// Package transport exposes the catalog over HTTP. It also hosts the
// editorial rights screens (license windows per title), which call the rights service.
package transport

import (
	"context"
	"net/http"
	"time"

	"github.com/flickstream/api/models"
	"github.com/flickstream/api/pkg/httpx"
	"github.com/flickstream/api/pkg/kit"
	"github.com/flickstream/api/services/catalog/endpoint"
	rights "github.com/flickstream/api/services/rights/service"
)

// Register mounts catalog routes on mux.
func Register(mux *http.ServeMux, eps endpoint.Endpoints, rs *rights.Service) {
	mux.Handle("GET /v1/titles", kit.NewServer(eps.Browse, decodeBrowse, nil))
	mux.Handle("GET /v1/titles/{id}", kit.NewServer(eps.GetTitle, decodeGetTitle, nil))
	mux.Handle("POST /admin/v1/titles", kit.NewServer(eps.CreateTitle, decodeUpsert, nil, kit.WithStatus(http.StatusCreated)))
	mux.Handle("PUT /admin/v1/titles/{id}", kit.NewServer(eps.UpdateTitle, decodeUpsert, nil))
	mux.Handle("POST /admin/v1/titles/{id}/episodes", kit.NewServer(eps.AddEpisode, decodeAddEpisode, nil, kit.WithStatus(http.StatusCreated)))

	h := &rightsHandler{rights: rs}
	mux.HandleFunc("GET /admin/v1/titles/{id}/windows", h.list)
	mux.HandleFunc("POST /admin/v1/titles/{id}/windows", h.create)
	mux.HandleFunc("DELETE /admin/v1/windows/{windowID}", h.revoke)
	mux.HandleFunc("GET /v1/titles/{id}/availability", h.availability)
}

func decodeBrowse(_ context.Context, r *http.Request) (any, error) {
	q := r.URL.Query()
	return endpoint.BrowseRequest{
		Genre:     q.Get("genre"),
		Kind:      q.Get("kind"),
		MaxRating: q.Get("max_rating"),
		Limit:     httpx.QueryInt(r, "limit", 25, 100),
		Offset:    httpx.QueryInt(r, "offset", 0, 0),
	}, nil
}

func decodeGetTitle(_ context.Context, r *http.Request) (any, error) {
	return endpoint.GetTitleRequest{ID: r.PathValue("id")}, nil
}

func decodeUpsert(_ context.Context, r *http.Request) (any, error) {
	var req endpoint.UpsertTitleRequest
	if err := httpx.DecodeJSON(r, &req); err != nil {
		return nil, err
	}
	req.ID = r.PathValue("id")
	return req, nil
}

func decodeAddEpisode(_ context.Context, r *http.Request) (any, error) {
	var req endpoint.AddEpisodeRequest
	if err := httpx.DecodeJSON(r, &req); err != nil {
		return nil, err
	}
	req.TitleID = r.PathValue("id")
	return req, nil
}

type rightsHandler struct {
	rights *rights.Service
}

func (h *rightsHandler) list(w http.ResponseWriter, r *http.Request) {
	ws, err := h.rights.Windows(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.WriteError(w, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"windows": ws})
}

func (h *rightsHandler) create(w http.ResponseWriter, r *http.Request) {
	var win models.LicenseWindow
	if err := httpx.DecodeJSON(r, &win); err != nil {
		httpx.WriteError(w, err)
		return
	}
	win.TitleID = r.PathValue("id")
	created, err := h.rights.AddWindow(r.Context(), win)
	if err != nil {
		httpx.WriteError(w, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, created)
}

func (h *rightsHandler) revoke(w http.ResponseWriter, r *http.Request) {
	if err := h.rights.Revoke(r.Context(), r.PathValue("windowID")); err != nil {
		httpx.WriteError(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *rightsHandler) availability(w http.ResponseWriter, r *http.Request) {
	caller, _ := httpx.CallerFrom(r.Context())
	a, err := h.rights.Check(r.Context(), r.PathValue("id"), caller.Territory, time.Now().UTC())
	if err != nil {
		httpx.WriteError(w, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, a)
}
