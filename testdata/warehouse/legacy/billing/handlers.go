package billing

import (
	"net/http"
	"time"

	"shipwell.io/wms/legacy/billing/billingdb"
	"shipwell.io/wms/pkg/apperr"
	"shipwell.io/wms/pkg/auth"
	"shipwell.io/wms/pkg/httpx"
)

// Routes registers the billing endpoints on the shared mux.
func Routes(r httpx.Router, s *Service) {
	r.HandleFunc("GET /billing/invoices", func(w http.ResponseWriter, req *http.Request) {
		client, err := auth.ScopeClient(req.Context(), req.URL.Query().Get("client_id"))
		if err != nil {
			httpx.Error(w, req, err)
			return
		}
		invs, err := billingdb.Invoices(req.Context(), s.DB, client)
		if err != nil {
			httpx.Error(w, req, err)
			return
		}
		httpx.JSON(w, http.StatusOK, invs)
	})
	r.HandleFunc("POST /billing/close", func(w http.ResponseWriter, req *http.Request) {
		if err := auth.Require(req.Context(), auth.RoleAdmin); err != nil {
			httpx.Error(w, req, err)
			return
		}
		period, err := time.Parse("2006-01", req.URL.Query().Get("period"))
		if err != nil {
			httpx.Error(w, req, apperr.Invalid("period must be YYYY-MM"))
			return
		}
		invs, err := s.CloseMonth(req.Context(), period)
		if err != nil {
			httpx.Error(w, req, err)
			return
		}
		httpx.JSON(w, http.StatusOK, invs)
	})
}
