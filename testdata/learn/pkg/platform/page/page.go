// Package page implements limit/offset and cursor pagination for list APIs.
package page

import (
	"encoding/base64"
	"net/http"
	"strconv"
)

const (
	DefaultLimit = 20
	MaxLimit     = 100
)

// Request is the parsed pagination request.
type Request struct {
	Limit  int
	Offset int
	Cursor string
}

// Page is a list response.
type Page[T any] struct {
	Items      []T    `json:"items"`
	Total      int    `json:"total,omitempty"`
	NextCursor string `json:"next_cursor,omitempty"`
}

// FromHTTP parses ?limit=&offset=&cursor= from a request.
func FromHTTP(r *http.Request) Request {
	q := r.URL.Query()
	req := Request{Limit: DefaultLimit, Cursor: q.Get("cursor")}
	if n, err := strconv.Atoi(q.Get("limit")); err == nil && n > 0 {
		req.Limit = n
	}
	if req.Limit > MaxLimit {
		req.Limit = MaxLimit
	}
	if n, err := strconv.Atoi(q.Get("offset")); err == nil && n >= 0 {
		req.Offset = n
	}
	if req.Cursor != "" {
		if off, ok := DecodeCursor(req.Cursor); ok {
			req.Offset = off
		}
	}
	return req
}

// EncodeCursor turns an offset into an opaque cursor.
func EncodeCursor(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("o:" + strconv.Itoa(offset)))
}

// DecodeCursor reverses EncodeCursor.
func DecodeCursor(c string) (int, bool) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || len(b) < 3 || string(b[:2]) != "o:" {
		return 0, false
	}
	n, err := strconv.Atoi(string(b[2:]))
	return n, err == nil
}

// New builds a page; a next cursor is set when the page is full.
func New[T any](items []T, req Request, total int) Page[T] {
	p := Page[T]{Items: items, Total: total}
	if p.Items == nil {
		p.Items = []T{}
	}
	if len(items) == req.Limit {
		p.NextCursor = EncodeCursor(req.Offset + req.Limit)
	}
	return p
}
