// Package service implements inter-branch transfer workflow: request, pick,
// ship on the van, receive at destination.
package service

import (
	"context"
	"strconv"
	"time"

	"citylib.org/ils/apperr"
	"citylib.org/ils/internal/platform/eventbus"
	"citylib.org/ils/internal/transfers/store"
	"citylib.org/ils/models"
	"citylib.org/ils/repositories/copies"
)

// Reasons a transfer is requested.
const (
	ReasonHold   = "hold"
	ReasonReturn = "return_home"
	ReasonFloat  = "rebalance"
)

type Service struct {
	store  *store.Store
	copies *copies.Repo
	bus    *eventbus.Bus
}

func New(s *store.Store, c *copies.Repo, bus *eventbus.Bus) *Service {
	return &Service{store: s, copies: c, bus: bus}
}

// Request asks for copyID to be sent from one branch to another.
func (s *Service) Request(ctx context.Context, copyID, from, to int64, reason string, holdID *int64) (*store.Transfer, error) {
	if from == to {
		return nil, apperr.Invalid("same_branch", "transfer source and destination are the same")
	}
	if existing, err := s.store.OpenForCopy(ctx, copyID); err == nil {
		return nil, apperr.Conflict("already_in_transit", "copy already has open transfer to branch "+
			strconv.FormatInt(existing.ToBranchID, 10))
	} else if !apperr.Is(err, apperr.KindNotFound) {
		return nil, err
	}
	t := &store.Transfer{CopyID: copyID, FromBranchID: from, ToBranchID: to, HoldID: holdID, Reason: reason}
	if err := s.store.Create(ctx, t); err != nil {
		return nil, err
	}
	return t, nil
}

func (s *Service) PickList(ctx context.Context, branchID int64) ([]store.PickItem, error) {
	return s.store.PickList(ctx, branchID)
}

// Ship marks the scanned pick-list lines as loaded on the van.
func (s *Service) Ship(ctx context.Context, transferIDs []int64) (int64, error) {
	if len(transferIDs) == 0 {
		return 0, apperr.Invalid("empty", "no transfers to ship")
	}
	return s.store.MarkShipped(ctx, transferIDs)
}

// Receive is called when a branch scans an item off the van.
func (s *Service) Receive(ctx context.Context, barcode string, atBranch int64) (*store.Transfer, error) {
	c, err := s.copies.GetByBarcode(ctx, barcode)
	if err != nil {
		return nil, err
	}
	t, err := s.store.OpenForCopy(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	if t.ToBranchID != atBranch {
		// Mis-sorted by the van: re-route from here instead of failing.
		if err := s.store.Cancel(ctx, t.ID); err != nil {
			return nil, err
		}
		return s.Request(ctx, c.ID, atBranch, t.ToBranchID, t.Reason, t.HoldID)
	}
	if err := s.store.Receive(ctx, t); err != nil {
		return nil, err
	}
	now := time.Now()
	t.Status, t.ReceivedAt = store.Received, &now
	s.bus.Publish(ctx, models.TopicTransferReceived, models.TransferEvent{
		TransferID: t.ID, CopyID: t.CopyID, HoldID: t.HoldID, ToBranchID: t.ToBranchID,
	})
	return t, nil
}

// ReportStale marks copies that vanished in transit as missing.
func (s *Service) ReportStale(ctx context.Context) (int, error) {
	stale, err := s.store.Stale(ctx, 10*24*time.Hour)
	if err != nil {
		return 0, err
	}
	for _, t := range stale {
		if err := s.copies.SetStatus(ctx, t.CopyID, []models.CopyStatus{models.CopyInTransit}, models.CopyMissing); err != nil &&
			!apperr.Is(err, apperr.KindConflict) {
			return 0, err
		}
	}
	return len(stale), nil
}
