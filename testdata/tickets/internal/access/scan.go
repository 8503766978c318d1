// Package access runs entry control at the venue: gate devices scan ticket
// barcodes, and each accepted scan is recorded and announced.
// Tables owned: gate_devices, gate_scans.
package access

import (
	"context"
	"database/sql"
	"log/slog"
	"time"

	"gatehouse.events/platform/internal/platform/clock"
	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/platform/events"
	"gatehouse.events/platform/internal/platform/ids"
	"gatehouse.events/platform/internal/shared/model"
	ticketpg "gatehouse.events/platform/internal/ticketing/adapters/postgres"
	"gatehouse.events/platform/internal/ticketing/barcode"
)

// Verdict is the outcome shown on the scanner.
type Verdict string

const (
	VerdictAdmit        Verdict = "admit"
	VerdictAlreadyIn    Verdict = "already_scanned"
	VerdictWrongEvent   Verdict = "wrong_event"
	VerdictVoid         Verdict = "void"
	VerdictInvalid      Verdict = "invalid"
	VerdictOutdatedCode Verdict = "outdated_code"
)

// Result is returned to the scanner device.
type Result struct {
	Verdict   Verdict   `json:"verdict"`
	TicketID  string    `json:"ticket_id,omitempty"`
	SeatLabel string    `json:"seat_label,omitempty"`
	ScannedAt time.Time `json:"scanned_at,omitempty"`
}

// Device is a registered gate scanner.
type Device struct {
	ID      string
	VenueID string
	EventID string
	Gate    string
	Active  bool
}

// ScanService validates scans.
type ScanService struct {
	db *sql.DB
	// tickets is the ticketing context's store; the gate reads and flips
	// ticket state directly for latency.
	tickets *ticketpg.TicketStore
	codec   *barcode.Codec
	pub     events.Publisher
	clock   clock.Clock
	log     *slog.Logger
}

// NewScanService wires the service.
func NewScanService(d *sql.DB, t *ticketpg.TicketStore, c *barcode.Codec, pub events.Publisher, clk clock.Clock, log *slog.Logger) *ScanService {
	return &ScanService{db: d, tickets: t, codec: c, pub: pub, clock: clk, log: log}
}

// Device loads a device registration.
func (s *ScanService) Device(ctx context.Context, id string) (Device, error) {
	var d Device
	err := s.db.QueryRowContext(ctx, `SELECT id, venue_id, COALESCE(event_id,''), gate, active FROM gate_devices WHERE id=$1`, id).
		Scan(&d.ID, &d.VenueID, &d.EventID, &d.Gate, &d.Active)
	if err == sql.ErrNoRows {
		return d, errs.NotFound("access.Device", "device", id)
	}
	return d, errs.Wrap(err, "access.Device")
}

// Scan validates a barcode presented at a gate.
func (s *ScanService) Scan(ctx context.Context, deviceID, code string) (Result, error) {
	dev, err := s.Device(ctx, deviceID)
	if err != nil {
		return Result{}, err
	}
	if !dev.Active {
		return Result{}, errs.E(errs.KindForbidden, "access.Scan", "device deactivated")
	}
	now := s.clock.Now()
	res := s.evaluate(ctx, dev, code, now)
	if err := s.record(ctx, dev, res, now, false); err != nil {
		s.log.Warn("record scan", "device", dev.ID, "err", err)
	}
	if res.Verdict == VerdictAdmit {
		_ = s.pub.Publish(ctx, model.TopicTicketScanned, res.TicketID, model.TicketScanned{TicketID: res.TicketID, EventID: dev.EventID, GateID: dev.Gate, At: now})
	}
	return res, nil
}

func (s *ScanService) evaluate(ctx context.Context, dev Device, code string, now time.Time) Result {
	p, err := s.codec.Decode(code)
	if err != nil {
		return Result{Verdict: VerdictInvalid}
	}
	if p.EventID != dev.EventID {
		return Result{Verdict: VerdictWrongEvent, TicketID: p.TicketID}
	}
	t, err := s.tickets.Get(ctx, p.TicketID)
	if err != nil {
		return Result{Verdict: VerdictInvalid, TicketID: p.TicketID}
	}
	res := Result{TicketID: t.ID, SeatLabel: t.SeatLabel}
	switch {
	case t.Version != p.Version:
		res.Verdict = VerdictOutdatedCode
	case t.Status == model.TicketStatusVoid:
		res.Verdict = VerdictVoid
	case t.Status == model.TicketStatusScanned:
		res.Verdict, res.ScannedAt = VerdictAlreadyIn, t.ScannedAt
	default:
		ok, err := s.tickets.MarkScanned(ctx, t.ID, t.Version, now)
		if err != nil || !ok {
			res.Verdict = VerdictAlreadyIn
			return res
		}
		res.Verdict, res.ScannedAt = VerdictAdmit, now
	}
	return res
}

func (s *ScanService) record(ctx context.Context, dev Device, r Result, at time.Time, offline bool) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO gate_scans (id, device_id, event_id, gate, ticket_id, verdict, offline, at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`, ids.New(ids.PrefixScan), dev.ID, dev.EventID, dev.Gate, r.TicketID, string(r.Verdict), offline, at)
	return err
}

// OfflineScan is a scan made while the device had no connectivity.
type OfflineScan struct {
	Code string    `json:"code"`
	At   time.Time `json:"at"`
}

// ReplayOffline applies scans uploaded by a device after reconnecting.
// The device already admitted the fans; conflicts are only recorded.
func (s *ScanService) ReplayOffline(ctx context.Context, deviceID string, scans []OfflineScan) (admitted, conflicts int, err error) {
	dev, err := s.Device(ctx, deviceID)
	if err != nil {
		return 0, 0, err
	}
	for _, sc := range scans {
		r := s.evaluate(ctx, dev, sc.Code, sc.At)
		if r.Verdict == VerdictAdmit {
			admitted++
		} else {
			conflicts++
		}
		if err := s.record(ctx, dev, r, sc.At, true); err != nil {
			return admitted, conflicts, errs.Wrap(err, "access.ReplayOffline")
		}
	}
	return admitted, conflicts, nil
}
