// Package logx configures structured logging and carries request-scoped
// attributes through a context.
package logx

import (
	"context"
	"log/slog"
	"os"
	"strings"
)

type ctxKey struct{}

func New(service, level string) *slog.Logger {
	var lv slog.Level
	switch strings.ToLower(level) {
	case "debug":
		lv = slog.LevelDebug
	case "warn":
		lv = slog.LevelWarn
	case "error":
		lv = slog.LevelError
	default:
		lv = slog.LevelInfo
	}
	h := slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: lv})
	return slog.New(h).With("service", service)
}

func With(ctx context.Context, args ...any) context.Context {
	return context.WithValue(ctx, ctxKey{}, append(attrs(ctx), args...))
}

func attrs(ctx context.Context) []any {
	if v, ok := ctx.Value(ctxKey{}).([]any); ok {
		return append([]any(nil), v...)
	}
	return nil
}

// From returns base enriched with the attributes stored in ctx.
func From(ctx context.Context, base *slog.Logger) *slog.Logger {
	if a := attrs(ctx); len(a) > 0 {
		return base.With(a...)
	}
	return base
}
