// Package logger wraps log/slog with the conventions we use in every
// binary: a service attribute, JSON in production, and a logger carried
// on the request context.
package logger

import (
	"context"
	"io"
	"log/slog"
	"os"
	"strings"
)

// Logger is a thin wrapper so that we can add helpers without touching
// every call site.
type Logger struct {
	*slog.Logger
}

// New builds a logger writing to w. format is "json" or "text".
func New(w io.Writer, service, level, format string) *Logger {
	opts := &slog.HandlerOptions{Level: parseLevel(level)}
	var h slog.Handler
	if strings.EqualFold(format, "json") {
		h = slog.NewJSONHandler(w, opts)
	} else {
		h = slog.NewTextHandler(w, opts)
	}
	return &Logger{slog.New(h).With("service", service)}
}

// Default logs text at info level to stderr.
func Default() *Logger { return New(os.Stderr, "clinic", "info", "text") }

// With returns a child logger with extra attributes.
func (l *Logger) With(args ...any) *Logger {
	return &Logger{l.Logger.With(args...)}
}

// Named tags a child logger with a component name.
func (l *Logger) Named(component string) *Logger {
	return l.With("component", component)
}

// Err logs msg at error level with err attached.
func (l *Logger) Err(ctx context.Context, msg string, err error, args ...any) {
	l.ErrorContext(ctx, msg, append([]any{"err", err}, args...)...)
}

func parseLevel(s string) slog.Level {
	switch strings.ToLower(s) {
	case "debug":
		return slog.LevelDebug
	case "warn", "warning":
		return slog.LevelWarn
	case "error":
		return slog.LevelError
	}
	return slog.LevelInfo
}

type ctxKey struct{}

// WithContext stores l on ctx.
func WithContext(ctx context.Context, l *Logger) context.Context {
	return context.WithValue(ctx, ctxKey{}, l)
}

// FromContext returns the logger on ctx, or Default.
func FromContext(ctx context.Context) *Logger {
	if l, ok := ctx.Value(ctxKey{}).(*Logger); ok && l != nil {
		return l
	}
	return Default()
}
