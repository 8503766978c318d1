// Package cards manages fuel cards: issuing, binding to a vehicle or a
// driver, and monthly limits. Full PANs are never stored.
package cards

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"strings"
	"time"

	"gitlab.com/roadrunner/fleet/lib/clock"
	"gitlab.com/roadrunner/fleet/lib/conf"
	"gitlab.com/roadrunner/fleet/lib/dbx"
	"gitlab.com/roadrunner/fleet/lib/errs"
	"gitlab.com/roadrunner/fleet/lib/ids"
	"gitlab.com/roadrunner/fleet/lib/money"
)

// Card is a fuel card.
type Card struct {
	ID        string      `json:"id"`
	Last4     string      `json:"last4"`
	VehicleID string      `json:"vehicle_id,omitempty"`
	DriverID  string      `json:"driver_id,omitempty"`
	Blocked   bool        `json:"blocked"`
	Limit     money.Money `json:"monthly_limit"`
	ExpiresAt time.Time   `json:"expires_at"`
}

// Usable reports whether purchases on the card should be accepted at t.
func (c Card) Usable(t time.Time) bool { return !c.Blocked && t.Before(c.ExpiresAt) }

// Service stores cards.
type Service struct {
	db     *sql.DB
	clock  clock.Clock
	pepper string
}

// New wires the service.
func New(db *sql.DB, clk clock.Clock) *Service {
	return &Service{db: db, clock: clk, pepper: conf.String("PAN_PEPPER", "dev-pepper")}
}

func (s *Service) hash(pan string) string {
	sum := sha256.Sum256([]byte(s.pepper + strings.ReplaceAll(pan, " ", "")))
	return hex.EncodeToString(sum[:])
}

// Issue registers a card the provider sent us.
func (s *Service) Issue(ctx context.Context, pan string, c Card) (Card, error) {
	pan = strings.ReplaceAll(pan, " ", "")
	var v errs.Validation
	v.Check(len(pan) >= 12 && len(pan) <= 19, "pan", "must have 12 to 19 digits")
	v.Check(c.VehicleID != "" || c.DriverID != "", "vehicle_id", "a card must belong to a vehicle or a driver")
	v.Check(c.ExpiresAt.After(s.clock.Now()), "expires_at", "is in the past")
	if err := v.Err("cards.Issue"); err != nil {
		return c, err
	}
	c.ID, c.Last4 = ids.New("fc"), pan[len(pan)-4:]
	_, err := s.db.ExecContext(ctx, `INSERT INTO fuel_cards (id, pan_hash, last4, vehicle_id, driver_id, blocked,
		limit_cents, currency, expires_at) VALUES ($1, $2, $3, $4, $5, false, $6, $7, $8)`,
		c.ID, s.hash(pan), c.Last4, dbx.NullString(c.VehicleID), dbx.NullString(c.DriverID), c.Limit.Cents,
		c.Limit.Currency, c.ExpiresAt)
	return c, errs.Wrap("cards.Issue", err)
}

// ByPAN finds a card from a full PAN as printed on provider statements.
func (s *Service) ByPAN(ctx context.Context, pan string) (Card, error) {
	var (
		c        Card
		veh, drv sql.NullString
	)
	err := s.db.QueryRowContext(ctx, `SELECT id, last4, vehicle_id, driver_id, blocked, limit_cents, currency, expires_at
		FROM fuel_cards WHERE pan_hash = $1`, s.hash(pan)).
		Scan(&c.ID, &c.Last4, &veh, &drv, &c.Blocked, &c.Limit.Cents, &c.Limit.Currency, &c.ExpiresAt)
	if err != nil {
		return c, dbx.NotFoundOr(err, "cards.ByPAN", "card", "****")
	}
	c.VehicleID, c.DriverID = veh.String, drv.String
	return c, nil
}
