package models

import "time"

type Candidate struct {
	ID         string    `json:"id"`
	TenantID   string    `json:"tenant_id"`
	FirstName  string    `json:"first_name"`
	LastName   string    `json:"last_name"`
	Email      string    `json:"email"`
	Phone      string    `json:"phone,omitempty"`
	LinkedIn   string    `json:"linkedin,omitempty"`
	Source     string    `json:"source"` // career_site, referral, sourced, agency, import
	Tags       []string  `json:"tags,omitempty"`
	MergedInto string    `json:"merged_into,omitempty"`
	Anonymized bool      `json:"anonymized"`
	CreatedAt  time.Time `json:"created_at"`
}

func (c Candidate) FullName() string {
	if c.LastName == "" {
		return c.FirstName
	}
	return c.FirstName + " " + c.LastName
}

type Resume struct {
	ID          string    `json:"id"`
	CandidateID string    `json:"candidate_id"`
	FileName    string    `json:"file_name"`
	StorageKey  string    `json:"storage_key"`
	ContentType string    `json:"content_type"`
	Text        string    `json:"-"`
	Skills      []string  `json:"skills,omitempty"`
	YearsExp    int       `json:"years_experience"`
	UploadedAt  time.Time `json:"uploaded_at"`
}

// Application stage keys. Tenants may add custom stages between screen and offer.
const (
	StageApplied   = "applied"
	StageScreen    = "screen"
	StageInterview = "interview"
	StageOffer     = "offer"
	StageHired     = "hired"
)

type Application struct {
	ID              string    `json:"id"`
	TenantID        string    `json:"tenant_id"`
	CandidateID     string    `json:"candidate_id"`
	RequisitionID   string    `json:"requisition_id"`
	PostingID       string    `json:"posting_id,omitempty"`
	StageKey        string    `json:"stage_key"`
	Status          string    `json:"status"` // active, rejected, withdrawn, hired
	Source          string    `json:"source"`
	RejectReason    string    `json:"reject_reason,omitempty"`
	ScreeningStatus string    `json:"screening_status,omitempty"`
	AppliedAt       time.Time `json:"applied_at"`
	StageEnteredAt  time.Time `json:"stage_entered_at"`

	// Denormalized for list views; filled by some queries only.
	CandidateName  string `json:"candidate_name,omitempty"`
	CandidateEmail string `json:"candidate_email,omitempty"`
}

type Stage struct {
	Key      string `json:"key"`
	Name     string `json:"name"`
	Position int    `json:"position"`
}
