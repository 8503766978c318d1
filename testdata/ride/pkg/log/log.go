// Package log is Zipcab's thin structured logging wrapper around log/slog.
package log

import (
	"context"
	"log/slog"
	"os"
	"strings"
)

type ctxKey struct{}

var root = slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: slog.LevelInfo}))

// Init configures the process-wide logger.
func Init(service, level string) {
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
	root = slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: lv})).With("service", service)
	slog.SetDefault(root)
}

// L returns the root logger.
func L() *slog.Logger { return root }

// With returns a child logger of the root with the given attributes.
func With(args ...any) *slog.Logger { return root.With(args...) }

// Into stores a request-scoped logger in ctx.
func Into(ctx context.Context, l *slog.Logger) context.Context {
	return context.WithValue(ctx, ctxKey{}, l)
}

// From returns the request-scoped logger or the root logger.
func From(ctx context.Context) *slog.Logger {
	if l, ok := ctx.Value(ctxKey{}).(*slog.Logger); ok {
		return l
	}
	return root
}
