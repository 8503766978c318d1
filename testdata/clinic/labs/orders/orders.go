// Package orders is the lab test catalog and the order state machine.
package orders

import (
	"fmt"
	"strings"
	"time"

	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/errs"
)

// Test is one orderable lab test.
type Test struct {
	Code            string
	Name            string
	Specimen        string
	PriceCents      int64
	TurnaroundHours int
	Fasting         bool
	Analytes        []string
}

// Catalog maps test codes to tests.
type Catalog map[string]Test

// DefaultCatalog is what the in-house lab runs. Send-outs are ordered
// through the reference lab's portal, not here.
var DefaultCatalog = Catalog{
	"CBC":    {Code: "CBC", Name: "Complete blood count", Specimen: "whole blood (EDTA)", PriceCents: 2800, TurnaroundHours: 4, Analytes: []string{"WBC", "HGB", "PLT"}},
	"BMP":    {Code: "BMP", Name: "Basic metabolic panel", Specimen: "serum", PriceCents: 3500, TurnaroundHours: 6, Fasting: true, Analytes: []string{"NA", "K", "GLU", "CREAT"}},
	"LIPID":  {Code: "LIPID", Name: "Lipid panel", Specimen: "serum", PriceCents: 4200, TurnaroundHours: 24, Fasting: true, Analytes: []string{"LDL", "HDL"}},
	"A1C":    {Code: "A1C", Name: "Hemoglobin A1c", Specimen: "whole blood (EDTA)", PriceCents: 3900, TurnaroundHours: 24, Analytes: []string{"A1C"}},
	"TSH":    {Code: "TSH", Name: "Thyroid stimulating hormone", Specimen: "serum", PriceCents: 4800, TurnaroundHours: 24, Analytes: []string{"TSH"}},
	"PT-INR": {Code: "PT-INR", Name: "Prothrombin time / INR", Specimen: "plasma (citrate)", PriceCents: 2200, TurnaroundHours: 2, Analytes: []string{"INR"}},
}

func (c Catalog) Lookup(code string) (Test, bool) {
	t, ok := c[strings.ToUpper(code)]
	return t, ok
}

// NewOrder is what a clinician submits.
type NewOrder struct {
	PatientID     domain.PatientID
	OrderedBy     domain.StaffID
	AppointmentID domain.AppointmentID
	TestCodes     []string
	Priority      string
	Notes         string
}

// Normalize upper-cases and de-duplicates test codes, and defaults the
// priority to routine.
func (o *NewOrder) Normalize() {
	seen := map[string]bool{}
	codes := o.TestCodes[:0]
	for _, c := range o.TestCodes {
		c = strings.ToUpper(strings.TrimSpace(c))
		if c != "" && !seen[c] {
			seen[c] = true
			codes = append(codes, c)
		}
	}
	o.TestCodes = codes
	if o.Priority == "" {
		o.Priority = "routine"
	}
}

func (c Catalog) Validate(o NewOrder) error {
	f := errs.Fields{}
	f.Check(o.PatientID != "", "patient_id", "required")
	f.Check(o.OrderedBy != "", "ordered_by", "required")
	f.Check(len(o.TestCodes) > 0, "tests", "order at least one test")
	f.Check(len(o.TestCodes) <= 12, "tests", "too many tests on one order")
	var unknown []string
	for _, code := range o.TestCodes {
		if _, ok := c.Lookup(code); !ok {
			unknown = append(unknown, code)
		}
	}
	if len(unknown) > 0 {
		f.Add("tests", "unknown: "+strings.Join(unknown, ", "))
	}
	f.Check(o.Priority == "routine" || o.Priority == "stat", "priority", "must be routine or stat")
	return f.Err("orders.Validate")
}

var transitions = map[domain.LabOrderStatus][]domain.LabOrderStatus{
	domain.LabOrdered:    {domain.LabCollected, domain.LabCancelled},
	domain.LabCollected:  {domain.LabInProgress, domain.LabResulted, domain.LabDelayed, domain.LabCancelled},
	domain.LabInProgress: {domain.LabResulted, domain.LabDelayed},
	domain.LabDelayed:    {domain.LabInProgress, domain.LabResulted, domain.LabCancelled},
}

// Transition moves o to status to, stamping times.
func Transition(o *domain.LabOrder, to domain.LabOrderStatus, at time.Time) error {
	for _, next := range transitions[o.Status] {
		if next != to {
			continue
		}
		o.Status = to
		switch to {
		case domain.LabCollected:
			o.CollectedAt = &at
		case domain.LabResulted:
			o.ResultedAt = &at
		}
		return nil
	}
	return errs.E("orders.Transition", errs.KindConflict, fmt.Errorf("lab order %s: %s -> %s not allowed", o.ID, o.Status, to))
}

// ExpectedBy is when results are due: collection time plus the longest
// turnaround on the order, halved for stat orders.
func (c Catalog) ExpectedBy(o domain.LabOrder) (time.Time, bool) {
	if o.CollectedAt == nil {
		return time.Time{}, false
	}
	maxH := 0
	for _, code := range o.TestCodes {
		if t, ok := c.Lookup(code); ok && t.TurnaroundHours > maxH {
			maxH = t.TurnaroundHours
		}
	}
	d := time.Duration(maxH) * time.Hour
	if o.Stat() {
		d /= 2
	}
	return o.CollectedAt.Add(d), true
}
