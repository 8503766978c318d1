package models

import "time"

type Branch struct {
	ID      int64  `json:"id"`
	Code    string `json:"code"`
	Name    string `json:"name"`
	Address string `json:"address"`
	Phone   string `json:"phone"`
	Active  bool   `json:"active"`
}

type OpeningHours struct {
	BranchID int64        `json:"branch_id"`
	Weekday  time.Weekday `json:"weekday"`
	Opens    string       `json:"opens"`  // "09:00"
	Closes   string       `json:"closes"` // "20:30"
}

type Closure struct {
	ID       int64     `json:"id"`
	BranchID int64     `json:"branch_id"` // 0 = system-wide holiday
	Day      time.Time `json:"day"`
	Reason   string    `json:"reason"`
}
