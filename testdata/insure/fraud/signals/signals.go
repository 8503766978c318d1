package signals

import (
	"fmt"
	"strings"

	"harbormutual.com/core/domain"
	"harbormutual.com/core/platform/dates"
	"harbormutual.com/core/platform/money"
)

// Signal is one fraud indicator with a weight in [0,1].
type Signal struct {
	Code   string  `json:"code"`
	Weight float64 `json:"weight"`
	Detail string  `json:"detail"`
}

// EarlyLoss fires when the loss is within 30 days of inception.
func EarlyLoss(c *domain.Claim, p *domain.Policy) *Signal {
	if p.RenewalOfID != 0 {
		return nil // renewals are not new business
	}
	d := dates.DaysBetween(p.Effective, c.LossDate)
	if d >= 0 && d <= 30 {
		return &Signal{"EARLY_LOSS", 0.35, fmt.Sprintf("loss %d days after inception", d)}
	}
	return nil
}

// LateReport fires when the loss was reported long after it happened.
func LateReport(c *domain.Claim) *Signal {
	d := dates.DaysBetween(c.LossDate, c.ReportedAt)
	if d > 30 {
		return &Signal{"LATE_REPORT", 0.2, fmt.Sprintf("reported %d days after loss", d)}
	}
	return nil
}

// HighEstimate fires when the estimate is close to the coverage limit.
func HighEstimate(c *domain.Claim, limit money.Money) *Signal {
	if limit > 0 && c.Estimate.Float() >= 0.9*limit.Float() {
		return &Signal{"NEAR_LIMIT", 0.25, fmt.Sprintf("estimate %s vs limit %s", c.Estimate, limit)}
	}
	return nil
}

var redFlagPhrases = []string{"cash only", "no police", "friend's shop", "already repaired", "lost receipt", "stolen keys"}

// Narrative scans the loss description for phrases SIU has seen before.
func Narrative(c *domain.Claim) *Signal {
	desc := strings.ToLower(c.Description)
	var found []string
	for _, p := range redFlagPhrases {
		if strings.Contains(desc, p) {
			found = append(found, p)
		}
	}
	if len(found) == 0 {
		return nil
	}
	return &Signal{"NARRATIVE", 0.1 * float64(len(found)), strings.Join(found, ", ")}
}

// Frequency fires for customers with several claims in three years.
func Frequency(prior int) *Signal {
	if prior >= 3 {
		return &Signal{"FREQUENT_CLAIMANT", 0.3, fmt.Sprintf("%d prior claims in 3 years", prior)}
	}
	return nil
}

// Hotspot fires when many claims come from the same ZIP in a short window.
func Hotspot(zip string, recent int) *Signal {
	if recent >= 25 {
		return &Signal{"HOTSPOT", 0.15, fmt.Sprintf("%d claims in %s in 30 days", recent, zip)}
	}
	return nil
}

// FromWatchlist converts hits to a signal.
func FromWatchlist(hits []Hit) *Signal {
	if len(hits) == 0 {
		return nil
	}
	parts := make([]string, len(hits))
	for i, h := range hits {
		parts[i] = h.Kind + ":" + h.Reason
	}
	return &Signal{"WATCHLIST", 0.6, strings.Join(parts, "; ")}
}

// Combine merges weights as independent probabilities: 1 - prod(1 - w).
func Combine(ss []Signal) float64 {
	p := 1.0
	for _, s := range ss {
		w := s.Weight
		if w > 1 {
			w = 1
		}
		p *= 1 - w
	}
	return 1 - p
}
