// Package httpx has the JSON/HTTP plumbing used by controllers.
package httpx

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/k12district/sis/lib/errs"
	"github.com/k12district/sis/lib/ids"
)

const DateLayout = "2006-01-02"

func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func Error(w http.ResponseWriter, err error) {
	status := http.StatusInternalServerError
	switch errs.KindOf(err) {
	case errs.KindNotFound:
		status = http.StatusNotFound
	case errs.KindInvalid:
		status = http.StatusUnprocessableEntity
	case errs.KindConflict:
		status = http.StatusConflict
	case errs.KindForbidden:
		status = http.StatusForbidden
	}
	msg := err.Error()
	if status == http.StatusInternalServerError {
		msg = "internal error"
	}
	JSON(w, status, map[string]string{"error": msg})
}

func Decode(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errs.Invalid("malformed request body: %v", err)
	}
	return nil
}

func PathID(r *http.Request, name string) (int64, error) {
	id, err := ids.Parse(r.PathValue(name))
	if err != nil {
		return 0, errs.Invalid("bad %s", name)
	}
	return id, nil
}

func QueryInt(r *http.Request, name string, def int) int {
	if v := r.URL.Query().Get(name); v != "" {
		if n, err := strconv.Atoi(v); err == nil {
			return n
		}
	}
	return def
}

func QueryDate(r *http.Request, name string, def time.Time) (time.Time, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	t, err := time.Parse(DateLayout, v)
	if err != nil {
		return time.Time{}, errs.Invalid("bad date %s=%q", name, v)
	}
	return t, nil
}

// User is the authenticated principal, set by the SSO proxy in front of us.
type User struct {
	StaffID  int64
	Role     string
	SchoolID int64
}

var ErrNoUser = errors.New("httpx: no authenticated user")

func CurrentUser(r *http.Request) (User, error) {
	sid, err := strconv.ParseInt(r.Header.Get("X-SIS-Staff-Id"), 10, 64)
	if err != nil || sid == 0 {
		return User{}, ErrNoUser
	}
	school, _ := strconv.ParseInt(r.Header.Get("X-SIS-School-Id"), 10, 64)
	return User{StaffID: sid, Role: strings.ToLower(r.Header.Get("X-SIS-Role")), SchoolID: school}, nil
}
