// Package log is a thin wrapper around log/slog used across the platform so
// that every service logs with the same attributes and level handling.
package log

import (
	"context"
	"io"
	"log/slog"
	"os"
	"strings"
)

// Logger embeds *slog.Logger and adds a few convenience helpers.
type Logger struct {
	*slog.Logger
}

type ctxKey struct{}

// New builds a logger writing to stderr.
func New(level string, json bool) *Logger {
	return NewWriter(os.Stderr, level, json)
}

// NewWriter builds a logger writing to w.
func NewWriter(w io.Writer, level string, json bool) *Logger {
	opts := &slog.HandlerOptions{Level: parseLevel(level)}
	var h slog.Handler
	if json {
		h = slog.NewJSONHandler(w, opts)
	} else {
		h = slog.NewTextHandler(w, opts)
	}
	return &Logger{slog.New(h)}
}

// Nop returns a logger that discards everything.
func Nop() *Logger {
	return NewWriter(io.Discard, "error", false)
}

// With returns a child logger with the given attributes.
func (l *Logger) With(args ...any) *Logger {
	return &Logger{l.Logger.With(args...)}
}

// Component is shorthand for With("component", name).
func (l *Logger) Component(name string) *Logger {
	return l.With("component", name)
}

// IntoContext stores l in ctx.
func IntoContext(ctx context.Context, l *Logger) context.Context {
	return context.WithValue(ctx, ctxKey{}, l)
}

// FromContext returns the logger stored in ctx, or fallback.
func FromContext(ctx context.Context, fallback *Logger) *Logger {
	if l, ok := ctx.Value(ctxKey{}).(*Logger); ok && l != nil {
		return l
	}
	return fallback
}

func parseLevel(s string) slog.Level {
	switch strings.ToLower(s) {
	case "debug":
		return slog.LevelDebug
	case "warn", "warning":
		return slog.LevelWarn
	case "error":
		return slog.LevelError
	default:
		return slog.LevelInfo
	}
}
