// Package base is the old ApplicationController: request wrapping, auth
// guards and pagination shared by all controllers.
package base

import (
	"log/slog"
	"net/http"
	"slices"
	"time"

	"github.com/k12district/sis/lib/errs"
	"github.com/k12district/sis/lib/httpx"
	"github.com/k12district/sis/lib/ids"
	"github.com/k12district/sis/lib/logging"
)

type Controller struct {
	Log *slog.Logger
}

type ActionFunc func(w http.ResponseWriter, r *http.Request, u httpx.User) error

// Action wraps a handler with auth, role checks, request ids and error mapping.
func (c Controller) Action(roles []string, fn ActionFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rid := r.Header.Get("X-Request-Id")
		if rid == "" {
			rid = ids.Token(8)
		}
		ctx := logging.WithRequestID(r.Context(), rid)
		r = r.WithContext(ctx)
		u, err := httpx.CurrentUser(r)
		if err != nil {
			httpx.JSON(w, http.StatusUnauthorized, map[string]string{"error": "unauthenticated"})
			return
		}
		if len(roles) > 0 && !slices.Contains(roles, u.Role) && u.Role != "district_admin" {
			httpx.Error(w, errs.Forbidden("role %q may not %s %s", u.Role, r.Method, r.URL.Path))
			return
		}
		if err := fn(w, r, u); err != nil {
			logging.From(ctx, c.Log).Warn("request failed", "path", r.URL.Path, "err", err)
			httpx.Error(w, err)
			return
		}
		logging.From(ctx, c.Log).Debug("request", "path", r.URL.Path, "dur", time.Since(start))
	}
}

var (
	Teachers    = []string{"teacher", "school_admin"}
	FrontOffice = []string{"registrar", "school_admin"}
	Admins      = []string{"school_admin"}
	Transport   = []string{"transport_coordinator"}
	Nutrition   = []string{"nutrition", "cashier"}
	HR          = []string{"hr", "school_admin"}
	AnyStaff    = []string{}
)

type Page struct {
	Limit  int
	Offset int
}

func Paginate(r *http.Request) Page {
	limit := httpx.QueryInt(r, "per_page", 50)
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	page := httpx.QueryInt(r, "page", 1)
	if page < 1 {
		page = 1
	}
	return Page{Limit: limit, Offset: (page - 1) * limit}
}
