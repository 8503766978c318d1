package model

import "time"

// LoyaltyTier is the Staybright Rewards tier.
type LoyaltyTier string

const (
	TierBlue     LoyaltyTier = "blue"
	TierSilver   LoyaltyTier = "silver"
	TierGold     LoyaltyTier = "gold"
	TierPlatinum LoyaltyTier = "platinum"
)

// Guest is a person who books or stays.
type Guest struct {
	ID            string      `json:"id"`
	Email         string      `json:"email"`
	FirstName     string      `json:"first_name"`
	LastName      string      `json:"last_name"`
	Phone         string      `json:"phone,omitempty"`
	Country       string      `json:"country,omitempty"`
	Language      string      `json:"language,omitempty"`
	LoyaltyNumber string      `json:"loyalty_number,omitempty"`
	Tier          LoyaltyTier `json:"tier,omitempty"`
	MarketingOK   bool        `json:"marketing_ok"`
	Erased        bool        `json:"-"`
	CreatedAt     time.Time   `json:"created_at"`
}

// LoyaltyAccount holds a member's point balance.
type LoyaltyAccount struct {
	GuestID          string      `json:"guest_id"`
	Number           string      `json:"number"`
	Tier             LoyaltyTier `json:"tier"`
	Points           int64       `json:"points"`
	QualifyingNights int         `json:"qualifying_nights"`
	TierExpiresAt    time.Time   `json:"tier_expires_at"`
}
