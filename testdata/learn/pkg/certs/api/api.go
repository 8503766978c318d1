// Package api exposes certificate verification and download.
package api

import (
	"net/http"
	"strings"

	"quill.dev/academy/pkg/certs/issuer"
	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/identity/auth"
	"quill.dev/academy/pkg/platform/errs"
	"quill.dev/academy/pkg/platform/httpx"
)

// Handler serves /certificates.
type Handler struct {
	Issuer *issuer.Issuer
}

func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /certificates/{id}", httpx.H(h.get))
	mux.HandleFunc("POST /admin/certificates/{id}/revoke", httpx.H(h.revoke))
}

// get serves JSON verification, or the PDF when the id ends in ".pdf".
func (h *Handler) get(w http.ResponseWriter, r *http.Request) error {
	raw := r.PathValue("id")
	if id, ok := strings.CutSuffix(raw, ".pdf"); ok {
		pdf, err := h.Issuer.PDF(r.Context(), types.CertID(id))
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Disposition", `inline; filename="quill-certificate-`+id+`.pdf"`)
		_, err = w.Write(pdf)
		return err
	}
	c, err := h.Issuer.Get(r.Context(), types.CertID(raw))
	if err != nil {
		return err
	}
	if c.Revoked {
		return errs.E(errs.NotFound, "certificate", "certificate has been revoked")
	}
	httpx.JSON(w, http.StatusOK, c)
	return nil
}

func (h *Handler) revoke(w http.ResponseWriter, r *http.Request) error {
	if _, err := auth.RequireRole(r, types.RoleAdmin); err != nil {
		return err
	}
	if err := h.Issuer.Revoke(r.Context(), types.CertID(r.PathValue("id"))); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
