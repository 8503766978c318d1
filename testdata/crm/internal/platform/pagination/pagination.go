// Package pagination implements opaque cursor pagination for list APIs.
package pagination

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"strconv"
)

const (
	DefaultLimit = 50
	MaxLimit     = 200
)

// Params are parsed from ?limit=&cursor=.
type Params struct {
	Limit  int
	Offset int
}

// FromRequest parses pagination parameters, clamping to sane bounds.
func FromRequest(r *http.Request) Params {
	p := Params{Limit: DefaultLimit}
	if v, err := strconv.Atoi(r.URL.Query().Get("limit")); err == nil && v > 0 {
		p.Limit = min(v, MaxLimit)
	}
	if c := r.URL.Query().Get("cursor"); c != "" {
		p.Offset = decode(c)
	}
	return p
}

// FetchLimit is Limit+1 so we know whether another page exists.
func (p Params) FetchLimit() int { return p.Limit + 1 }

// SQL renders a LIMIT/OFFSET clause.
func (p Params) SQL() string {
	return fmt.Sprintf(" LIMIT %d OFFSET %d", p.FetchLimit(), p.Offset)
}

// Page is a page of results.
type Page[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor,omitempty"`
}

// NewPage trims the extra row fetched by FetchLimit and sets the cursor.
func NewPage[T any](items []T, p Params) Page[T] {
	if items == nil {
		items = []T{}
	}
	if p.Limit > 0 && len(items) > p.Limit {
		return Page[T]{Items: items[:p.Limit], NextCursor: encode(p.Offset + p.Limit)}
	}
	return Page[T]{Items: items}
}

func encode(off int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("o:" + strconv.Itoa(off)))
}

func decode(c string) int {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || len(b) < 3 || string(b[:2]) != "o:" {
		return 0
	}
	n, err := strconv.Atoi(string(b[2:]))
	if err != nil || n < 0 {
		return 0
	}
	return n
}
