// Package events is the in-process pub/sub bus that replaced the Rails
// ActiveSupport::Notifications hooks.
package events

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

const (
	StudentEnrolled       = "student.enrolled"
	StudentWithdrawn      = "student.withdrawn"
	StudentAddressChanged = "student.address_changed"
	GradesPosted          = "grades.posted"
	StaffAbsenceReported  = "staff.absence_reported"
	BusDelayed            = "transport.bus_delayed"
)

type Event struct {
	Name    string
	Payload any
}

type Handler func(ctx context.Context, e Event) error

type Bus struct {
	mu   sync.RWMutex
	subs map[string][]Handler
	log  *slog.Logger
}

func NewBus(log *slog.Logger) *Bus {
	return &Bus{subs: map[string][]Handler{}, log: log}
}

func (b *Bus) Subscribe(name string, h Handler) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs[name] = append(b.subs[name], h)
}

// Publish delivers synchronously; handler errors are logged, not returned,
// so one subscriber cannot fail the publisher's request.
func (b *Bus) Publish(ctx context.Context, name string, payload any) {
	if b == nil {
		return
	}
	b.mu.RLock()
	hs := append([]Handler(nil), b.subs[name]...)
	b.mu.RUnlock()
	for _, h := range hs {
		if err := h(ctx, Event{Name: name, Payload: payload}); err != nil {
			b.log.Error("event handler failed", "event", name, "err", err)
		}
	}
}

// Payloads. Kept here (not in models) so subscribers do not need to import
// the publisher's packages.

type StudentChange struct {
	StudentID  int64
	SchoolID   int64
	GradeLevel int
	Date       time.Time
	Reason     string
}

type AddressChange struct {
	StudentID  int64
	SchoolID   int64
	GradeLevel int
	Lat, Lng   float64
}

type GradesPostedPayload struct {
	SectionID int64
	Term      string
	Students  []int64
}

type StaffAbsence struct {
	AbsenceID int64
	StaffID   int64
	Date      time.Time
	NeedsSub  bool
}
