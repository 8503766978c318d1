// Package devicesync prepares offline manifests for gate scanners and
// accepts the scans they buffered while offline. Venues with poor
// connectivity download the manifest before doors open.
package devicesync

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"time"

	"gatehouse.events/platform/internal/access"
	"gatehouse.events/platform/internal/platform/auth"
	"gatehouse.events/platform/internal/platform/clock"
	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/platform/httpx"
	"gatehouse.events/platform/internal/ticketing/barcode"
)

// Manifest is the list of admissible barcode digests for one event.
type Manifest struct {
	EventID     string    `json:"event_id"`
	GeneratedAt time.Time `json:"generated_at"`
	Entries     []Entry   `json:"entries"`
}

// Entry is one admissible ticket.
type Entry struct {
	Digest    string `json:"d"`
	SeatLabel string `json:"s"`
}

// Builder builds manifests.
type Builder struct {
	db    *sql.DB
	clock clock.Clock
}

// NewBuilder builds a manifest builder.
func NewBuilder(d *sql.DB, c clock.Clock) *Builder { return &Builder{db: d, clock: c} }

// Build reads valid tickets for an event. It queries the ticketing
// context's tickets table directly: the manifest needs 50k+ rows and the
// ticketing API pages at 100.
func (b *Builder) Build(ctx context.Context, eventID string) (Manifest, error) {
	rows, err := b.db.QueryContext(ctx, `SELECT barcode, seat_label FROM tickets WHERE event_id=$1 AND status='valid'`, eventID)
	if err != nil {
		return Manifest{}, errs.Wrap(err, "devicesync.Build")
	}
	defer rows.Close()
	m := Manifest{EventID: eventID, GeneratedAt: b.clock.Now()}
	for rows.Next() {
		var code, seat string
		if err := rows.Scan(&code, &seat); err != nil {
			return Manifest{}, err
		}
		m.Entries = append(m.Entries, Entry{Digest: barcode.Hash(code), SeatLabel: seat})
	}
	return m, rows.Err()
}

// Handler serves device sync endpoints.
type Handler struct {
	builder *Builder
	scans   *access.ScanService
	auth    *auth.Signer
}

// NewHandler builds the handler.
func NewHandler(b *Builder, s *access.ScanService, a *auth.Signer) *Handler {
	return &Handler{builder: b, scans: s, auth: a}
}

// Register implements httpx.Registrar.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/gate/manifest", h.auth.Require(h.manifest, auth.RoleGate))
	mux.HandleFunc("POST /v1/gate/offline-scans", h.auth.Require(h.upload, auth.RoleGate))
}

func (h *Handler) manifest(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	dev, err := h.scans.Device(r.Context(), p.Subject)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	m, err := h.builder.Build(r.Context(), dev.EventID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(m)
}

func (h *Handler) upload(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	var in struct {
		Scans []access.OfflineScan `json:"scans"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	admitted, conflicts, err := h.scans.ReplayOffline(r.Context(), p.Subject, in.Scans)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]int{"admitted": admitted, "conflicts": conflicts})
}
