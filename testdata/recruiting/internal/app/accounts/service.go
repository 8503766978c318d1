// Package accounts manages customer tenants, their users, roles and
// departments.
package accounts

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"time"

	appbilling "github.com/hirebase/ats/internal/app/billing"
	dbaccounts "github.com/hirebase/ats/internal/db/accounts"
	"github.com/hirebase/ats/internal/models"
	"github.com/hirebase/ats/internal/platform/dbx"
	"github.com/hirebase/ats/internal/platform/errs"
	"github.com/hirebase/ats/internal/platform/ids"
	"github.com/hirebase/ats/internal/platform/mailer"
)

var (
	subdomainRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,30}[a-z0-9]$`)
	validRoles  = []string{models.RoleAdmin, models.RoleRecruiter, models.RoleHiringManager, models.RoleInterviewer,
		models.RoleFinance, models.RoleEmployee, models.RoleBillingManager}
	reservedSubdomains = []string{"www", "api", "app", "admin", "jobs", "mail", "status"}
	defaultDepartments = []string{"Engineering", "Sales", "Operations", "People"}
)

type Service struct {
	store   *dbaccounts.Store
	db      *sql.DB
	billing *appbilling.Service
	mail    mailer.Mailer
	log     *slog.Logger
}

func New(store *dbaccounts.Store, db *sql.DB, billing *appbilling.Service, mail mailer.Mailer, log *slog.Logger) *Service {
	return &Service{store: store, db: db, billing: billing, mail: mail, log: log}
}

type ProvisionRequest struct {
	CompanyName string `json:"company_name"`
	Subdomain   string `json:"subdomain"`
	AdminEmail  string `json:"admin_email"`
	AdminName   string `json:"admin_name"`
	Currency    string `json:"currency"`
	Plan        string `json:"plan"`
}

// ProvisionTenant signs up a new customer: tenant, first admin, default
// departments and a trial subscription.
func (s *Service) ProvisionTenant(ctx context.Context, req ProvisionRequest) (models.Tenant, error) {
	sub := strings.ToLower(strings.TrimSpace(req.Subdomain))
	if !subdomainRe.MatchString(sub) || slices.Contains(reservedSubdomains, sub) {
		return models.Tenant{}, errs.Validation("subdomain %q is not allowed", sub)
	}
	if _, err := mail.ParseAddress(req.AdminEmail); err != nil {
		return models.Tenant{}, errs.Validation("invalid admin email")
	}
	if req.Currency == "" {
		req.Currency = "USD"
	}
	now := time.Now().UTC()
	t := models.Tenant{ID: ids.New(ids.Tenant), Name: strings.TrimSpace(req.CompanyName), Subdomain: sub,
		Status: models.TenantTrial, Currency: strings.ToUpper(req.Currency), CreatedAt: now}
	admin := models.User{ID: ids.New(ids.User), TenantID: t.ID, Email: req.AdminEmail, Name: req.AdminName,
		Roles: []string{models.RoleAdmin, models.RoleBillingManager}, Active: true, CreatedAt: now}
	err := dbx.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		err := s.store.CreateTenant(ctx, tx, t)
		if err == nil {
			err = s.store.CreateUser(ctx, tx, admin)
		}
		for _, name := range defaultDepartments {
			if err == nil {
				err = s.store.CreateDepartment(ctx, tx, models.Department{ID: ids.New(ids.Department), TenantID: t.ID, Name: name})
			}
		}
		return err
	})
	if err == nil {
		err = s.billing.StartTrial(ctx, t, req.AdminEmail, req.Plan)
	}
	if err != nil {
		return t, err
	}
	s.sendInvite(ctx, t, admin)
	return t, nil
}

type InviteRequest struct {
	Email        string   `json:"email"`
	Name         string   `json:"name"`
	DepartmentID string   `json:"department_id"`
	Roles        []string `json:"roles"`
}

// InviteUser adds a user. Employee-only users (referrers) do not use a seat.
func (s *Service) InviteUser(ctx context.Context, tenantID string, req InviteRequest) (models.User, error) {
	if _, err := mail.ParseAddress(req.Email); err != nil {
		return models.User{}, errs.Validation("invalid email")
	}
	if len(req.Roles) == 0 {
		req.Roles = []string{models.RoleEmployee}
	}
	for _, r := range req.Roles {
		if !slices.Contains(validRoles, r) {
			return models.User{}, errs.Validation("unknown role %q", r)
		}
	}
	if slices.ContainsFunc(req.Roles, func(r string) bool { return r != models.RoleEmployee }) {
		if err := s.billing.CheckSeatAvailable(ctx, tenantID); err != nil {
			return models.User{}, err
		}
	}
	tenant, err := s.store.GetTenant(ctx, tenantID)
	if err != nil {
		return models.User{}, err
	}
	u := models.User{ID: ids.New(ids.User), TenantID: tenantID, Email: strings.ToLower(req.Email), Name: req.Name,
		DepartmentID: req.DepartmentID, Roles: req.Roles, Active: true, CreatedAt: time.Now().UTC()}
	if err := s.store.CreateUser(ctx, s.db, u); err != nil {
		return u, err
	}
	s.sendInvite(ctx, tenant, u)
	return u, nil
}

func (s *Service) sendInvite(ctx context.Context, t models.Tenant, u models.User) {
	if err := s.mail.Send(ctx, mailer.Message{To: []string{u.Email}, Tag: "user-invite",
		Subject: fmt.Sprintf("You've been invited to %s on Hirebase", t.Name),
		Body:    fmt.Sprintf("Hi %s,\n\nSign in at https://%s.hirebase.io to get started.\n", u.Name, t.Subdomain)}); err != nil {
		s.log.Warn("accounts: invite email failed", "user_id", u.ID, "err", err)
	}
}

func (s *Service) Deactivate(ctx context.Context, tenantID, actorID, userID string) error {
	if actorID == userID {
		return errs.Validation("you cannot deactivate yourself")
	}
	admins, err := s.store.UsersWithRole(ctx, tenantID, models.RoleAdmin)
	if err != nil {
		return err
	}
	if len(admins) == 1 && admins[0].ID == userID {
		return errs.Conflict("cannot deactivate the last admin")
	}
	return s.store.DeactivateUser(ctx, tenantID, userID)
}

func (s *Service) GetUser(ctx context.Context, tenantID, id string) (models.User, error) {
	return s.store.GetUser(ctx, tenantID, id)
}

func (s *Service) ListUsers(ctx context.Context, tenantID string) ([]models.User, error) {
	return s.store.ListUsers(ctx, tenantID)
}

func (s *Service) Departments(ctx context.Context, tenantID string) ([]models.Department, error) {
	return s.store.ListDepartments(ctx, tenantID)
}

// Approvers describes who must sign off on spend in a department.
type Approvers struct {
	DepartmentHead string
	Finance        []string
}

// ApproversFor resolves the department head and finance approvers.
func (s *Service) ApproversFor(ctx context.Context, tenantID, departmentID string) (Approvers, error) {
	d, err := s.store.GetDepartment(ctx, tenantID, departmentID)
	if err != nil {
		return Approvers{}, err
	}
	a := Approvers{DepartmentHead: d.HeadID}
	fin, err := s.store.UsersWithRole(ctx, tenantID, models.RoleFinance)
	for _, u := range fin {
		a.Finance = append(a.Finance, u.ID)
	}
	return a, err
}
