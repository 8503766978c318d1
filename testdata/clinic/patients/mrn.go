package patients

import "github.com/acme/clinic/pkg/idgen"

// MRNs look like "RC" + 7 digits + a Luhn check digit. The prefix is the
// site code from when we only had the Riverside site.
const mrnPrefix = "RC"

// NewMRN generates a medical record number.
func NewMRN() string {
	body := idgen.Digits(7)
	return mrnPrefix + body + string(rune('0'+luhn(body)))
}

func luhn(digits string) int {
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
	return (10 - sum%10) % 10
}
