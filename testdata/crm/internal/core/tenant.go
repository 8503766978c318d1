package core

import "time"

// PlanTier is the commercial plan a tenant is on.
type PlanTier string

const (
	PlanFree       PlanTier = "free"
	PlanStarter    PlanTier = "starter"
	PlanGrowth     PlanTier = "growth"
	PlanEnterprise PlanTier = "enterprise"
)

// TenantStatus reflects the billing state of a tenant.
type TenantStatus string

const (
	TenantTrialing  TenantStatus = "trialing"
	TenantActive    TenantStatus = "active"
	TenantPastDue   TenantStatus = "past_due"
	TenantSuspended TenantStatus = "suspended"
)

// Tenant is a customer organisation.
type Tenant struct {
	ID        ID           `json:"id"`
	Name      string       `json:"name"`
	Slug      string       `json:"slug"`
	Plan      PlanTier     `json:"plan"`
	Status    TenantStatus `json:"status"`
	Timezone  string       `json:"timezone"`
	CreatedAt time.Time    `json:"created_at"`
}

// Role controls what a user may do within a tenant.
type Role string

const (
	RoleOwner    Role = "owner"
	RoleAdmin    Role = "admin"
	RoleManager  Role = "manager"
	RoleRep      Role = "rep"
	RoleReadOnly Role = "read_only"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	switch r {
	case RoleOwner, RoleAdmin, RoleManager, RoleRep, RoleReadOnly:
		return true
	}
	return false
}

// User is a seat within a tenant.
type User struct {
	ID            ID         `json:"id"`
	TenantID      ID         `json:"tenant_id"`
	Email         string     `json:"email"`
	Name          string     `json:"name"`
	Role          Role       `json:"role"`
	TeamID        ID         `json:"team_id,omitempty"`
	CreatedAt     time.Time  `json:"created_at"`
	DeactivatedAt *time.Time `json:"deactivated_at,omitempty"`
}

// Active reports whether the user occupies a seat.
func (u User) Active() bool { return u.DeactivatedAt == nil }
