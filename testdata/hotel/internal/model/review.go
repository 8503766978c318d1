package model

import "time"

// ReviewStatus is the moderation state.
type ReviewStatus string

const (
	ReviewPending   ReviewStatus = "pending"
	ReviewPublished ReviewStatus = "published"
	ReviewRejected  ReviewStatus = "rejected"
)

// Review is a guest's post-stay review.
type Review struct {
	ID            string       `json:"id" db:"id"`
	HotelID       int64        `json:"hotel_id" db:"hotel_id"`
	ReservationID string       `json:"reservation_id" db:"reservation_id"`
	GuestID       string       `json:"guest_id" db:"guest_id"`
	Rating        int          `json:"rating" db:"rating"`
	Cleanliness   int          `json:"cleanliness" db:"cleanliness"`
	Service       int          `json:"service" db:"service"`
	Title         string       `json:"title" db:"title"`
	Body          string       `json:"body" db:"body"`
	Status        ReviewStatus `json:"status" db:"status"`
	Response      string       `json:"response,omitempty" db:"response"`
	CreatedAt     time.Time    `json:"created_at" db:"created_at"`
}
