// Package log is the structured logger used across Ledgerly People.
package log

import (
	"context"
	"log/slog"
	"os"
	"sync"
)

type ctxKey struct{}

var (
	mu      sync.RWMutex
	current = slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: slog.LevelInfo}))
)

// Setup replaces the process-wide logger. level is one of debug, info, warn, error.
func Setup(service, level string) {
	var l slog.Level
	switch level {
	case "debug":
		l = slog.LevelDebug
	case "warn":
		l = slog.LevelWarn
	case "error":
		l = slog.LevelError
	default:
		l = slog.LevelInfo
	}
	h := slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: l})
	mu.Lock()
	current = slog.New(h).With("service", service)
	mu.Unlock()
}

// L returns the process-wide logger.
func L() *slog.Logger {
	mu.RLock()
	defer mu.RUnlock()
	return current
}

// With stores a logger with extra attributes in ctx.
func With(ctx context.Context, args ...any) context.Context {
	return context.WithValue(ctx, ctxKey{}, From(ctx).With(args...))
}

// From returns the request-scoped logger, falling back to the global one.
func From(ctx context.Context) *slog.Logger {
	if ctx != nil {
		if l, ok := ctx.Value(ctxKey{}).(*slog.Logger); ok {
			return l
		}
	}
	return L()
}

// Info logs at info level using the logger from ctx.
func Info(ctx context.Context, msg string, args ...any) { From(ctx).InfoContext(ctx, msg, args...) }

// Warn logs at warn level using the logger from ctx.
func Warn(ctx context.Context, msg string, args ...any) { From(ctx).WarnContext(ctx, msg, args...) }

// Error logs at error level using the logger from ctx.
func Error(ctx context.Context, msg string, err error, args ...any) {
	From(ctx).ErrorContext(ctx, msg, append(args, "err", err)...)
}
