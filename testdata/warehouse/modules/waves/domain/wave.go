// Package domain holds wave planning and pick sequencing rules.
package domain

import (
	"sort"
	"time"

	locdomain "shipwell.io/wms/modules/locations/domain"
	"shipwell.io/wms/pkg/apperr"
	"shipwell.io/wms/pkg/models"
)

// Candidate is an allocated order eligible for a wave.
type Candidate struct {
	OrderID  string
	ClientID string
	Carrier  string
	ShipBy   time.Time
	Priority int
	Units    int
}

// Plan is one wave to release.
type Plan struct {
	Carrier  string
	CutoffAt time.Time
	Orders   []Candidate
}

// MaxUnitsPerWave keeps a wave small enough for one picking team hour.
const MaxUnitsPerWave = 1500

// PlanWaves groups orders due within the lead window by carrier, most urgent
// first, splitting on order and unit limits.
func PlanWaves(cands []Candidate, now time.Time, lead time.Duration, maxOrders int) []Plan {
	due := cands[:0:0]
	for _, c := range cands {
		if c.Priority == 1 || !c.ShipBy.After(now.Add(lead)) {
			due = append(due, c)
		}
	}
	sort.SliceStable(due, func(i, j int) bool {
		if due[i].Carrier != due[j].Carrier {
			return due[i].Carrier < due[j].Carrier
		}
		if due[i].Priority != due[j].Priority {
			return due[i].Priority < due[j].Priority
		}
		return due[i].ShipBy.Before(due[j].ShipBy)
	})
	var plans []Plan
	var cur *Plan
	units := 0
	for _, c := range due {
		if cur == nil || cur.Carrier != c.Carrier || len(cur.Orders) >= maxOrders || units+c.Units > MaxUnitsPerWave {
			plans = append(plans, Plan{Carrier: c.Carrier, CutoffAt: c.ShipBy})
			cur = &plans[len(plans)-1]
			units = 0
		}
		cur.Orders = append(cur.Orders, c)
		units += c.Units
		if c.ShipBy.Before(cur.CutoffAt) {
			cur.CutoffAt = c.ShipBy
		}
	}
	return plans
}

// Sequence orders pick tasks along the serpentine walk path and numbers
// them. Tasks whose location code cannot be parsed go last.
func Sequence(tasks []models.PickTask) {
	key := func(t models.PickTask) int {
		c, err := locdomain.ParseCode(t.LocCode)
		if err != nil {
			return 1 << 30
		}
		return c.WalkSeq()
	}
	sort.SliceStable(tasks, func(i, j int) bool { return key(tasks[i]) < key(tasks[j]) })
	for i := range tasks {
		tasks[i].Seq = i + 1
	}
}

// Confirm applies a picker's confirmation to a task.
func Confirm(t *models.PickTask, qty int, picker string, now time.Time) error {
	if t.Status != models.TaskAssigned && t.Status != models.TaskOpen {
		return apperr.Conflict("task %s is %s", t.ID, t.Status)
	}
	if t.PickerID != "" && t.PickerID != picker {
		return apperr.Forbidden("task %s is assigned to another picker", t.ID)
	}
	if qty < 0 || qty > t.Qty {
		return apperr.Invalid("picked quantity must be between 0 and %d", t.Qty)
	}
	t.PickedQty = qty
	t.PickerID = picker
	t.PickedAt = &now
	if qty < t.Qty {
		t.Status = models.TaskShort
	} else {
		t.Status = models.TaskPicked
	}
	return nil
}

// Done reports whether no task in the list is still open or assigned.
func Done(tasks []models.PickTask) bool {
	for _, t := range tasks {
		if t.Status == models.TaskOpen || t.Status == models.TaskAssigned {
			return false
		}
	}
	return true
}
