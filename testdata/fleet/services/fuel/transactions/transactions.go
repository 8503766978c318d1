// Package transactions stores fuel card transactions and flags the ones
// that look wrong (more litres than the tank holds, the odometer going
// backwards, a pump far away from where the truck was).
package transactions

import (
	"context"
	"database/sql"
	"math"
	"strings"
	"time"

	"gitlab.com/roadrunner/fleet/entities"
	"gitlab.com/roadrunner/fleet/lib/clock"
	"gitlab.com/roadrunner/fleet/lib/errs"
	"gitlab.com/roadrunner/fleet/lib/geo"
	"gitlab.com/roadrunner/fleet/lib/ids"
	"gitlab.com/roadrunner/fleet/services/fleet/vehicle"
	"gitlab.com/roadrunner/fleet/services/fuel/cards"
	"gitlab.com/roadrunner/fleet/services/telematics/positions"
)

// Flags set on suspicious transactions, stored comma-separated.
const (
	FlagCardNotUsable = "card_not_usable"
	FlagOverTank      = "over_tank"
	FlagOdoBackwards  = "odometer_backwards"
	FlagFarAway       = "far_from_vehicle"
	FlagOverLimit     = "over_monthly_limit"
)

// Service records transactions.
type Service struct {
	db        *sql.DB
	cards     *cards.Service
	vehicles  *vehicle.Service
	positions *positions.Store
	clock     clock.Clock
}

// New wires the service.
func New(db *sql.DB, c *cards.Service, v *vehicle.Service, p *positions.Store, clk clock.Clock) *Service {
	return &Service{db: db, cards: c, vehicles: v, positions: p, clock: clk}
}

// Record stores a purchase; it reports false when ref was already recorded.
func (s *Service) Record(ctx context.Context, ref string, p entities.FuelPurchase, station geo.Point) (bool, error) {
	const op = "transactions.Record"
	card, err := s.cards.ByPAN(ctx, p.CardPAN)
	if err != nil {
		return false, errs.Wrap(op, err)
	}
	flags := s.check(ctx, card, p, station)
	res, err := s.db.ExecContext(ctx, `INSERT INTO fuel_transactions (id, external_ref, card_id, vehicle_id, at, product,
		litres, amount_cents, currency, station, odometer_km, flags)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (external_ref) DO NOTHING`,
		ids.New("ftx"), ref, card.ID, card.VehicleID, p.At, strings.ToLower(p.Product), p.Litres, p.Amount.Cents,
		p.Amount.Currency, p.Station, p.OdometerKm, strings.Join(flags, ","))
	if err != nil {
		return false, errs.Wrap(op, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

func (s *Service) check(ctx context.Context, card cards.Card, p entities.FuelPurchase, station geo.Point) []string {
	var flags []string
	if !card.Usable(p.At) {
		flags = append(flags, FlagCardNotUsable)
	}
	if v, err := s.vehicles.Get(ctx, card.VehicleID); err == nil {
		if v.TankLitres > 0 && p.Litres > v.TankLitres*1.05 {
			flags = append(flags, FlagOverTank)
		}
		if p.OdometerKm > 0 && p.OdometerKm+50 < v.OdometerKm {
			flags = append(flags, FlagOdoBackwards)
		}
	}
	track, err := s.positions.Track(ctx, card.VehicleID, p.At.Add(-20*time.Minute), p.At.Add(20*time.Minute))
	if err == nil && len(track) > 0 && station.Valid() && nearestKm(track, station) > 5 {
		flags = append(flags, FlagFarAway)
	}
	if !card.Limit.IsZero() {
		var spent int64
		m := clock.Month(p.At, clock.Local)
		err := s.db.QueryRowContext(ctx, `SELECT COALESCE(SUM(amount_cents), 0) FROM fuel_transactions
			WHERE card_id = $1 AND at >= $2 AND at < $3`, card.ID, m.From, m.To).Scan(&spent)
		if err == nil && spent+p.Amount.Cents > card.Limit.Cents {
			flags = append(flags, FlagOverLimit)
		}
	}
	return flags
}

// nearestKm: closest approach of a track to a point. Has its own
// haversine because it predates lib/geo; results agree to 1 m.
func nearestKm(track []entities.Ping, p geo.Point) float64 {
	best := math.MaxFloat64
	for _, pg := range track {
		la1, la2 := pg.Pos.Lat*math.Pi/180, p.Lat*math.Pi/180
		dla, dlo := la2-la1, (p.Lon-pg.Pos.Lon)*math.Pi/180
		h := math.Sin(dla/2)*math.Sin(dla/2) + math.Cos(la1)*math.Cos(la2)*math.Sin(dlo/2)*math.Sin(dlo/2)
		best = math.Min(best, 2*6371*math.Asin(math.Sqrt(h)))
	}
	return best
}
