// Package models holds the shared data types of the ILS. It started as the
// "entities" layer of the original app and every area added its types here.
package models

import "time"

type Format string

const (
	FormatBook       Format = "book"
	FormatLargePrint Format = "large_print"
	FormatDVD        Format = "dvd"
	FormatAudiobook  Format = "audiobook"
	FormatMagazine   Format = "magazine"
	FormatGame       Format = "game"
)

type Title struct {
	ID        int64     `json:"id"`
	ISBN      string    `json:"isbn,omitempty"`
	Title     string    `json:"title"`
	Subtitle  string    `json:"subtitle,omitempty"`
	Authors   []string  `json:"authors"`
	Publisher string    `json:"publisher,omitempty"`
	PubYear   int       `json:"pub_year,omitempty"`
	Format    Format    `json:"format"`
	Language  string    `json:"language"`
	Subjects  []string  `json:"subjects,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

type CopyStatus string

const (
	CopyAvailable   CopyStatus = "available"
	CopyOnLoan      CopyStatus = "on_loan"
	CopyOnHoldShelf CopyStatus = "on_hold_shelf"
	CopyInTransit   CopyStatus = "in_transit"
	CopyLost        CopyStatus = "lost"
	CopyMissing     CopyStatus = "missing"
	CopyInRepair    CopyStatus = "in_repair"
	CopyWithdrawn   CopyStatus = "withdrawn"
)

// Copy is one physical item with a barcode.
type Copy struct {
	ID           int64      `json:"id"`
	TitleID      int64      `json:"title_id"`
	Barcode      string     `json:"barcode"`
	HomeBranchID int64      `json:"home_branch_id"`
	BranchID     int64      `json:"branch_id"` // current location
	CallNumber   string     `json:"call_number"`
	Status       CopyStatus `json:"status"`
	PriceCents   int64      `json:"price_cents"`
	AcquiredAt   time.Time  `json:"acquired_at"`
}

type TitleAvailability struct {
	Title
	Copies    []Copy        `json:"copies"`
	Available map[int64]int `json:"available_by_branch"`
	HoldCount int           `json:"hold_count"`
}
