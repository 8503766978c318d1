package domain

import (
	"time"

	"harbormutual.com/core/platform/money"
)

type ClaimStatus string

const (
	ClaimOpen     ClaimStatus = "OPEN"
	ClaimInReview ClaimStatus = "IN_REVIEW"
	ClaimSIU      ClaimStatus = "SIU" // referred to special investigations
	ClaimApproved ClaimStatus = "APPROVED"
	ClaimDenied   ClaimStatus = "DENIED"
	ClaimPaid     ClaimStatus = "PAID"
	ClaimClosed   ClaimStatus = "CLOSED"
)

type LossType string

const (
	LossCollision LossType = "COLLISION"
	LossTheft     LossType = "THEFT"
	LossGlass     LossType = "GLASS"
	LossFire      LossType = "FIRE"
	LossWater     LossType = "WATER"
	LossWind      LossType = "WIND"
	LossLiability LossType = "LIABILITY"
)

// CoverageFor maps a loss type to the coverage that responds to it.
func (l LossType) CoverageFor(lob LineOfBusiness) CoverageCode {
	switch l {
	case LossCollision:
		return Collision
	case LossTheft, LossGlass:
		if lob == Home {
			return PersonalProperty
		}
		return Comprehensive
	case LossFire, LossWater, LossWind:
		if lob == Auto {
			return Comprehensive
		}
		return DwellingCov
	case LossLiability:
		if lob == Home {
			return PersonalLiability
		}
		return BodilyInjury
	}
	return ""
}

type Claim struct {
	ID          int64        `json:"id"`
	Number      string       `json:"number"`
	PolicyID    int64        `json:"policy_id"`
	CustomerID  int64        `json:"customer_id"`
	LossDate    time.Time    `json:"loss_date"`
	ReportedAt  time.Time    `json:"reported_at"`
	LossType    LossType     `json:"loss_type"`
	Coverage    CoverageCode `json:"coverage"`
	Description string       `json:"description"`
	LossZip     string       `json:"loss_zip"`
	Status      ClaimStatus  `json:"status"`
	Estimate    money.Money  `json:"estimate"`
	Reserve     money.Money  `json:"reserve"`
	Paid        money.Money  `json:"paid"`
	AdjusterID  int64        `json:"adjuster_id,omitempty"`
	FraudScore  float64      `json:"fraud_score"`
	Audit
}

// Open reports whether the claim still needs handling.
func (c *Claim) Open() bool {
	switch c.Status {
	case ClaimDenied, ClaimPaid, ClaimClosed:
		return false
	}
	return true
}
