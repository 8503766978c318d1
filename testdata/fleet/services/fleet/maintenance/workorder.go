// Package maintenance tracks work orders (preventive service, repairs,
// defects) and the service intervals per vehicle class.
package maintenance

import (
	"sort"
	"time"

	"gitlab.com/roadrunner/fleet/entities"
	"gitlab.com/roadrunner/fleet/lib/money"
	"gitlab.com/roadrunner/fleet/services/fleet/vehicle"
)

// Kind of work.
type Kind string

const (
	KindPreventive Kind = "preventive"
	KindRepair     Kind = "repair"
	KindDefect     Kind = "defect" // raised from a failed inspection
)

// State of a work order.
type State string

const (
	Open      State = "open"
	Done      State = "done"
	Cancelled State = "cancelled"
)

// WorkOrder is one job for the workshop.
type WorkOrder struct {
	ID          string      `json:"id"`
	VehicleID   string      `json:"vehicle_id"`
	Kind        Kind        `json:"kind"`
	Task        string      `json:"task,omitempty"` // interval task code, for preventive work
	Description string      `json:"description"`
	State       State       `json:"state"`
	Blocking    bool        `json:"blocking"` // vehicle may not be dispatched until done
	OpenedAt    time.Time   `json:"opened_at"`
	ClosedAt    *time.Time  `json:"closed_at,omitempty"`
	Cost        money.Money `json:"cost"`
}

// Interval says how often a task must be done for a class of vehicle.
// Whichever limit is hit first triggers it.
type Interval struct {
	Class     entities.VehicleClass
	Task      string
	EveryKm   float64
	EveryDays int
	Blocking  bool
}

// LastService is when a task was last done on a vehicle.
type LastService struct {
	At         time.Time
	OdometerKm float64
}

// DueTask is a task that is due (or overdue) for a vehicle.
type DueTask struct {
	Task      string  `json:"task"`
	OverdueKm float64 `json:"overdue_km"`
	OverdueBy int     `json:"overdue_days"`
	Blocking  bool    `json:"blocking"`
}

// Intervals are the workshop's service intervals. They used to live in a
// table nobody ever filled in.
var Intervals = []Interval{
	{Class: entities.ClassVan, Task: "oil", EveryKm: 30000, EveryDays: 365},
	{Class: entities.ClassRigid, Task: "oil", EveryKm: 60000, EveryDays: 365},
	{Class: entities.ClassRigid, Task: "tacho_calibration", EveryDays: 730, Blocking: true},
	{Class: entities.ClassTractor, Task: "oil", EveryKm: 90000, EveryDays: 365},
	{Class: entities.ClassTractor, Task: "tacho_calibration", EveryDays: 730, Blocking: true},
	{Class: entities.ClassReefer, Task: "reefer_unit", EveryDays: 180, Blocking: true},
}

// DueTasks computes what is due for v at now. A task never done counts as
// done when the vehicle was registered.
func DueTasks(v vehicle.Vehicle, last map[string]LastService, now time.Time) []DueTask {
	var out []DueTask
	for _, iv := range Intervals {
		if iv.Class != v.Class {
			continue
		}
		ls, ok := last[iv.Task]
		if !ok {
			ls = LastService{At: v.CreatedAt}
		}
		due := DueTask{Task: iv.Task, Blocking: iv.Blocking}
		hit := false
		if over := v.OdometerKm - ls.OdometerKm - iv.EveryKm; iv.EveryKm > 0 && over >= 0 {
			due.OverdueKm, hit = over, true
		}
		if next := ls.At.AddDate(0, 0, iv.EveryDays); iv.EveryDays > 0 && !now.Before(next) {
			due.OverdueBy, hit = int(now.Sub(next).Hours()/24), true
		}
		if hit {
			out = append(out, due)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Task < out[j].Task })
	return out
}
