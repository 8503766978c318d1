// Package log is Harbor Mutual's thin wrapper over log/slog. Every component
// gets a named logger so that the ops dashboards can filter by "component".
package log

import (
	"context"
	"log/slog"
	"os"
	"strings"
	"sync"
)

var (
	mu      sync.Mutex
	level   = new(slog.LevelVar)
	handler slog.Handler
)

func init() {
	handler = slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: level})
}

// SetLevel accepts debug, info, warn or error (case-insensitive).
func SetLevel(s string) {
	switch strings.ToLower(s) {
	case "debug":
		level.Set(slog.LevelDebug)
	case "warn", "warning":
		level.Set(slog.LevelWarn)
	case "error":
		level.Set(slog.LevelError)
	default:
		level.Set(slog.LevelInfo)
	}
}

// UseText switches to a human-readable handler, used by the admin CLI.
func UseText() {
	mu.Lock()
	defer mu.Unlock()
	handler = slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level})
}

// Logger is a component logger.
type Logger struct {
	l *slog.Logger
}

// New returns a logger tagged with the given component name.
func New(component string) *Logger {
	mu.Lock()
	h := handler
	mu.Unlock()
	return &Logger{l: slog.New(h).With("component", component)}
}

// With returns a child logger carrying extra key/value pairs.
func (lg *Logger) With(kv ...any) *Logger {
	return &Logger{l: lg.l.With(kv...)}
}

func (lg *Logger) Debug(msg string, kv ...any) { lg.l.Debug(msg, kv...) }
func (lg *Logger) Info(msg string, kv ...any)  { lg.l.Info(msg, kv...) }
func (lg *Logger) Warn(msg string, kv ...any)  { lg.l.Warn(msg, kv...) }

// Error logs msg with the error attached under "err".
func (lg *Logger) Error(msg string, err error, kv ...any) {
	if err != nil {
		kv = append(kv, "err", err.Error())
	}
	lg.l.Error(msg, kv...)
}

type ctxKey struct{}

// Into stores a request-scoped logger in ctx.
func Into(ctx context.Context, lg *Logger) context.Context {
	return context.WithValue(ctx, ctxKey{}, lg)
}

// From returns the request-scoped logger or a fallback.
func From(ctx context.Context, fallback *Logger) *Logger {
	if lg, ok := ctx.Value(ctxKey{}).(*Logger); ok {
		return lg
	}
	return fallback
}
