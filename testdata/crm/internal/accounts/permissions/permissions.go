// Package permissions implements role based access and team visibility.
package permissions

import (
	"context"

	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/errs"
	"pipelinelabs.io/crm/internal/platform/tenancy"
)

// Action is something a principal may be allowed to do.
type Action string

const (
	ContactsRead       Action = "contacts.read"
	ContactsWrite      Action = "contacts.write"
	ContactsMerge      Action = "contacts.merge"
	DealsRead          Action = "deals.read"
	DealsWrite         Action = "deals.write"
	DealsDelete        Action = "deals.delete"
	PipelinesManage    Action = "pipelines.manage"
	ActivitiesWrite    Action = "activities.write"
	SequencesManage    Action = "sequences.manage"
	ReportsView        Action = "reports.view"
	UsersManage        Action = "users.manage"
	BillingManage      Action = "billing.manage"
	IntegrationsManage Action = "integrations.manage"
	AuditView          Action = "audit.view"
	ImportRun          Action = "imports.run"
)

var repActions = []Action{ContactsRead, ContactsWrite, DealsRead, DealsWrite, ActivitiesWrite, ReportsView}

var matrix = map[core.Role]map[Action]bool{
	core.RoleReadOnly: set(ContactsRead, DealsRead, ReportsView),
	core.RoleRep:      set(repActions...),
	core.RoleManager:  set(append(repActions, DealsDelete, ContactsMerge, SequencesManage, ImportRun, PipelinesManage)...),
	core.RoleAdmin: set(append(repActions, DealsDelete, ContactsMerge, SequencesManage, ImportRun, PipelinesManage,
		UsersManage, IntegrationsManage, AuditView)...),
	core.RoleOwner: nil, // everything
}

func set(as ...Action) map[Action]bool {
	m := make(map[Action]bool, len(as))
	for _, a := range as {
		m[a] = true
	}
	return m
}

// Can reports whether p may perform a.
func Can(p tenancy.Principal, a Action) bool {
	if p.Role == core.RoleOwner || p.System {
		return true
	}
	return matrix[p.Role][a]
}

// Require fails with Forbidden unless the principal in ctx may do a.
func Require(ctx context.Context, a Action) (tenancy.Principal, error) {
	p, err := tenancy.Require(ctx)
	if err != nil {
		return p, err
	}
	if !Can(p, a) {
		return p, errs.Forbidden("missing permission " + string(a))
	}
	return p, nil
}

// SeesAll reports whether the role sees every record regardless of owner.
func SeesAll(p tenancy.Principal) bool {
	switch p.Role {
	case core.RoleOwner, core.RoleAdmin, core.RoleReadOnly:
		return true
	}
	return p.System
}
