// Package results interprets analyte values against reference ranges
// and flags abnormal and critical results.
package results

import (
	"fmt"
	"strings"
	"time"

	"github.com/acme/clinic/pkg/domain"
)

type Flag string

const (
	FlagNormal       Flag = "N"
	FlagLow          Flag = "L"
	FlagHigh         Flag = "H"
	FlagCriticalLow  Flag = "LL"
	FlagCriticalHigh Flag = "HH"
)

func (f Flag) Critical() bool { return f == FlagCriticalLow || f == FlagCriticalHigh }

// Range is a reference interval, optionally per sex and age band.
type Range struct {
	Analyte  string
	Unit     string
	Low      float64
	High     float64
	CritLow  float64 // 0 means none
	CritHigh float64 // 0 means none
	Sex      domain.Sex
	MinAge   int
	MaxAge   int // 0 means no upper bound
}

func (r Range) applies(sex domain.Sex, age int) bool {
	if r.Sex != "" && r.Sex != sex {
		return false
	}
	return age >= r.MinAge && (r.MaxAge == 0 || age <= r.MaxAge)
}

// Ranges are checked in order; the first applicable one wins, so list
// the specific ones first.
var Ranges = []Range{
	{Analyte: "HGB", Unit: "g/dL", Low: 12.0, High: 15.5, CritLow: 7, CritHigh: 20, Sex: domain.SexFemale, MinAge: 18},
	{Analyte: "HGB", Unit: "g/dL", Low: 13.5, High: 17.5, CritLow: 7, CritHigh: 20, Sex: domain.SexMale, MinAge: 18},
	{Analyte: "HGB", Unit: "g/dL", Low: 11.0, High: 16.0, CritLow: 7, CritHigh: 20},
	{Analyte: "WBC", Unit: "10^3/uL", Low: 4.5, High: 11.0, CritLow: 2, CritHigh: 30},
	{Analyte: "PLT", Unit: "10^3/uL", Low: 150, High: 400, CritLow: 50, CritHigh: 1000},
	{Analyte: "NA", Unit: "mmol/L", Low: 135, High: 145, CritLow: 120, CritHigh: 160},
	{Analyte: "K", Unit: "mmol/L", Low: 3.5, High: 5.1, CritLow: 2.5, CritHigh: 6.5},
	{Analyte: "GLU", Unit: "mg/dL", Low: 70, High: 99, CritLow: 40, CritHigh: 450},
	{Analyte: "CREAT", Unit: "mg/dL", Low: 0.74, High: 1.35},
	{Analyte: "LDL", Unit: "mg/dL", Low: 0, High: 100},
	{Analyte: "HDL", Unit: "mg/dL", Low: 40, High: 200},
	{Analyte: "A1C", Unit: "%", Low: 4.0, High: 5.6},
	{Analyte: "TSH", Unit: "mIU/L", Low: 0.4, High: 4.0},
	{Analyte: "INR", Unit: "", Low: 0.8, High: 1.1, CritHigh: 5},
}

func RangeFor(analyte string, sex domain.Sex, age int) (Range, bool) {
	analyte = strings.ToUpper(analyte)
	for _, r := range Ranges {
		if r.Analyte == analyte && r.applies(sex, age) {
			return r, true
		}
	}
	return Range{}, false
}

// Observation is one measured value as it comes off the analyzer.
type Observation struct {
	Analyte string
	Value   float64
	Unit    string
}

// Interpreted is an observation with its flag and the range used.
type Interpreted struct {
	Observation
	Flag    Flag
	RefLow  float64
	RefHigh float64
}

// Result is the set of observations for one test on one order.
type Result struct {
	OrderID      domain.LabOrderID
	TestCode     string
	Observations []Interpreted
	VerifiedBy   domain.StaffID
	ResultedAt   time.Time
}

// Critical returns the observations that need a phone call.
func (r Result) Critical() []Interpreted {
	var out []Interpreted
	for _, o := range r.Observations {
		if o.Flag.Critical() {
			out = append(out, o)
		}
	}
	return out
}

// Interpret flags each observation. Unit mismatches are errors: we do
// not convert units silently.
func Interpret(obs []Observation, sex domain.Sex, age int) ([]Interpreted, error) {
	out := make([]Interpreted, 0, len(obs))
	for _, o := range obs {
		r, ok := RangeFor(o.Analyte, sex, age)
		if !ok {
			return nil, fmt.Errorf("results: no reference range for %s", o.Analyte)
		}
		if o.Unit != "" && r.Unit != "" && !strings.EqualFold(o.Unit, r.Unit) {
			return nil, fmt.Errorf("results: %s reported in %s, expected %s", o.Analyte, o.Unit, r.Unit)
		}
		i := Interpreted{Observation: o, RefLow: r.Low, RefHigh: r.High, Flag: FlagNormal}
		switch {
		case r.CritLow != 0 && o.Value <= r.CritLow:
			i.Flag = FlagCriticalLow
		case r.CritHigh != 0 && o.Value >= r.CritHigh:
			i.Flag = FlagCriticalHigh
		case o.Value < r.Low:
			i.Flag = FlagLow
		case o.Value > r.High:
			i.Flag = FlagHigh
		}
		i.Analyte = strings.ToUpper(i.Analyte)
		out = append(out, i)
	}
	return out, nil
}

// Summary renders critical values for a page or SMS.
func Summary(items []Interpreted) string {
	parts := make([]string, 0, len(items))
	for _, i := range items {
		parts = append(parts, fmt.Sprintf("%s %.2f %s (%s)", i.Analyte, i.Value, i.Unit, i.Flag))
	}
	return strings.Join(parts, ", ")
}
