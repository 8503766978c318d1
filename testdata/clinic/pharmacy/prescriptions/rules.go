package prescriptions

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/errs"
)

var doseRE = regexp.MustCompile(`^(\d+(?:\.\d+)?)\s?(mg|mcg|g|ml)$`)

// timesPerDay for the sig codes we accept. PRN counts as the maximum
// the prescriber allows, which we take as QID.
var timesPerDay = map[string]int{"QD": 1, "QHS": 1, "BID": 2, "TID": 3, "QID": 4, "PRN": 4}

// DailyDoseMg parses "500 mg" + "TID" into 1500.
func DailyDoseMg(dose, freq string) (float64, error) {
	m := doseRE.FindStringSubmatch(strings.ToLower(strings.TrimSpace(dose)))
	if m == nil {
		return 0, fmt.Errorf("dose %q must look like \"500 mg\"", dose)
	}
	v, _ := strconv.ParseFloat(m[1], 64)
	switch m[2] {
	case "mcg":
		v /= 1000
	case "g":
		v *= 1000
	case "ml":
		return 0, nil // liquids are checked by the pharmacist
	}
	n, ok := timesPerDay[strings.ToUpper(freq)]
	if !ok {
		return 0, fmt.Errorf("frequency %q is not one of QD, BID, TID, QID, QHS, PRN", freq)
	}
	return v * float64(n), nil
}

// Validity is how long a prescription may be filled.
func Validity(schedule int) time.Duration {
	switch {
	case schedule == 2:
		return 90 * 24 * time.Hour
	case schedule >= 3:
		return 180 * 24 * time.Hour
	}
	return 365 * 24 * time.Hour
}

// MaxRefills follows federal rules: none for C-II, five for C-III to C-V.
func MaxRefills(schedule int) int {
	switch {
	case schedule == 2:
		return 0
	case schedule >= 3:
		return 5
	}
	return 11
}

// Validate checks a prescription against the formulary and the rules.
func Validate(rx domain.Prescription, drug Drug) error {
	f := errs.Fields{}
	f.Check(rx.PatientID != "", "patient_id", "required")
	f.Check(rx.PrescriberID != "", "prescriber_id", "required")
	f.Check(rx.Quantity > 0, "quantity", "must be positive")
	f.Check(rx.Quantity <= 360, "quantity", "more than 360 units needs a paper script")
	f.Check(rx.Refills >= 0, "refills", "cannot be negative")
	if rx.Refills > MaxRefills(drug.Schedule) {
		f.Add("refills", fmt.Sprintf("at most %d for schedule %d", MaxRefills(drug.Schedule), drug.Schedule))
	}
	daily, err := DailyDoseMg(rx.Dose, rx.Frequency)
	if err != nil {
		f.Add("dose", err.Error())
	} else if drug.MaxDailyMg > 0 && daily > drug.MaxDailyMg {
		f.Add("dose", fmt.Sprintf("%.0f mg/day exceeds the %.0f mg/day maximum", daily, drug.MaxDailyMg))
	}
	if drug.Schedule == 2 && strings.EqualFold(rx.Frequency, "PRN") && rx.Quantity > 42 {
		f.Add("quantity", "PRN schedule II limited to a 7-day supply")
	}
	return f.Err("prescriptions.Validate")
}
