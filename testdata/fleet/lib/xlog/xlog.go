// Package xlog sets up structured logging and carries a logger in a context.
package xlog

import (
	"context"
	"log/slog"
	"os"
	"strings"
)

type ctxKey struct{}

var base = slog.New(slog.NewTextHandler(os.Stderr, nil))

// Options for Setup.
type Options struct {
	Level   string // debug, info, warn, error
	JSON    bool
	Service string
}

// Setup builds the process logger and installs it as the default.
func Setup(o Options) *slog.Logger {
	lvl := slog.LevelInfo
	switch strings.ToLower(o.Level) {
	case "debug":
		lvl = slog.LevelDebug
	case "warn":
		lvl = slog.LevelWarn
	case "error":
		lvl = slog.LevelError
	}
	hopts := &slog.HandlerOptions{Level: lvl}
	var h slog.Handler = slog.NewTextHandler(os.Stderr, hopts)
	if o.JSON {
		h = slog.NewJSONHandler(os.Stderr, hopts)
	}
	base = slog.New(h).With("svc", o.Service)
	slog.SetDefault(base)
	return base
}

// With returns a context carrying l.
func With(ctx context.Context, l *slog.Logger) context.Context {
	return context.WithValue(ctx, ctxKey{}, l)
}

// From returns the logger in ctx, or the process logger.
func From(ctx context.Context) *slog.Logger {
	if l, ok := ctx.Value(ctxKey{}).(*slog.Logger); ok && l != nil {
		return l
	}
	return base
}

// Named returns the process logger tagged with a component name.
func Named(component string) *slog.Logger { return base.With("component", component) }
