// Package service implements restaurant browsing, menus and order pricing.
package service

import (
	"context"
	"math"
	"sort"
	"time"

	"github.com/zipcab/backend/app/restaurant/model"
	"github.com/zipcab/backend/app/restaurant/repository"
	"github.com/zipcab/backend/pkg/errs"
	"github.com/zipcab/backend/pkg/geo"
	"github.com/zipcab/backend/pkg/money"
)

// DeliveryRadiusKm is the max distance we deliver from.
const DeliveryRadiusKm = 7.0

// RestaurantService serves eaters and restaurant staff.
type RestaurantService struct {
	repo *repository.RestaurantRepository
	now  func() time.Time
}

// New returns a service.
func New(repo *repository.RestaurantRepository) *RestaurantService {
	return &RestaurantService{repo: repo, now: time.Now}
}

// Get returns a restaurant.
func (s *RestaurantService) Get(ctx context.Context, id int64) (model.Restaurant, error) {
	return s.repo.Get(ctx, id)
}

// ForOwner returns the restaurant managed by a user.
func (s *RestaurantService) ForOwner(ctx context.Context, userID int64) (model.Restaurant, error) {
	return s.repo.ByOwner(ctx, userID)
}

// Browse lists restaurants that deliver to p, open ones first then by ETA.
func (s *RestaurantService) Browse(ctx context.Context, p geo.Point, cuisine string) ([]model.Listing, error) {
	rs, err := s.repo.Near(ctx, p, DeliveryRadiusKm)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	hours, err := s.repo.Hours(ctx, ids)
	if err != nil {
		return nil, err
	}
	now := s.now()
	out := make([]model.Listing, 0, len(rs))
	for _, r := range rs {
		if cuisine != "" && r.Cuisine != cuisine {
			continue
		}
		km := geo.HaversineKm(p, r.Point())
		if km > DeliveryRadiusKm {
			continue
		}
		out = append(out, model.Listing{
			Restaurant: r, DistanceKm: math.Round(km*10) / 10,
			ETAMin: r.PrepMinutes + int(km*1.3/22*60) + 5,
			Open:   model.IsOpen(hours[r.ID], now),
		})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Open != out[j].Open {
			return out[i].Open
		}
		return out[i].ETAMin < out[j].ETAMin
	})
	return out, nil
}

// Menu returns the available items grouped by section.
func (s *RestaurantService) Menu(ctx context.Context, restaurantID int64) (map[string][]model.MenuItem, error) {
	items, err := s.repo.Menu(ctx, restaurantID)
	if err != nil {
		return nil, err
	}
	out := map[string][]model.MenuItem{}
	for _, it := range items {
		if it.Available {
			out[it.Section] = append(out[it.Section], it)
		}
	}
	return out, nil
}

// PriceOrder validates requested lines against the menu and returns priced lines and subtotal.
func (s *RestaurantService) PriceOrder(ctx context.Context, restaurantID int64, lines []model.Line) (model.Restaurant, []model.PricedLine, money.Money, error) {
	r, err := s.repo.Get(ctx, restaurantID)
	if err != nil {
		return r, nil, money.Money{}, err
	}
	if r.Paused {
		return r, nil, money.Money{}, errs.Conflict("restaurant.price_order", r.Name+" is not taking orders right now")
	}
	hours, err := s.repo.Hours(ctx, []int64{r.ID})
	if err != nil {
		return r, nil, money.Money{}, err
	}
	if !model.IsOpen(hours[r.ID], s.now()) {
		return r, nil, money.Money{}, errs.Conflict("restaurant.price_order", r.Name+" is closed")
	}
	menu, err := s.repo.Menu(ctx, restaurantID)
	if err != nil {
		return r, nil, money.Money{}, err
	}
	byID := make(map[int64]model.MenuItem, len(menu))
	for _, it := range menu {
		byID[it.ID] = it
	}
	sub := money.Zero(r.Currency)
	out := make([]model.PricedLine, 0, len(lines))
	for _, l := range lines {
		it, ok := byID[l.ItemID]
		if !ok || !it.Available {
			return r, nil, money.Money{}, errs.Invalid("restaurant.price_order", "item is no longer available")
		}
		if l.Quantity < 1 || l.Quantity > 20 {
			return r, nil, money.Money{}, errs.Invalid("restaurant.price_order", "invalid quantity for "+it.Name)
		}
		unit := money.New(it.Price, r.Currency)
		total := unit.MulFloat(float64(l.Quantity))
		out = append(out, model.PricedLine{ItemID: it.ID, Name: it.Name, Quantity: l.Quantity, UnitPrice: unit, Total: total, Note: l.Note})
		sub = sub.Add(total)
	}
	if len(out) == 0 {
		return r, nil, money.Money{}, errs.Invalid("restaurant.price_order", "order is empty")
	}
	return r, out, sub, nil
}
