// Package app handles time clocks, shift planning and productivity
// reporting for warehouse staff.
package app

import (
	"context"
	"time"

	"shipwell.io/wms/modules/labor/infra"
	"shipwell.io/wms/pkg/apperr"
	"shipwell.io/wms/pkg/models"
)

const (
	MaxShift = 12 * time.Hour
	MinRest  = 10 * time.Hour
)

var activities = map[string]bool{"receive": true, "putaway": true, "pick": true, "pack": true,
	"ship": true, "count": true, "returns": true, "indirect": true}

type Service struct {
	Store *infra.Store
	Now   func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// ClockIn starts (or switches) the activity of the badge holder.
func (s *Service) ClockIn(ctx context.Context, badge, activity string) (*models.TimeEntry, error) {
	if !activities[activity] {
		return nil, apperr.Invalid("unknown activity %q", activity)
	}
	st, err := s.Store.StaffByBadge(ctx, badge)
	if err != nil {
		return nil, err
	}
	if !st.Active {
		return nil, apperr.Forbidden("badge %s is inactive", badge)
	}
	now := s.now().UTC()
	open, err := s.Store.OpenEntry(ctx, st.ID)
	if err != nil {
		return nil, err
	}
	if open != nil {
		if open.Activity == activity {
			return open, nil
		}
		if err := s.Store.ClockOut(ctx, open.ID, now); err != nil {
			return nil, err
		}
	}
	shift, err := s.Store.CurrentShift(ctx, st.ID, now)
	if err != nil {
		return nil, err
	}
	e := &models.TimeEntry{StaffID: st.ID, ShiftID: shift, ClockIn: now, Activity: activity}
	return e, s.Store.ClockIn(ctx, e)
}

func (s *Service) ClockOut(ctx context.Context, badge string) error {
	st, err := s.Store.StaffByBadge(ctx, badge)
	if err != nil {
		return err
	}
	open, err := s.Store.OpenEntry(ctx, st.ID)
	if err != nil {
		return err
	}
	if open == nil {
		return apperr.Conflict("badge %s is not clocked in", badge)
	}
	return s.Store.ClockOut(ctx, open.ID, s.now().UTC())
}

// PlanShift enforces maximum shift length and minimum rest between shifts.
func (s *Service) PlanShift(ctx context.Context, sh *models.Shift) error {
	d := sh.EndsAt.Sub(sh.StartsAt)
	if d <= 0 || d > MaxShift {
		return apperr.Invalid("shift length must be between 0 and %s", MaxShift)
	}
	near, err := s.Store.Shifts(ctx, sh.StaffID, sh.StartsAt.Add(-MinRest-MaxShift), sh.EndsAt.Add(MinRest))
	if err != nil {
		return err
	}
	for _, o := range near {
		if o.EndsAt.After(sh.StartsAt.Add(-MinRest)) && o.StartsAt.Before(sh.EndsAt.Add(MinRest)) {
			return apperr.Conflict("shift conflicts with %s (less than %s rest)", o.ID, MinRest)
		}
	}
	return s.Store.CreateShift(ctx, sh)
}

type ProductivityRow struct {
	StaffID     string  `json:"staff_id"`
	Activity    string  `json:"activity"`
	Units       int     `json:"units"`
	Hours       float64 `json:"hours"`
	UPH         float64 `json:"units_per_hour"`
	PctStandard float64 `json:"pct_of_standard"`
}

func (s *Service) Productivity(ctx context.Context, from, to time.Time) ([]ProductivityRow, error) {
	outs, err := s.Store.Productivity(ctx, from, to)
	if err != nil {
		return nil, err
	}
	std, err := s.Store.Standards(ctx)
	if err != nil {
		return nil, err
	}
	rows := make([]ProductivityRow, 0, len(outs))
	for _, o := range outs {
		r := ProductivityRow{StaffID: o.StaffID, Activity: o.Activity, Units: o.Units, Hours: o.Hours}
		if o.Hours > 0 {
			r.UPH = float64(o.Units) / o.Hours
		}
		if sd := std[o.Activity]; sd > 0 {
			r.PctStandard = r.UPH / sd * 100
		}
		rows = append(rows, r)
	}
	return rows, nil
}
