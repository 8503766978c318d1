// Package signup implements self-serve tenant creation: tenant, owner,
// trial subscription and first session in one transaction.
package signup

import (
	"context"
	"database/sql"
	"net/mail"
	"regexp"
	"strings"

	"pipelinelabs.io/crm/internal/accounts"
	"pipelinelabs.io/crm/internal/billing"
	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/clock"
	"pipelinelabs.io/crm/internal/platform/db"
	"pipelinelabs.io/crm/internal/platform/errs"
	"pipelinelabs.io/crm/internal/platform/events"
	"pipelinelabs.io/crm/internal/platform/tenancy"
)

var slugRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{2,40}$`)

var reservedSlugs = map[string]bool{"api": true, "app": true, "admin": true, "www": true, "status": true, "help": true}

// Request is a signup form.
type Request struct {
	Company  string        `json:"company"`
	Slug     string        `json:"slug"`
	Name     string        `json:"name"`
	Email    string        `json:"email"`
	Password string        `json:"password"`
	Plan     core.PlanTier `json:"plan"`
	Timezone string        `json:"timezone"`
}

// Result is returned to the browser.
type Result struct {
	Tenant  core.Tenant          `json:"tenant"`
	User    core.User            `json:"user"`
	Token   string               `json:"token"`
	Billing billing.Subscription `json:"subscription"`
}

// Service performs signups.
type Service struct {
	DB       *sql.DB
	Accounts *accounts.Service
	Billing  *billing.Service
	Events   events.Publisher
	Clock    clock.Clock
}

func (r *Request) normalize() error {
	r.Company = strings.TrimSpace(r.Company)
	r.Slug = strings.ToLower(strings.TrimSpace(r.Slug))
	if r.Company == "" {
		return errs.Invalid("company is required")
	}
	if !slugRe.MatchString(r.Slug) || reservedSlugs[r.Slug] {
		return errs.Invalid("slug must be 3-41 lowercase letters, digits or dashes")
	}
	addr, err := mail.ParseAddress(r.Email)
	if err != nil {
		return errs.Invalid("invalid email")
	}
	r.Email = strings.ToLower(addr.Address)
	if r.Plan == "" {
		r.Plan = core.PlanGrowth // trial on Growth by default
	}
	if r.Timezone == "" {
		r.Timezone = "UTC"
	}
	return nil
}

// Signup creates everything a new customer needs.
func (s *Service) Signup(ctx context.Context, req Request) (Result, error) {
	if err := req.normalize(); err != nil {
		return Result{}, err
	}
	hash, salt, err := accounts.HashPassword(req.Password)
	if err != nil {
		return Result{}, err
	}
	now := s.Clock.Now()
	res := Result{
		Tenant: core.Tenant{ID: core.NewID(core.PrefixTenant), Name: req.Company, Slug: req.Slug,
			Plan: req.Plan, Status: core.TenantTrialing, Timezone: req.Timezone, CreatedAt: now},
	}
	res.User = core.User{ID: core.NewID(core.PrefixUser), TenantID: res.Tenant.ID, Email: req.Email,
		Name: req.Name, Role: core.RoleOwner, CreatedAt: now}

	err = db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		if err := s.Accounts.Repo.InsertTenant(ctx, tx, res.Tenant); err != nil {
			if db.IsUniqueViolation(err) {
				return errs.Conflict("that workspace URL is taken")
			}
			return err
		}
		if err := s.Accounts.Repo.InsertUser(ctx, tx, res.User, hash, salt); err != nil {
			return err
		}
		sub, err := s.Billing.StartTrial(ctx, tx, res.Tenant.ID, res.Tenant.Name, req.Plan)
		if err != nil {
			return err
		}
		res.Billing = sub
		res.Tenant.Status = sub.Status
		res.Token, err = s.Accounts.CreateSession(ctx, tx, res.User)
		return err
	})
	if err != nil {
		return Result{}, err
	}
	ectx := tenancy.With(ctx, tenancy.Principal{TenantID: res.Tenant.ID, UserID: res.User.ID, Role: core.RoleOwner})
	_ = s.Events.Publish(ectx, core.TopicTenantCreated, core.TenantCreated{TenantID: res.Tenant.ID, OwnerID: res.User.ID, Plan: req.Plan})
	return res, nil
}
