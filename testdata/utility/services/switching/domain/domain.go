// Package domain models supplier switches in both directions and the state
// machine the central switching service drives them through.
package domain

import (
	"fmt"
	"time"
)

const (
	Gain = "gain"
	Loss = "loss"

	StatusRequested  = "requested"
	StatusRegistered = "registered"
	StatusObjected   = "objected"
	StatusConfirmed  = "confirmed"
	StatusCompleted  = "completed"
	StatusWithdrawn  = "withdrawn"
	StatusRejected   = "rejected"
)

var transitions = map[string][]string{
	StatusRequested:  {StatusRegistered, StatusRejected, StatusWithdrawn},
	StatusRegistered: {StatusObjected, StatusConfirmed, StatusWithdrawn},
	StatusObjected:   {StatusRegistered, StatusWithdrawn},
	StatusConfirmed:  {StatusCompleted, StatusWithdrawn},
}

func CanMove(from, to string) bool {
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

func Move(cur *string, to string) error {
	if !CanMove(*cur, to) {
		return fmt.Errorf("switch cannot go from %s to %s", *cur, to)
	}
	*cur = to
	return nil
}

const (
	CoolingOff        = 14 * 24 * time.Hour
	MaxLeadDays       = 28
	ObjectionDebtDays = 28
)

// Objection reasons the losing supplier may give.
const (
	ObjectDebt     = "debt"
	ObjectContract = "contractual"
	ObjectRelated  = "related_mpan"
)
