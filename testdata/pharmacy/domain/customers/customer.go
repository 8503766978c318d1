// Package customers is the patient/account domain model.
package customers

import (
	"net/mail"
	"strings"
	"time"
	"unicode"

	"rxnow.health/backend/kernel/errs"
)

// MinAccountAge is the minimum age of an account holder. Dependents under
// this age are managed by a guardian account.
const MinAccountAge = 18

// Customer is a patient with an account.
type Customer struct {
	ID          int64
	Email       string
	FirstName   string
	LastName    string
	Phone       string
	DateOfBirth time.Time
	GuardianID  *int64
	SMSOptIn    bool
	Allergies   []string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Address is a postal address.
type Address struct {
	ID         int64
	CustomerID int64
	Line1      string
	Line2      string
	City       string
	State      string
	Zip        string
	IsDefault  bool
}

// Age in full years at now.
func (c Customer) Age(now time.Time) int {
	y := now.Year() - c.DateOfBirth.Year()
	if now.YearDay() < c.DateOfBirth.YearDay() {
		y--
	}
	return y
}

// Validate checks a customer before it is persisted.
func (c *Customer) Validate(now time.Time) error {
	const op = "customers.Validate"
	c.Email = strings.ToLower(strings.TrimSpace(c.Email))
	if _, err := mail.ParseAddress(c.Email); err != nil {
		return errs.Invalidf(op, "invalid email %q", c.Email)
	}
	if strings.TrimSpace(c.FirstName) == "" || strings.TrimSpace(c.LastName) == "" {
		return errs.Invalidf(op, "first and last name are required")
	}
	if c.DateOfBirth.IsZero() || c.DateOfBirth.After(now) {
		return errs.Invalidf(op, "date of birth is required")
	}
	if c.GuardianID == nil && c.Age(now) < MinAccountAge {
		return errs.Invalidf(op, "account holders must be %d or older", MinAccountAge)
	}
	if c.Phone != "" {
		p, err := NormalizePhone(c.Phone)
		if err != nil {
			return err
		}
		c.Phone = p
	}
	if c.SMSOptIn && c.Phone == "" {
		return errs.Invalidf(op, "sms opt-in requires a phone number")
	}
	c.Allergies = NormalizeAllergies(c.Allergies)
	return nil
}

// NormalizePhone returns an E.164 US number.
func NormalizePhone(s string) (string, error) {
	var d []rune
	for _, r := range s {
		if unicode.IsDigit(r) {
			d = append(d, r)
		}
	}
	if len(d) == 11 && d[0] == '1' {
		d = d[1:]
	}
	if len(d) != 10 {
		return "", errs.Invalidf("customers.NormalizePhone", "phone %q is not a US number", s)
	}
	return "+1" + string(d), nil
}

// NormalizeAllergies lower-cases, trims and de-duplicates allergy names.
func NormalizeAllergies(in []string) []string {
	seen := map[string]bool{}
	out := make([]string, 0, len(in))
	for _, a := range in {
		a = strings.ToLower(strings.TrimSpace(a))
		if a == "" || seen[a] {
			continue
		}
		seen[a] = true
		out = append(out, a)
	}
	return out
}

// ValidateAddress checks a US shipping address.
func (a *Address) Validate() error {
	const op = "customers.Address.Validate"
	a.State = strings.ToUpper(strings.TrimSpace(a.State))
	if a.Line1 == "" || a.City == "" {
		return errs.Invalidf(op, "line1 and city are required")
	}
	if len(a.State) != 2 {
		return errs.Invalidf(op, "state must be a two-letter code")
	}
	if _, ok := noShipStates[a.State]; ok {
		return errs.Invalidf(op, "we cannot ship prescriptions to %s yet", a.State)
	}
	z := strings.TrimSpace(a.Zip)
	if len(z) != 5 && len(z) != 10 {
		return errs.Invalidf(op, "invalid zip %q", a.Zip)
	}
	return nil
}

// States where RxNow holds no non-resident pharmacy licence.
var noShipStates = map[string]struct{}{"PR": {}, "GU": {}, "VI": {}}
