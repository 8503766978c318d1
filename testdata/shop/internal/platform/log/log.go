// Package log is a small structured logger that writes one JSON object per
// line. It exists so that every service logs the same way without pulling a
// logging framework into the shared kernel.
package log

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// Level is the severity of a record.
type Level int

// The levels, least severe first.
const (
	LevelDebug Level = iota
	LevelInfo
	LevelWarn
	LevelError
)

func (l Level) String() string {
	switch l {
	case LevelDebug:
		return "debug"
	case LevelInfo:
		return "info"
	case LevelWarn:
		return "warn"
	case LevelError:
		return "error"
	}
	return fmt.Sprintf("level(%d)", int(l))
}

// ParseLevel parses a level name as found in configuration.
func ParseLevel(s string) (Level, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "debug":
		return LevelDebug, nil
	case "", "info":
		return LevelInfo, nil
	case "warn", "warning":
		return LevelWarn, nil
	case "error":
		return LevelError, nil
	}
	return LevelInfo, fmt.Errorf("log: unknown level %q", s)
}

// Field is one key/value pair of a record.
type Field struct {
	Key   string
	Value any
}

// F builds a field.
func F(key string, value any) Field { return Field{Key: key, Value: value} }

// Err builds the conventional "error" field.
func Err(err error) Field {
	if err == nil {
		return Field{Key: "error"}
	}
	return Field{Key: "error", Value: err.Error()}
}

type sink struct {
	mu  sync.Mutex
	out io.Writer
	now func() time.Time
}

// Logger writes records at or above its level. Loggers derived with With
// share the writer of their parent.
type Logger struct {
	sink   *sink
	level  Level
	fields []Field
}

// New returns a logger writing to out (stderr when nil).
func New(out io.Writer, level Level) *Logger {
	if out == nil {
		out = os.Stderr
	}
	return &Logger{sink: &sink{out: out, now: time.Now}, level: level}
}

// Nop returns a logger that discards everything.
func Nop() *Logger { return New(io.Discard, LevelError+1) }

// With returns a logger that adds fields to every record.
func (l *Logger) With(fields ...Field) *Logger {
	merged := make([]Field, 0, len(l.fields)+len(fields))
	merged = append(merged, l.fields...)
	merged = append(merged, fields...)
	return &Logger{sink: l.sink, level: l.level, fields: merged}
}

// Named returns a logger for one component.
func (l *Logger) Named(component string) *Logger { return l.With(F("component", component)) }

// Enabled reports whether records of level would be written.
func (l *Logger) Enabled(level Level) bool { return l != nil && level >= l.level }

// Debug logs at debug level.
func (l *Logger) Debug(msg string, fields ...Field) { l.write(LevelDebug, msg, fields) }

// Info logs at info level.
func (l *Logger) Info(msg string, fields ...Field) { l.write(LevelInfo, msg, fields) }

// Warn logs at warn level.
func (l *Logger) Warn(msg string, fields ...Field) { l.write(LevelWarn, msg, fields) }

// Error logs at error level.
func (l *Logger) Error(msg string, fields ...Field) { l.write(LevelError, msg, fields) }

func (l *Logger) write(level Level, msg string, fields []Field) {
	if !l.Enabled(level) {
		return
	}
	rec := make(map[string]any, len(l.fields)+len(fields)+3)
	for _, f := range l.fields {
		rec[f.Key] = normalize(f.Value)
	}
	for _, f := range fields {
		rec[f.Key] = normalize(f.Value)
	}
	rec["ts"] = l.sink.now().UTC().Format(time.RFC3339Nano)
	rec["level"] = level.String()
	rec["msg"] = msg
	line, err := json.Marshal(rec)
	if err != nil {
		line, _ = json.Marshal(map[string]string{"level": "error", "msg": "log: cannot encode record", "error": err.Error()})
	}
	l.sink.mu.Lock()
	defer l.sink.mu.Unlock()
	_, _ = l.sink.out.Write(append(line, '\n'))
}

func normalize(v any) any {
	switch x := v.(type) {
	case error:
		return x.Error()
	case time.Duration:
		return x.String()
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	case fmt.Stringer:
		return x.String()
	}
	return v
}
