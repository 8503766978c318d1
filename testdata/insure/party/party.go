// Package party manages customers (policyholders, prospects, claimants).
package party

import (
	"context"
	"net/mail"
	"strings"
	"time"

	"harbormutual.com/core/domain"
	"harbormutual.com/core/party/partydb"
	"harbormutual.com/core/platform/db"
	"harbormutual.com/core/platform/errs"
	"harbormutual.com/core/platform/ids"
	"harbormutual.com/core/platform/log"
	"harbormutual.com/core/policy/policydb"
	"harbormutual.com/core/util"
)

// CreditBureau fetches an insurance score. The production implementation is
// the LexisNexis adapter in cmd; dev uses StaticBureau.
type CreditBureau interface {
	InsuranceScore(ctx context.Context, c *domain.Customer) (int, error)
}

type Service struct {
	db       *db.DB
	repo     *partydb.Repo
	policies *policydb.Repo // HACK(2018): deletion guard, should go through policy service
	bureau   CreditBureau
	log      *log.Logger
}

func NewService(pool *db.DB, repo *partydb.Repo, policies *policydb.Repo, bureau CreditBureau) *Service {
	return &Service{db: pool, repo: repo, policies: policies, bureau: bureau, log: log.New("party")}
}

func (s *Service) Get(ctx context.Context, id int64) (*domain.Customer, error) {
	return s.repo.Get(ctx, id)
}

func (s *Service) Search(ctx context.Context, name string) ([]*domain.Customer, error) {
	if len(strings.TrimSpace(name)) < 2 {
		return nil, errs.Invalidf("party.Search", "name must be at least 2 characters")
	}
	return s.repo.Search(ctx, name, 50)
}

func normalize(c *domain.Customer) error {
	c.FirstName = util.TitleCase(strings.TrimSpace(c.FirstName))
	c.LastName = util.TitleCase(strings.TrimSpace(c.LastName))
	c.Email = strings.ToLower(strings.TrimSpace(c.Email))
	if c.Phone != "" {
		if c.Phone = util.NormalizePhone(c.Phone); c.Phone == "" {
			return errs.Invalidf("party.validate", "phone number is not a valid US number")
		}
	}
	c.Mailing.Zip = util.NormalizeZip(c.Mailing.Zip)
	c.Mailing.State = strings.ToUpper(c.Mailing.State)
	if c.Kind == "" {
		c.Kind = domain.Individual
	}
	if c.LastName == "" {
		return errs.Invalidf("party.validate", "last name required")
	}
	if _, err := mail.ParseAddress(c.Email); err != nil {
		return errs.Invalidf("party.validate", "invalid email %q", c.Email)
	}
	if len(c.Mailing.State) != 2 || len(c.Mailing.Zip) != 5 {
		return errs.Invalidf("party.validate", "mailing address incomplete")
	}
	if c.Kind == domain.Individual && (c.DOB.IsZero() || c.DOB.After(time.Now().AddDate(-16, 0, 0))) {
		return errs.Invalidf("party.validate", "date of birth missing or under 16")
	}
	return nil
}

// Create registers a customer, scoring them with the bureau if possible.
func (s *Service) Create(ctx context.Context, c *domain.Customer) error {
	if err := normalize(c); err != nil {
		return err
	}
	dup, err := s.repo.FindByEmail(ctx, c.Email)
	if err != nil {
		return err
	}
	if dup != nil {
		return errs.Conflictf("party.Create", "customer with email already exists (%s)", dup.Ref)
	}
	c.Ref = ids.New("cus")
	if s.bureau != nil {
		if score, err := s.bureau.InsuranceScore(ctx, c); err != nil {
			s.log.Warn("credit bureau unavailable, creating unscored", "err", err.Error())
		} else {
			c.CreditScore = score
		}
	}
	return s.repo.Insert(ctx, c)
}

// Update applies a full replacement of the editable fields.
func (s *Service) Update(ctx context.Context, c *domain.Customer) error {
	if err := normalize(c); err != nil {
		return err
	}
	return s.repo.Update(ctx, c)
}

// Delete soft-deletes a customer with no in-force business.
func (s *Service) Delete(ctx context.Context, id int64) error {
	return s.db.WithTx(ctx, func(ctx context.Context) error {
		n, err := s.policies.CountActiveByCustomer(ctx, id)
		if err != nil {
			return err
		}
		if n > 0 {
			return errs.Conflictf("party.Delete", "customer %d has %d active policies", id, n)
		}
		return s.repo.SoftDelete(ctx, id)
	})
}

// StaticBureau returns a fixed score; used outside prod.
type StaticBureau struct{ Score int }

func (b StaticBureau) InsuranceScore(context.Context, *domain.Customer) (int, error) {
	return b.Score, nil
}
