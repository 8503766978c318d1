// Package domain holds the types that every part of the clinic talks
// about. It started life as "the models package" and grew; please keep it
// free of anything that needs a database.
package domain

import (
	"fmt"
	"strings"
	"time"
)

type (
	PatientID      string
	StaffID        string
	AppointmentID  string
	InvoiceID      string
	PrescriptionID string
	LabOrderID     string
)

type Sex string

const (
	SexFemale  Sex = "F"
	SexMale    Sex = "M"
	SexUnknown Sex = "U"
)

type Patient struct {
	ID           PatientID
	MRN          string
	FirstName    string
	LastName     string
	DateOfBirth  time.Time
	Sex          Sex
	Phone        string
	Email        string
	InsurerCode  string
	PolicyNumber string
	CreatedAt    time.Time
}

func (p Patient) FullName() string { return strings.TrimSpace(p.FirstName + " " + p.LastName) }
func (p Patient) Insured() bool    { return p.InsurerCode != "" && p.PolicyNumber != "" }

type Role string

const (
	RolePhysician  Role = "physician"
	RoleNurse      Role = "nurse"
	RolePharmacist Role = "pharmacist"
	RoleLabTech    Role = "lab_tech"
	RoleFrontDesk  Role = "front_desk"
	RoleBilling    Role = "billing"
)

func (r Role) Valid() bool {
	switch r {
	case RolePhysician, RoleNurse, RolePharmacist, RoleLabTech, RoleFrontDesk, RoleBilling:
		return true
	}
	return false
}

type StaffMember struct {
	ID         StaffID
	FirstName  string
	LastName   string
	Role       Role
	Email      string
	Phone      string
	Department string
	Active     bool
	HiredAt    time.Time
}

func (s StaffMember) DisplayName() string {
	if s.Role == RolePhysician {
		return "Dr. " + s.LastName
	}
	return s.FirstName + " " + s.LastName
}

type AppointmentStatus string

const (
	AppointmentBooked    AppointmentStatus = "booked"
	AppointmentCheckedIn AppointmentStatus = "checked_in"
	AppointmentCompleted AppointmentStatus = "completed"
	AppointmentCancelled AppointmentStatus = "cancelled"
	AppointmentNoShow    AppointmentStatus = "no_show"
)

var appointmentFlow = map[AppointmentStatus][]AppointmentStatus{
	AppointmentBooked:    {AppointmentCheckedIn, AppointmentCancelled, AppointmentNoShow},
	AppointmentCheckedIn: {AppointmentCompleted, AppointmentCancelled},
}

func (s AppointmentStatus) CanTransitionTo(next AppointmentStatus) bool {
	for _, n := range appointmentFlow[s] {
		if n == next {
			return true
		}
	}
	return false
}

type VisitType string

const (
	VisitConsult    VisitType = "consult"
	VisitFollowUp   VisitType = "follow_up"
	VisitProcedure  VisitType = "procedure"
	VisitTelehealth VisitType = "telehealth"
)

type Appointment struct {
	ID             AppointmentID
	PatientID      PatientID
	PractitionerID StaffID
	Start          time.Time
	End            time.Time
	VisitType      VisitType
	Status         AppointmentStatus
	Reason         string
	Room           string
	CreatedAt      time.Time
	CancelledAt    *time.Time
	BilledAt       *time.Time
}

func (a Appointment) Active() bool {
	return a.Status == AppointmentBooked || a.Status == AppointmentCheckedIn
}

type InvoiceStatus string

const (
	InvoiceDraft         InvoiceStatus = "draft"
	InvoiceIssued        InvoiceStatus = "issued"
	InvoicePartiallyPaid InvoiceStatus = "partially_paid"
	InvoicePaid          InvoiceStatus = "paid"
	InvoiceVoid          InvoiceStatus = "void"
)

type InvoiceLine struct {
	Code        string
	Description string
	Quantity    int
	UnitCents   int64
}

func (l InvoiceLine) TotalCents() int64 { return int64(l.Quantity) * l.UnitCents }

type Invoice struct {
	ID             InvoiceID
	PatientID      PatientID
	AppointmentID  AppointmentID
	Lines          []InvoiceLine
	Status         InvoiceStatus
	SubtotalCents  int64
	TaxCents       int64
	InsuranceCents int64
	PaidCents      int64
	IssuedAt       time.Time
	DueAt          time.Time
}

// Recalculate recomputes subtotal and tax from the lines.
func (i *Invoice) Recalculate(taxRate float64) {
	var sub int64
	for _, l := range i.Lines {
		sub += l.TotalCents()
	}
	i.SubtotalCents = sub
	i.TaxCents = int64(float64(sub)*taxRate + 0.5)
}

func (i Invoice) BalanceCents() int64 {
	return i.SubtotalCents + i.TaxCents - i.InsuranceCents - i.PaidCents
}

// FormatCents renders 12345 as "$123.45".
func FormatCents(c int64) string {
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s$%d.%02d", sign, c/100, c%100)
}

type PrescriptionStatus string

const (
	RxActive    PrescriptionStatus = "active"
	RxDispensed PrescriptionStatus = "dispensed"
	RxExpired   PrescriptionStatus = "expired"
	RxCancelled PrescriptionStatus = "cancelled"
)

type Prescription struct {
	ID           PrescriptionID
	PatientID    PatientID
	PrescriberID StaffID
	DrugCode     string
	DrugName     string
	Dose         string
	Frequency    string
	Quantity     int
	Refills      int
	Schedule     int // DEA schedule, 0 when not controlled
	Status       PrescriptionStatus
	WrittenAt    time.Time
	ExpiresAt    time.Time
}

type LabOrderStatus string

const (
	LabOrdered    LabOrderStatus = "ordered"
	LabCollected  LabOrderStatus = "collected"
	LabInProgress LabOrderStatus = "in_progress"
	LabResulted   LabOrderStatus = "resulted"
	LabDelayed    LabOrderStatus = "delayed"
	LabCancelled  LabOrderStatus = "cancelled"
)

type LabOrder struct {
	ID            LabOrderID
	PatientID     PatientID
	OrderedBy     StaffID
	AppointmentID AppointmentID
	TestCodes     []string
	Priority      string
	Notes         string
	Status        LabOrderStatus
	OrderedAt     time.Time
	CollectedAt   *time.Time
	ResultedAt    *time.Time
}

func (o LabOrder) Stat() bool { return o.Priority == "stat" }
