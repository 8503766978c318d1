// Package payslip notifies employees that they are ready.
package payslip

import (
	"context"
	"strings"

	"github.com/ledgerly/people/pkg/log"
	"github.com/ledgerly/people/pkg/models"
	"github.com/ledgerly/people/pkg/notify"
	"github.com/ledgerly/people/proto/peoplepb"
	"github.com/ledgerly/people/services/payroll/store"
)

// Notifier emails employees when their payslip is available.
type Notifier struct {
	store  *store.Store
	people peoplepb.PeopleServiceClient
	mail   notify.Sender
}

// NewNotifier builds a Notifier.
func NewNotifier(s *store.Store, people peoplepb.PeopleServiceClient, mail notify.Sender) *Notifier {
	return &Notifier{store: s, people: people, mail: mail}
}

// NotifyRun emails everyone paid in run and returns how many were sent.
func (n *Notifier) NotifyRun(ctx context.Context, run models.PayRun) (int, error) {
	slips, err := n.store.Payslips(ctx, run.ID, "")
	if err != nil {
		return 0, err
	}
	ids := make([]string, len(slips))
	for i, s := range slips {
		ids[i] = s.EmployeeID
	}
	resp, err := n.people.ListEmployees(ctx, &peoplepb.ListEmployeesRequest{Ids: ids, PageSize: int32(len(ids) + 1)})
	if err != nil {
		return 0, err
	}
	byID := map[string]*peoplepb.Employee{}
	for _, e := range resp.Employees {
		byID[e.Id] = e
	}
	sent := 0
	for _, s := range slips {
		e, ok := byID[s.EmployeeID]
		if !ok || strings.TrimSpace(e.Email) == "" {
			continue
		}
		err := n.mail.Send(ctx, notify.Message{
			To: e.Email, Subject: "Your payslip is ready", Template: "payslip_ready",
			Data: map[string]any{"Name": e.FirstName, "PayDate": run.PayDate.String(), "Net": s.Net.String()},
		})
		if err != nil {
			log.Warn(ctx, "payslip email failed", "employee", e.Id, "err", err)
			continue
		}
		sent++
	}
	return sent, nil
}
