// Package logging wraps log/slog with the fields we always want.
package logging

import (
	"context"
	"log/slog"
	"os"
)

type ctxKey struct{}

// New builds the process logger.
func New(service, env string) *slog.Logger {
	var h slog.Handler
	if env == "dev" {
		h = slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug})
	} else {
		h = slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo})
	}
	return slog.New(h).With("service", service, "env", env)
}

// With stores a logger in the context.
func With(ctx context.Context, l *slog.Logger) context.Context {
	return context.WithValue(ctx, ctxKey{}, l)
}

// From returns the context logger or the default one.
func From(ctx context.Context) *slog.Logger {
	if l, ok := ctx.Value(ctxKey{}).(*slog.Logger); ok {
		return l
	}
	return slog.Default()
}
