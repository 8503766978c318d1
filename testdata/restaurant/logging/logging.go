// Package logging is the original printf-style logger. Newer code tends to
// call Slog() and use structured attributes instead.
package logging

import (
	"fmt"
	"io"
	"log"
	"log/slog"
	"os"
)

// Logger is a small leveled wrapper around the standard library logger.
type Logger struct {
	std   *log.Logger
	slog  *slog.Logger
	debug bool
}

// New returns a logger writing to stderr. In dev, debug output is enabled.
func New(env string) *Logger {
	return NewWriter(os.Stderr, env)
}

// NewWriter returns a logger writing to w.
func NewWriter(w io.Writer, env string) *Logger {
	h := slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo})
	return &Logger{
		std:   log.New(w, "", log.LstdFlags|log.LUTC),
		slog:  slog.New(h).With("env", env),
		debug: env == "dev",
	}
}

// Discard is a logger that writes nothing; used by tests and tools.
func Discard() *Logger { return NewWriter(io.Discard, "test") }

func (l *Logger) Infof(format string, args ...any)  { l.out("INFO", format, args...) }
func (l *Logger) Warnf(format string, args ...any)  { l.out("WARN", format, args...) }
func (l *Logger) Errorf(format string, args ...any) { l.out("ERROR", format, args...) }

func (l *Logger) Debugf(format string, args ...any) {
	if l.debug {
		l.out("DEBUG", format, args...)
	}
}

func (l *Logger) out(level, format string, args ...any) {
	_ = l.std.Output(3, level+" "+fmt.Sprintf(format, args...))
}

// Slog exposes the structured logger for newer packages.
func (l *Logger) Slog() *slog.Logger { return l.slog }
