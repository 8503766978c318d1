package domain

// Agent is an independent agent or captive producer.
type Agent struct {
	ID             int64    `json:"id" db:"id"`
	Code           string   `json:"code" db:"code"`
	Name           string   `json:"name" db:"name"`
	Agency         string   `json:"agency" db:"agency"`
	Email          string   `json:"email" db:"email"`
	NewBizRate     float64  `json:"new_business_rate" db:"new_business_rate"`
	RenewalRate    float64  `json:"renewal_rate" db:"renewal_rate"`
	Active         bool     `json:"active" db:"active"`
	LicensedStates []string `json:"licensed_states" db:"-"`
}
