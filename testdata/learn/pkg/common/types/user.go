package types

import "time"

// Role is a coarse permission level.
type Role string

const (
	RoleLearner    Role = "learner"
	RoleInstructor Role = "instructor"
	RoleSupport    Role = "support"
	RoleAdmin      Role = "admin"
)

// CanAuthor reports whether the role may create and edit courses.
func (r Role) CanAuthor() bool { return r == RoleInstructor || r == RoleAdmin }

// CanModerate reports whether the role may moderate forum content.
func (r Role) CanModerate() bool { return r == RoleSupport || r == RoleAdmin }

// User is the public shape of an account, as passed between modules.
type User struct {
	ID        UserID    `json:"id"`
	Email     string    `json:"email"`
	Name      string    `json:"name"`
	Role      Role      `json:"role"`
	Locale    string    `json:"locale"`
	CreatedAt time.Time `json:"created_at"`
}

// DisplayName falls back to the email local part.
func (u User) DisplayName() string {
	if u.Name != "" {
		return u.Name
	}
	for i := 0; i < len(u.Email); i++ {
		if u.Email[i] == '@' {
			return u.Email[:i]
		}
	}
	return u.Email
}
