package accounts

import (
	"context"
	"net/mail"
	"strings"
	"time"

	"pipelinelabs.io/crm/internal/accounts/permissions"
	"pipelinelabs.io/crm/internal/audit"
	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/clock"
	"pipelinelabs.io/crm/internal/platform/errs"
	"pipelinelabs.io/crm/internal/platform/events"
	"pipelinelabs.io/crm/internal/platform/mailer"
	"pipelinelabs.io/crm/internal/platform/pagination"
	"pipelinelabs.io/crm/internal/platform/tenancy"
)

// SeatChecker is implemented by billing.
type SeatChecker interface {
	CanAddSeat(ctx context.Context, tenantID core.ID) error
}

// Service is the accounts application service.
type Service struct {
	Repo       *Repo
	Seats      SeatChecker
	Events     events.Publisher
	Audit      *audit.Recorder
	Mail       mailer.Sender
	Clock      clock.Clock
	SessionTTL time.Duration
	AppURL     string
}

// Me returns the current user and tenant.
func (s *Service) Me(ctx context.Context) (core.User, core.Tenant, error) {
	p, err := tenancy.Require(ctx)
	if err != nil {
		return core.User{}, core.Tenant{}, err
	}
	u, err := s.Repo.GetUser(ctx, p.TenantID, p.UserID)
	if err != nil {
		return u, core.Tenant{}, err
	}
	t, err := s.Repo.GetTenant(ctx, p.TenantID)
	return u, t, err
}

// InviteInput is the invite request.
type InviteInput struct {
	Email string    `json:"email"`
	Name  string    `json:"name"`
	Role  core.Role `json:"role"`
}

// Invite adds a user to the tenant, consuming a seat.
func (s *Service) Invite(ctx context.Context, in InviteInput) (core.User, error) {
	p, err := permissions.Require(ctx, permissions.UsersManage)
	if err != nil {
		return core.User{}, err
	}
	addr, err := mail.ParseAddress(in.Email)
	if err != nil {
		return core.User{}, errs.Invalid("invalid email address")
	}
	if !in.Role.Valid() || in.Role == core.RoleOwner {
		return core.User{}, errs.Invalid("invalid role")
	}
	if in.Role == core.RoleAdmin && p.Role != core.RoleOwner {
		return core.User{}, errs.Forbidden("only the owner can invite admins")
	}
	if err := s.Seats.CanAddSeat(ctx, p.TenantID); err != nil {
		return core.User{}, err
	}
	u := core.User{
		ID: core.NewID(core.PrefixUser), TenantID: p.TenantID, Email: strings.ToLower(addr.Address),
		Name: strings.TrimSpace(in.Name), Role: in.Role, CreatedAt: s.Clock.Now(),
	}
	if u.Name == "" {
		u.Name = addr.Name
	}
	if err := s.Repo.InsertUser(ctx, s.Repo.DB, u, nil, nil); err != nil {
		return core.User{}, errs.Wrap("accounts.Invite", err)
	}
	_ = s.Mail.Send(ctx, mailer.Message{
		To:      []string{u.Email},
		Subject: "You've been invited to Pipeline Labs",
		Text:    "Set your password at " + s.AppURL + "/invite/" + string(u.ID),
	})
	_ = s.Events.Publish(ctx, core.TopicUserInvited, core.UserInvited{UserID: u.ID, Email: u.Email, InvitedBy: p.UserID})
	return u, nil
}

// ListUsers pages through users.
func (s *Service) ListUsers(ctx context.Context, includeInactive bool, pg pagination.Params) (pagination.Page[core.User], error) {
	p, err := tenancy.Require(ctx)
	if err != nil {
		return pagination.Page[core.User]{}, err
	}
	us, err := s.Repo.ListUsers(ctx, p.TenantID, includeInactive, pg)
	return pagination.NewPage(us, pg), err
}

// Deactivate removes a user's access.
func (s *Service) Deactivate(ctx context.Context, userID core.ID) error {
	p, err := permissions.Require(ctx, permissions.UsersManage)
	if err != nil {
		return err
	}
	if userID == p.UserID {
		return errs.Invalid("you cannot deactivate yourself")
	}
	u, err := s.Repo.GetUser(ctx, p.TenantID, userID)
	if err != nil {
		return err
	}
	if u.Role == core.RoleOwner {
		return errs.Forbidden("the owner cannot be deactivated")
	}
	if err := s.Repo.Deactivate(ctx, p.TenantID, userID, s.Clock.Now()); err != nil {
		return err
	}
	res, err := s.Repo.DB.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID)
	if err != nil {
		return err
	}
	n, _ := res.RowsAffected()
	_ = s.Audit.Record(ctx, "user.sessions_revoked", "user", userID, map[string]any{"sessions": n})
	return s.Events.Publish(ctx, core.TopicUserDeactivated, core.UserInvited{UserID: userID, Email: u.Email, InvitedBy: p.UserID})
}

// SubscribeTo keeps the tenant's denormalised plan in sync with billing.
func (s *Service) SubscribeTo(sub events.Subscriber) {
	sub.Subscribe(core.TopicSubscriptionChanged, func(ctx context.Context, e events.Event) error {
		sc, err := events.Decode[core.SubscriptionChanged](e)
		if err != nil {
			return err
		}
		return s.Repo.SetTenantPlan(ctx, e.TenantID, sc.Plan, sc.Status)
	})
}
