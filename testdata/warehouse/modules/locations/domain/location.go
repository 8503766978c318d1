// Package domain holds the bin-location rules: code format, capacity and
// putaway fit.
package domain

import (
	"fmt"
	"strconv"
	"strings"

	"shipwell.io/wms/pkg/apperr"
	"shipwell.io/wms/pkg/models"
)

// Code is a parsed location code, e.g. "B-12-04-2" = zone B, aisle 12,
// bay 4, level 2.
type Code struct {
	Zone  string
	Aisle int
	Bay   int
	Level int
}

func ParseCode(s string) (Code, error) {
	parts := strings.Split(strings.ToUpper(strings.TrimSpace(s)), "-")
	if len(parts) != 4 || parts[0] == "" {
		return Code{}, apperr.Invalid("location code %q: want ZONE-AISLE-BAY-LEVEL", s)
	}
	var c Code
	c.Zone = parts[0]
	nums := []*int{&c.Aisle, &c.Bay, &c.Level}
	for i, p := range parts[1:] {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return Code{}, apperr.Invalid("location code %q: segment %d not numeric", s, i+2)
		}
		*nums[i] = n
	}
	return c, nil
}

func (c Code) String() string {
	return fmt.Sprintf("%s-%02d-%02d-%d", c.Zone, c.Aisle, c.Bay, c.Level)
}

// WalkSeq gives a serpentine walking sequence: odd aisles are walked up,
// even aisles down, so consecutive picks do not double back.
func (c Code) WalkSeq() int {
	bay := c.Bay
	if c.Aisle%2 == 0 {
		bay = 99 - c.Bay
	}
	return c.Aisle*10000 + bay*10 + c.Level
}

// Validate checks a location before it is saved.
func Validate(l *models.Location) error {
	code, err := ParseCode(l.Code)
	if err != nil {
		return err
	}
	l.Code = code.String()
	l.Zone = code.Zone
	switch l.Type {
	case models.LocDock, models.LocReserve, models.LocPick, models.LocStaging, models.LocQC:
	default:
		return apperr.Invalid("unknown location type %q", l.Type)
	}
	if l.Type == models.LocPick && code.Level > 3 {
		return apperr.Invalid("pick faces must be at level 3 or below")
	}
	if l.MaxVolume <= 0 {
		return apperr.Invalid("max volume required")
	}
	if l.PickSeq == 0 {
		l.PickSeq = code.WalkSeq()
	}
	return nil
}

// Occupancy is the current fill of a location.
type Occupancy struct {
	Location models.Location
	UsedCM3  float64
	UsedG    int
	SKUs     int
}

// Fits reports whether qty units of an item fit in the location.
func Fits(o Occupancy, item models.Item, qty int) bool {
	if o.Location.Blocked {
		return false
	}
	vol := item.Dims.VolumeCM3() * float64(qty)
	wt := item.Dims.WeightG * qty
	if o.UsedCM3+vol > o.Location.MaxVolume*0.9 { // keep 10% headroom
		return false
	}
	if o.Location.MaxWeight > 0 && o.UsedG+wt > o.Location.MaxWeight {
		return false
	}
	return true
}
