// Package service implements driver availability and profile logic.
package service

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/zipcab/backend/app/common/entity"
	"github.com/zipcab/backend/app/driver/model"
	"github.com/zipcab/backend/app/driver/repository"
	"github.com/zipcab/backend/modules/driverlocation"
	"github.com/zipcab/backend/pkg/errs"
	"github.com/zipcab/backend/pkg/events"
	"github.com/zipcab/backend/pkg/geo"
	"github.com/zipcab/backend/pkg/log"
)

// DriverService is the entry point for other contexts that need drivers.
type DriverService struct {
	repo      *repository.DriverRepository
	locations *driverlocation.Store
	pub       events.Publisher
	now       func() time.Time
}

// New returns a service.
func New(repo *repository.DriverRepository, locations *driverlocation.Store, pub events.Publisher) *DriverService {
	return &DriverService{repo: repo, locations: locations, pub: pub, now: time.Now}
}

// Get returns the shared driver view.
func (s *DriverService) Get(ctx context.Context, id int64) (entity.Driver, error) {
	d, err := s.repo.Get(ctx, id)
	if err != nil {
		return entity.Driver{}, err
	}
	out := d.ToEntity()
	if p, ok, _ := s.locations.Last(ctx, id); ok {
		pt := p.Point
		out.Location = &pt
	}
	return out, nil
}

// ForUser returns the driver record for an authenticated user.
func (s *DriverService) ForUser(ctx context.Context, userID int64) (model.DriverRecord, error) {
	return s.repo.GetByUser(ctx, userID)
}

// DriverIDForUser implements driverlocation.DriverResolver.
func (s *DriverService) DriverIDForUser(r *http.Request, userID int64) (int64, error) {
	d, err := s.repo.GetByUser(r.Context(), userID)
	return d.ID, err
}

// GoOnline makes a driver available for dispatch if their documents are valid.
func (s *DriverService) GoOnline(ctx context.Context, id int64) error {
	docs, err := s.repo.Documents(ctx, id)
	if err != nil {
		return err
	}
	have := map[model.DocumentType]bool{}
	for _, d := range docs {
		if d.Status == "approved" && !d.Expired(s.now()) {
			have[d.Type] = true
		}
	}
	for _, req := range model.RequiredDocs {
		if !have[req] {
			return errs.Invalid("driver.go_online", "missing or expired document: "+string(req))
		}
	}
	return s.repo.UpdateStatus(ctx, id, []entity.DriverStatus{entity.DriverOffline}, entity.DriverAvailable)
}

// GoOffline takes a driver out of dispatch.
func (s *DriverService) GoOffline(ctx context.Context, id int64) error {
	return s.repo.UpdateStatus(ctx, id, []entity.DriverStatus{entity.DriverAvailable}, entity.DriverOffline)
}

// MarkOnTrip is called by dispatch once a driver accepts an offer.
func (s *DriverService) MarkOnTrip(ctx context.Context, id int64) error {
	return s.repo.UpdateStatus(ctx, id, []entity.DriverStatus{entity.DriverAvailable}, entity.DriverOnTrip)
}

// MarkAvailable is called when a trip ends or is cancelled.
func (s *DriverService) MarkAvailable(ctx context.Context, id int64) error {
	return s.repo.UpdateStatus(ctx, id, []entity.DriverStatus{entity.DriverOnTrip}, entity.DriverAvailable)
}

// Suspend removes a driver from the platform until reinstated.
func (s *DriverService) Suspend(ctx context.Context, id int64, reason string) error {
	err := s.repo.UpdateStatus(ctx, id,
		[]entity.DriverStatus{entity.DriverOffline, entity.DriverAvailable, entity.DriverOnTrip}, entity.DriverSuspended)
	if err != nil {
		return err
	}
	log.From(ctx).Warn("driver suspended", "driver_id", id, "reason", reason)
	return nil
}

// AvailableNear returns available drivers offering rideType near p, closest first.
func (s *DriverService) AvailableNear(ctx context.Context, p geo.Point, km float64, rideType entity.RideType, limit int) ([]entity.Driver, error) {
	near, err := s.locations.Near(ctx, p, km, limit*3)
	if err != nil {
		return nil, errs.Wrap("driver.available_near", err)
	}
	ids := make([]int64, len(near))
	pos := make(map[int64]geo.Point, len(near))
	for i, n := range near {
		ids[i] = n.DriverID
		pos[n.DriverID] = n.Point
	}
	recs, err := s.repo.GetMany(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]model.DriverRecord, len(recs))
	for _, r := range recs {
		byID[r.ID] = r
	}
	var out []entity.Driver
	for _, id := range ids { // preserve distance order
		r, ok := byID[id]
		if !ok || r.Status != entity.DriverAvailable || !r.Offers(rideType) {
			continue
		}
		d := r.ToEntity()
		pt := pos[id]
		d.Location = &pt
		out = append(out, d)
		if len(out) == limit {
			break
		}
	}
	return out, nil
}

// PayoutAccount returns the driver's connected bank account for payouts.
func (s *DriverService) PayoutAccount(ctx context.Context, id int64) (string, error) {
	d, err := s.repo.Get(ctx, id)
	if err != nil {
		return "", err
	}
	if d.PayoutAccount == "" {
		return "", errs.Invalid("driver.payout_account", "driver has no payout account")
	}
	return d.PayoutAccount, nil
}

// NotifyDocumentExpiring publishes a reminder event for the notifier.
func (s *DriverService) NotifyDocumentExpiring(ctx context.Context, doc model.Document) error {
	d, err := s.repo.Get(ctx, doc.DriverID)
	if err != nil {
		return err
	}
	return s.pub.Publish(ctx, events.DriverDocExpiry, "driver:"+strconv.FormatInt(d.ID, 10), entity.DriverEvent{
		DriverID: d.ID, Phone: d.Phone,
		Detail: string(doc.Type) + " expires " + doc.ExpiresAt.Format("Jan 2"),
	})
}
