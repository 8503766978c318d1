// Package bureau manages credit bureau pulls with a reuse window so that a
// borrower is not soft-pulled repeatedly within 30 days.
package bureau

import (
	"context"
	"time"

	"lendwise.io/platform/internal/bureau/experian"
	"lendwise.io/platform/internal/bureau/store"
	"lendwise.io/platform/internal/models"
	"lendwise.io/platform/internal/platform/errs"
	"lendwise.io/platform/internal/platform/ids"
)

const softReuseWindow = 30 * 24 * time.Hour

type Service struct {
	client *experian.Client
	store  *store.Store
	now    func() time.Time
}

func NewService(c *experian.Client, s *store.Store) *Service {
	return &Service{client: c, store: s, now: time.Now}
}

// SoftPull returns a cached report if fresh enough, otherwise pulls a new one.
func (s *Service) SoftPull(ctx context.Context, b *models.Borrower, applicationID string) (*models.CreditReport, error) {
	cached, err := s.store.LatestReport(ctx, b.ID, s.now().Add(-softReuseWindow))
	if err == nil {
		return cached, nil
	}
	if !errs.Is(err, errs.ErrNotFound) {
		return nil, err
	}
	return s.pull(ctx, b, applicationID, false)
}

// HardPull is done once at booking, after the borrower signs the credit consent.
func (s *Service) HardPull(ctx context.Context, b *models.Borrower, applicationID string) (*models.CreditReport, error) {
	if applicationID == "" {
		return nil, errs.Invalid("hard pull requires an application")
	}
	return s.pull(ctx, b, applicationID, true)
}

func (s *Service) pull(ctx context.Context, b *models.Borrower, applicationID string, hard bool) (*models.CreditReport, error) {
	r, ref, err := s.client.Pull(ctx, b, hard)
	if err != nil {
		return nil, err
	}
	r.ID = ids.New("pull")
	if err := s.store.SaveReport(ctx, r, ref, applicationID); err != nil {
		return nil, err
	}
	if r.Frozen {
		return r, errs.Ineligible("credit file is frozen")
	}
	return r, nil
}
