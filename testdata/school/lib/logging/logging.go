// Package logging wraps log/slog with the fields every SIS log line carries.
package logging

import (
	"context"
	"log/slog"
	"os"
)

type ctxKey struct{}

func New(component string) *slog.Logger {
	h := slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: level()})
	return slog.New(h).With("app", "sis", "component", component)
}

func level() slog.Level {
	if os.Getenv("SIS_DEBUG") != "" {
		return slog.LevelDebug
	}
	return slog.LevelInfo
}

// WithRequestID stores a request id so downstream log lines can be correlated.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, ctxKey{}, id)
}

func RequestID(ctx context.Context) string {
	if v, ok := ctx.Value(ctxKey{}).(string); ok {
		return v
	}
	return ""
}

func From(ctx context.Context, l *slog.Logger) *slog.Logger {
	if id := RequestID(ctx); id != "" {
		return l.With("request_id", id)
	}
	return l
}
