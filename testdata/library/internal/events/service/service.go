// Package service implements the programs (events) rules.
package service

import (
	"context"
	"strings"
	"time"

	"citylib.org/ils/apperr"
	"citylib.org/ils/internal/events/rooms"
	"citylib.org/ils/internal/events/store"
	"citylib.org/ils/internal/platform/eventbus"
	"citylib.org/ils/models"
	membersvc "citylib.org/ils/services/members"
)

var audiences = map[string][]models.MemberCategory{
	"children": {models.CategoryChild},
	"teens":    {models.CategoryTeen},
	"adults":   {models.CategoryAdult, models.CategorySenior, models.CategoryNonResident, models.CategoryStaff},
	"all":      nil,
}

type Service struct {
	store   *store.Store
	rooms   *rooms.Service
	members *membersvc.Service
	bus     *eventbus.Bus
}

func New(s *store.Store, r *rooms.Service, m *membersvc.Service, bus *eventbus.Bus) *Service {
	return &Service{store: s, rooms: r, members: m, bus: bus}
}

// Schedule creates a program, booking its room first when one is given.
func (s *Service) Schedule(ctx context.Context, p *store.Program) error {
	p.Title = strings.TrimSpace(p.Title)
	if p.Title == "" {
		return apperr.Invalid("title_required", "program title is required")
	}
	if _, ok := audiences[p.Audience]; !ok {
		return apperr.Invalid("bad_audience", "audience must be children, teens, adults or all")
	}
	if !p.EndsAt.After(p.StartsAt) || p.StartsAt.Before(time.Now()) {
		return apperr.Invalid("bad_time", "program must start in the future and end after it starts")
	}
	if p.RoomID != nil {
		room, err := s.rooms.Room(ctx, *p.RoomID)
		if err != nil {
			return err
		}
		if room.BranchID != p.BranchID {
			return apperr.Invalid("room_elsewhere", "room belongs to another branch")
		}
		if p.Capacity > room.Capacity {
			p.Capacity = room.Capacity
		}
		b, err := s.rooms.Book(ctx, room.ID, nil, "program: "+p.Title, p.StartsAt, p.EndsAt)
		if err != nil {
			return err
		}
		p.BookingID = &b.ID
	}
	return s.store.Create(ctx, p)
}

// Register signs a member up, checking the audience matches.
func (s *Service) Register(ctx context.Context, eventID, memberID int64) (*store.Registration, error) {
	p, err := s.store.Get(ctx, eventID)
	if err != nil {
		return nil, err
	}
	if p.Capacity == 0 {
		return nil, apperr.Invalid("drop_in", "this program is drop-in; no registration needed")
	}
	m, err := s.members.Get(ctx, memberID)
	if err != nil {
		return nil, err
	}
	if m.Status != models.MemberActive {
		return nil, apperr.Blocked("inactive_member", "membership is not active")
	}
	if allowed := audiences[p.Audience]; allowed != nil {
		ok := false
		for _, c := range allowed {
			ok = ok || c == m.Category
		}
		if !ok {
			return nil, apperr.Invalid("wrong_audience", "this program is for "+p.Audience)
		}
	}
	return s.store.Register(ctx, eventID, memberID)
}

func (s *Service) Unregister(ctx context.Context, eventID, memberID int64) error {
	promoted, err := s.store.Unregister(ctx, eventID, memberID)
	if err != nil {
		return err
	}
	_ = promoted // promotion notices are sent by the nightly digest
	return nil
}

// Cancel cancels the program, releases the room and tells registrants.
func (s *Service) Cancel(ctx context.Context, eventID int64) error {
	p, err := s.store.Get(ctx, eventID)
	if err != nil {
		return err
	}
	if p.Status == "cancelled" {
		return apperr.Conflict("already_cancelled", "program already cancelled")
	}
	members, err := s.store.Cancel(ctx, eventID)
	if err != nil {
		return err
	}
	if p.BookingID != nil {
		if err := s.rooms.Cancel(ctx, *p.BookingID); err != nil {
			return err
		}
	}
	s.bus.Publish(ctx, models.TopicEventCancelled, models.ProgramCancelledEvent{
		EventID: p.ID, Title: p.Title, StartsAt: p.StartsAt, MemberIDs: members,
	})
	return nil
}

func (s *Service) Upcoming(ctx context.Context, branchID int64, audience string) ([]store.Program, error) {
	return s.store.Upcoming(ctx, branchID, audience, time.Now(), 100)
}

func (s *Service) BookRoom(ctx context.Context, roomID, memberID int64, purpose string, start, end time.Time) (*rooms.Booking, error) {
	m, err := s.members.Get(ctx, memberID)
	if err != nil {
		return nil, err
	}
	if err := s.members.RequireEligible(ctx, m); err != nil {
		return nil, err
	}
	return s.rooms.Book(ctx, roomID, &memberID, purpose, start, end)
}
