// Package plans is the static price list and the limits of each plan.
package plans

import (
	"fmt"

	"pipelinelabs.io/crm/internal/core"
)

// Feature is a gated capability.
type Feature string

const (
	FeatureSequences     Feature = "sequences"
	FeatureForecast      Feature = "forecast"
	FeatureDashboards    Feature = "custom_dashboards"
	FeatureWebhooks      Feature = "webhooks"
	FeatureSlack         Feature = "slack"
	FeatureAuditLog      Feature = "audit_log"
	FeatureTeams         Feature = "teams"
	FeatureMultiPipe     Feature = "multiple_pipelines"
	FeatureEmailTracking Feature = "email_tracking"
)

// Plan describes one tier. Prices are per seat per month in cents.
type Plan struct {
	Tier           core.PlanTier `json:"tier"`
	Name           string        `json:"name"`
	PricePerSeat   int64         `json:"price_per_seat"`
	AnnualDiscount int           `json:"annual_discount_pct"`
	MaxSeats       int           `json:"max_seats"`    // 0 = unlimited
	MaxContacts    int           `json:"max_contacts"` // 0 = unlimited
	MaxMailboxes   int           `json:"max_mailboxes_per_user"`
	ContactOverage int64         `json:"contact_overage_per_1000"`
	AuditRetention int           `json:"audit_retention_days"`
	Features       []Feature     `json:"features"`
	StripePriceID  string        `json:"-"`
}

var catalog = map[core.PlanTier]Plan{
	core.PlanFree: {
		Tier: core.PlanFree, Name: "Free", MaxSeats: 2, MaxContacts: 1000, MaxMailboxes: 1, AuditRetention: 7,
	},
	core.PlanStarter: {
		Tier: core.PlanStarter, Name: "Starter", PricePerSeat: 2500, AnnualDiscount: 15, MaxSeats: 10,
		MaxContacts: 10000, MaxMailboxes: 1, ContactOverage: 500, AuditRetention: 30,
		Features: []Feature{FeatureSequences, FeatureEmailTracking}, StripePriceID: "price_starter_m",
	},
	core.PlanGrowth: {
		Tier: core.PlanGrowth, Name: "Growth", PricePerSeat: 6900, AnnualDiscount: 20, MaxSeats: 100,
		MaxContacts: 100000, MaxMailboxes: 3, ContactOverage: 300, AuditRetention: 180,
		Features: []Feature{FeatureSequences, FeatureEmailTracking, FeatureForecast, FeatureDashboards,
			FeatureWebhooks, FeatureSlack, FeatureTeams, FeatureMultiPipe},
		StripePriceID: "price_growth_m",
	},
	core.PlanEnterprise: {
		Tier: core.PlanEnterprise, Name: "Enterprise", PricePerSeat: 12900, AnnualDiscount: 25,
		MaxMailboxes: 10, AuditRetention: 730,
		Features: []Feature{FeatureSequences, FeatureEmailTracking, FeatureForecast, FeatureDashboards,
			FeatureWebhooks, FeatureSlack, FeatureTeams, FeatureMultiPipe, FeatureAuditLog},
		StripePriceID: "price_enterprise_m",
	},
}

// Get returns the plan for a tier.
func Get(t core.PlanTier) (Plan, error) {
	p, ok := catalog[t]
	if !ok {
		return Plan{}, fmt.Errorf("plans: unknown tier %q", t)
	}
	return p, nil
}

// MustGet is Get for tiers read from our own database.
func MustGet(t core.PlanTier) Plan {
	p, err := Get(t)
	if err != nil {
		return catalog[core.PlanFree]
	}
	return p
}

// All returns the public price list in display order.
func All() []Plan {
	return []Plan{catalog[core.PlanFree], catalog[core.PlanStarter], catalog[core.PlanGrowth], catalog[core.PlanEnterprise]}
}

// Allows reports whether the tier includes a feature.
func Allows(t core.PlanTier, f Feature) bool {
	for _, x := range MustGet(t).Features {
		if x == f {
			return true
		}
	}
	return false
}

// SeatsAllowed reports whether n seats fit the plan.
func (p Plan) SeatsAllowed(n int) bool { return p.MaxSeats == 0 || n <= p.MaxSeats }

// Overage returns the charge for contacts above the included amount.
func (p Plan) Overage(contacts int) int64 {
	if p.MaxContacts == 0 || contacts <= p.MaxContacts || p.ContactOverage == 0 {
		return 0
	}
	extra := contacts - p.MaxContacts
	return int64((extra+999)/1000) * p.ContactOverage
}
