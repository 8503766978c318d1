// Package log is a thin wrapper over log/slog so every service logs the same
// way (JSON in prod, text locally) and carries request-scoped fields.
package log

import (
	"context"
	"io"
	"log/slog"
	"os"
)

type ctxKey struct{}

// Logger is the project-wide logger type.
type Logger = slog.Logger

// New builds a logger for the given environment.
func New(env, service string, w io.Writer) *Logger {
	if w == nil {
		w = os.Stderr
	}
	var h slog.Handler
	opts := &slog.HandlerOptions{Level: slog.LevelInfo}
	if env == "dev" || env == "test" {
		opts.Level = slog.LevelDebug
		h = slog.NewTextHandler(w, opts)
	} else {
		h = slog.NewJSONHandler(w, opts)
	}
	return slog.New(h).With("service", service, "env", env)
}

// WithContext stores a logger in ctx.
func WithContext(ctx context.Context, l *Logger) context.Context {
	return context.WithValue(ctx, ctxKey{}, l)
}

// From returns the logger stored in ctx, or the default logger.
func From(ctx context.Context) *Logger {
	if l, ok := ctx.Value(ctxKey{}).(*Logger); ok && l != nil {
		return l
	}
	return slog.Default()
}

// Nop returns a logger that discards everything.
func Nop() *Logger {
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}
