package prescriptions

import (
	"strings"
	"time"

	"rxnow.health/backend/kernel/errs"
)

// Prescriber is a licensed practitioner.
type Prescriber struct {
	ID          int64
	NPI         string
	DEA         string
	FirstName   string
	LastName    string
	State       string
	Taxonomy    string
	Verified    bool
	VerifiedAt  *time.Time
	Deactivated bool
}

// ValidNPI checks the NPI check digit (Luhn over "80840" + first 9 digits).
func ValidNPI(npi string) bool {
	if len(npi) != 10 {
		return false
	}
	for _, r := range npi {
		if r < '0' || r > '9' {
			return false
		}
	}
	digits := "80840" + npi[:9]
	sum := 0
	double := true
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	check := (10 - sum%10) % 10
	return check == int(npi[9]-'0')
}

// ValidDEA checks a DEA registration number: two letters and seven digits
// where (d1+d3+d5) + 2*(d2+d4+d6) ends with d7. The second letter must be
// the initial of the registrant's last name (or 9 for business names).
func ValidDEA(dea, lastName string) bool {
	dea = strings.ToUpper(dea)
	if len(dea) != 9 {
		return false
	}
	if !strings.ContainsRune("ABCDFGMPRX", rune(dea[0])) {
		return false
	}
	if lastName != "" && dea[1] != '9' && dea[1] != strings.ToUpper(lastName)[0] {
		return false
	}
	var d [7]int
	for i := 0; i < 7; i++ {
		c := dea[2+i]
		if c < '0' || c > '9' {
			return false
		}
		d[i] = int(c - '0')
	}
	sum := d[0] + d[2] + d[4] + 2*(d[1]+d[3]+d[5])
	return sum%10 == d[6]
}

// CheckCanPrescribe validates the prescriber for a prescription.
func (pr Prescriber) CheckCanPrescribe(schedule int) error {
	const op = "prescriptions.CheckCanPrescribe"
	if pr.Deactivated {
		return errs.Forbiddenf(op, "prescriber NPI %s is deactivated", pr.NPI)
	}
	if !pr.Verified {
		return errs.Conflictf(op, "prescriber NPI %s is not verified", pr.NPI)
	}
	if schedule >= 2 && !ValidDEA(pr.DEA, pr.LastName) {
		return errs.Forbiddenf(op, "controlled substances need a valid DEA number")
	}
	return nil
}
