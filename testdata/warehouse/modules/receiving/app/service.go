// Package app implements the inbound receiving use-cases.
package app

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"strings"
	"time"

	invapp "shipwell.io/wms/modules/inventory/app"
	"shipwell.io/wms/modules/receiving/domain"
	"shipwell.io/wms/modules/receiving/infra"
	"shipwell.io/wms/modules/receiving/infra/edi"
	"shipwell.io/wms/pkg/apperr"
	"shipwell.io/wms/pkg/db"
	"shipwell.io/wms/pkg/events"
	"shipwell.io/wms/pkg/models"
)

type Service struct {
	DB           *sql.DB
	Store        *infra.Store
	Inventory    *invapp.Service
	Events       events.Publisher
	OverPct      int
	OverdueGrace time.Duration
	Log          *slog.Logger
	Now          func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Service) CreateASN(ctx context.Context, a *models.ASN) error {
	if err := domain.ValidateNew(a, s.now()); err != nil {
		return err
	}
	skus := make([]string, 0, len(a.Lines))
	for _, l := range a.Lines {
		skus = append(skus, l.SKU)
	}
	unknown, err := s.Store.UnknownSKUs(ctx, a.ClientID, skus)
	if err != nil {
		return err
	}
	if len(unknown) > 0 {
		return apperr.Invalid("unknown SKUs: %s", strings.Join(unknown, ", "))
	}
	return db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		if err := s.Store.CreateASN(ctx, tx, a); err != nil {
			return err
		}
		ev, err := events.New(events.ASNReceived, a.ID, a.ClientID, map[string]any{"lines": len(a.Lines)})
		if err != nil {
			return err
		}
		return s.Events.Publish(ctx, tx, ev)
	})
}

func (s *Service) ImportEDI(ctx context.Context, r io.Reader, clientID string) (*models.ASN, error) {
	a, err := edi.Parse(r, clientID)
	if err != nil {
		return nil, apperr.Invalid("edi 856: %v", err)
	}
	if a.ExpectedAt.IsZero() {
		a.ExpectedAt = s.now().Add(48 * time.Hour)
	}
	return a, s.CreateASN(ctx, a)
}

type ReceiveCmd struct {
	ASNID      string     `json:"-"`
	LineNo     int        `json:"line_no"`
	Good       int        `json:"good"`
	Damaged    int        `json:"damaged"`
	Pallets    int        `json:"pallets"`
	LocationID string     `json:"location_id"`
	Lot        string     `json:"lot"`
	ExpiresAt  *time.Time `json:"expires_at"`
	UserID     string     `json:"-"`
}

// Receive books a line receipt: the ASN is updated first, then stock is put
// into inventory (which chooses a putaway location when none is scanned).
func (s *Service) Receive(ctx context.Context, cmd ReceiveCmd) (*models.Receipt, error) {
	var a *models.ASN
	var line *models.ASNLine
	err := db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		var err error
		if a, err = s.Store.GetASN(ctx, tx, cmd.ASNID, true); err != nil {
			return err
		}
		if line, err = domain.Receive(a, cmd.LineNo, cmd.Good, cmd.Damaged, s.OverPct); err != nil {
			return err
		}
		if err := s.Store.SaveLine(ctx, tx, a.ID, line); err != nil {
			return err
		}
		return s.Store.SetStatus(ctx, tx, a)
	})
	if err != nil {
		return nil, err
	}
	lot := cmd.Lot
	if lot == "" {
		lot = line.Lot
	}
	loc, err := s.Inventory.Receive(ctx, invapp.ReceiveCmd{
		ClientID: a.ClientID, SKU: line.SKU, LocationID: cmd.LocationID, Qty: cmd.Good, Damaged: cmd.Damaged,
		Lot: lot, ExpiresAt: cmd.ExpiresAt, Reference: a.ID, UserID: cmd.UserID,
	})
	if err != nil {
		return nil, apperr.Wrap(err, "putaway")
	}
	rc := &models.Receipt{ASNID: a.ID, LineNo: line.LineNo, SKU: line.SKU, Qty: cmd.Good, Damaged: cmd.Damaged,
		Pallets: max(cmd.Pallets, 1), LocationID: loc, Lot: lot, ExpiresAt: cmd.ExpiresAt,
		ReceivedBy: cmd.UserID, ReceivedAt: s.now().UTC()}
	return rc, s.Store.InsertReceipt(ctx, s.DB, rc)
}

// Close completes an ASN, records discrepancies and emits ReceiptCompleted,
// which billing uses for receiving charges.
func (s *Service) Close(ctx context.Context, asnID string, force bool) ([]domain.Discrepancy, error) {
	var ds []domain.Discrepancy
	err := db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		a, err := s.Store.GetASN(ctx, tx, asnID, true)
		if err != nil {
			return err
		}
		if ds, err = domain.Close(a, force, s.now().UTC()); err != nil {
			return err
		}
		if err := s.Store.SetStatus(ctx, tx, a); err != nil {
			return err
		}
		if err := s.Store.InsertDiscrepancies(ctx, tx, a.ID, ds); err != nil {
			return err
		}
		units := 0
		for _, l := range a.Lines {
			units += l.ReceivedQty + l.DamagedQty
		}
		ev, err := events.New(events.ReceiptCompleted, a.ID, a.ClientID,
			map[string]any{"units": units, "lines": len(a.Lines), "discrepancies": len(ds)})
		if err != nil {
			return err
		}
		return s.Events.Publish(ctx, tx, ev)
	})
	return ds, err
}

// FlagOverdue is run by the worker and logs ASNs whose truck never arrived.
func (s *Service) FlagOverdue(ctx context.Context) error {
	ids, err := s.Store.OpenBefore(ctx, s.now().Add(-s.OverdueGrace))
	if err != nil {
		return err
	}
	for _, id := range ids {
		a, err := s.Store.GetASN(ctx, s.DB, id, false)
		if err != nil {
			return err
		}
		if !domain.Overdue(a, s.now(), s.OverdueGrace) {
			continue
		}
		s.Log.Warn("ASN overdue", "asn", a.ID, "client", a.ClientID, "expected", a.ExpectedAt)
		if err := s.Store.MarkOverdueNotified(ctx, id); err != nil {
			return err
		}
	}
	return nil
}
