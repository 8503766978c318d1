// Package filing prepares and submits quarterly payroll tax returns.
package filing

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/ledgerly/people/pkg/dates"
	"github.com/ledgerly/people/pkg/errs"
	"github.com/ledgerly/people/pkg/events"
	"github.com/ledgerly/people/pkg/log"
	"github.com/ledgerly/people/pkg/money"
	"github.com/ledgerly/people/proto/payrollpb"
	"github.com/ledgerly/people/proto/taxpb"
	"github.com/ledgerly/people/services/tax/store"
)

// Form941 is the IRS quarterly federal return.
type Form941 struct {
	Year                int   `json:"year"`
	Quarter             int   `json:"quarter"`
	Employees           int32 `json:"employees"`
	WagesCents          int64 `json:"wages_cents"`
	FederalTaxCents     int64 `json:"federal_tax_cents"`
	SocialSecurityCents int64 `json:"social_security_cents"`
	MedicareCents       int64 `json:"medicare_cents"`
	TotalCents          int64 `json:"total_cents"`
}

// StateUI is a state unemployment wage report.
type StateUI struct {
	State         string `json:"state"`
	Employees     int32  `json:"employees"`
	WagesCents    int64  `json:"wages_cents"`
	WithheldCents int64  `json:"withheld_cents"`
	EmployerCents int64  `json:"employer_cents"`
}

// Preparer builds filings from payroll summaries.
type Preparer struct {
	store   *store.Store
	payroll payrollpb.PayrollServiceClient
}

// NewPreparer builds a Preparer.
func NewPreparer(s *store.Store, payroll payrollpb.PayrollServiceClient) *Preparer {
	return &Preparer{store: s, payroll: payroll}
}

// PrepareQuarter drafts the federal 941 and one state report per state.
func (p *Preparer) PrepareQuarter(ctx context.Context, tenantID string, year, quarter int) ([]store.Filing, error) {
	if quarter < 1 || quarter > 4 {
		return nil, errs.E(errs.InvalidArgument, "quarter must be 1-4")
	}
	sum, err := p.payroll.SummarizeQuarter(ctx, &payrollpb.SummarizeQuarterRequest{Year: int32(year), Quarter: int32(quarter)})
	if err != nil {
		return nil, err
	}
	period := dates.QuarterPeriod(year, quarter)
	due := DueDate(period)
	var employees int32
	for _, st := range sum.States {
		employees += st.Employees
	}
	f941 := Form941{
		Year: year, Quarter: quarter, Employees: employees,
		WagesCents: sum.FederalWagesCents, FederalTaxCents: sum.FederalTaxCents,
		SocialSecurityCents: sum.SocialSecurityCents, MedicareCents: sum.MedicareCents,
	}
	// Social Security and Medicare are owed twice: employee and employer share.
	f941.TotalCents = f941.FederalTaxCents + 2*(f941.SocialSecurityCents+f941.MedicareCents)
	payload, _ := json.Marshal(f941)
	out := []store.Filing{{
		TenantID: tenantID, Form: "941", Jurisdiction: "US", Period: period, DueDate: due,
		Status: store.FilingReady, Amount: money.New(f941.TotalCents, sum.Currency), Payload: payload,
	}}
	for _, st := range sum.States {
		r := StateUI{State: st.State, Employees: st.Employees, WagesCents: st.WagesCents,
			WithheldCents: st.WithheldCents, EmployerCents: st.EmployerCents}
		payload, _ := json.Marshal(r)
		out = append(out, store.Filing{
			TenantID: tenantID, Form: "UI-" + st.State, Jurisdiction: st.State, Period: period, DueDate: due,
			Status: store.FilingReady, Amount: money.New(st.WithheldCents+st.EmployerCents, sum.Currency), Payload: payload,
		})
	}
	for i := range out {
		if err := p.store.UpsertFiling(ctx, &out[i]); err != nil {
			return nil, err
		}
	}
	log.Info(ctx, "prepared quarterly filings", "year", year, "quarter", quarter, "count", len(out))
	return out, nil
}

// DueDate is the last day of the month after the quarter ends.
func DueDate(p dates.Period) dates.Date {
	next := p.End.AddDays(1)
	return dates.PreviousBusinessDay(dates.Date{Time: next.AddDate(0, 1, -1)})
}

// Agency is the e-file gateway.
type Agency interface {
	Submit(ctx context.Context, form, jurisdiction string, payload []byte) (confirmation string, err error)
}

// HTTPAgency submits to the configured e-file gateway.
type HTTPAgency struct {
	BaseURL string
	Client  *http.Client
}

// Submit implements Agency.
func (a *HTTPAgency) Submit(ctx context.Context, form, jurisdiction string, payload []byte) (string, error) {
	url := fmt.Sprintf("%s/returns/%s/%s", a.BaseURL, jurisdiction, form)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(payload))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/json")
	c := a.Client
	if c == nil {
		c = &http.Client{Timeout: time.Minute}
	}
	resp, err := c.Do(req)
	if err != nil {
		return "", errs.Wrap(err, errs.Internal, "e-file submit")
	}
	defer resp.Body.Close()
	var body struct {
		Confirmation string `json:"confirmation"`
		Error        string `json:"error"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&body)
	if resp.StatusCode >= 300 {
		return "", errs.E(errs.FailedPrecondition, "agency rejected %s: %s", form, body.Error)
	}
	return body.Confirmation, nil
}

// Submitter sends ready filings to agencies.
type Submitter struct {
	store  *store.Store
	agency Agency
	bus    events.Publisher
}

// NewSubmitter builds a Submitter.
func NewSubmitter(s *store.Store, a Agency, bus events.Publisher) *Submitter {
	return &Submitter{store: s, agency: a, bus: bus}
}

// Submit files one filing and records the outcome.
func (s *Submitter) Submit(ctx context.Context, f store.Filing) (store.Filing, error) {
	if f.Status != store.FilingReady && f.Status != store.FilingRejected {
		return f, errs.E(errs.FailedPrecondition, "filing %s is %s", f.ID, f.Status)
	}
	conf, err := s.agency.Submit(ctx, f.Form, f.Jurisdiction, f.Payload)
	if err != nil {
		_ = s.store.MarkSubmitted(ctx, f.TenantID, f.ID, store.FilingRejected, "")
		f.Status = store.FilingRejected
		return f, err
	}
	if err := s.store.MarkSubmitted(ctx, f.TenantID, f.ID, store.FilingSubmitted, conf); err != nil {
		return f, err
	}
	f.Status, f.Confirmation = store.FilingSubmitted, conf
	_ = s.bus.Publish(ctx, events.TopicFilingSubmitted, &taxpb.FilingSubmitted{Filing: ToProto(f)})
	return f, nil
}

// ToProto converts a filing to its wire form.
func ToProto(f store.Filing) *taxpb.Filing {
	return &taxpb.Filing{
		Id: f.ID, Form: f.Form, Jurisdiction: f.Jurisdiction,
		PeriodStart: f.Period.Start.String(), PeriodEnd: f.Period.End.String(),
		Status: string(f.Status), DueDate: f.DueDate.String(),
		AmountCents: f.Amount.Cents, Confirmation: f.Confirmation,
	}
}
