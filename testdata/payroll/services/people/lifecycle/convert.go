package lifecycle

import (
	"time"

	"github.com/ledgerly/people/pkg/dates"
	"github.com/ledgerly/people/pkg/models"
	"github.com/ledgerly/people/pkg/money"
	"github.com/ledgerly/people/proto/peoplepb"
)

// EmployeeToProto converts a model to its wire form.
func EmployeeToProto(e models.Employee) *peoplepb.Employee {
	p := &peoplepb.Employee{
		Id:             e.ID,
		EmployeeNumber: e.EmployeeNumber,
		FirstName:      e.FirstName,
		LastName:       e.LastName,
		Email:          e.Email,
		DepartmentId:   e.DepartmentID,
		ManagerId:      e.ManagerID,
		Title:          e.Title,
		EmploymentType: string(e.Type),
		Status:         string(e.Status),
		WorkState:      e.WorkState,
		HireDate:       e.HireDate.Format("2006-01-02"),
	}
	if e.TerminatedAt != nil {
		p.TerminationDate = e.TerminatedAt.Format("2006-01-02")
	}
	return p
}

// EmployeeFromProto converts the wire form to a model.
func EmployeeFromProto(p *peoplepb.Employee) models.Employee {
	hire, _ := time.Parse("2006-01-02", p.HireDate)
	return models.Employee{
		ID:           p.Id,
		FirstName:    p.FirstName,
		LastName:     p.LastName,
		Email:        p.Email,
		DepartmentID: p.DepartmentId,
		ManagerID:    p.ManagerId,
		Title:        p.Title,
		Type:         models.EmploymentType(p.EmploymentType),
		Status:       models.EmploymentStatus(p.Status),
		WorkState:    p.WorkState,
		HireDate:     hire,
	}
}

// CompensationToProto converts a model to its wire form.
func CompensationToProto(c models.Compensation) *peoplepb.Compensation {
	cur := c.AnnualSalary.Currency
	if cur == "" {
		cur = c.HourlyRate.Currency
	}
	return &peoplepb.Compensation{
		EmployeeId:        c.EmployeeID,
		Basis:             string(c.Basis),
		AnnualSalaryCents: c.AnnualSalary.Cents,
		HourlyRateCents:   c.HourlyRate.Cents,
		Currency:          cur,
		PayFrequency:      string(c.Frequency),
		FilingStatus:      c.FilingStatus,
		Allowances:        int32(c.Allowances),
		EffectiveFrom:     c.EffectiveFrom.Format("2006-01-02"),
	}
}

// CompensationFromProto converts the wire form to a model.
func CompensationFromProto(p *peoplepb.Compensation) models.Compensation {
	eff, _ := time.Parse("2006-01-02", p.EffectiveFrom)
	cur := p.Currency
	if cur == "" {
		cur = "USD"
	}
	return models.Compensation{
		EmployeeID:    p.EmployeeId,
		Basis:         models.PayBasis(p.Basis),
		AnnualSalary:  money.New(p.AnnualSalaryCents, cur),
		HourlyRate:    money.New(p.HourlyRateCents, cur),
		Frequency:     dates.Frequency(p.PayFrequency),
		FilingStatus:  p.FilingStatus,
		Allowances:    int(p.Allowances),
		EffectiveFrom: eff,
	}
}
