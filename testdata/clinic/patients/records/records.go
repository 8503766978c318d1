// Package records is the clinical record: notes, diagnoses, vitals and
// immunizations. Entries are append-only; corrections are amendments that
// point at the entry they replace.
package records

import (
	"context"
	"database/sql"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/errs"
	"github.com/acme/clinic/pkg/timeutil"
)

type Kind string

const (
	KindNote         Kind = "note"
	KindDiagnosis    Kind = "diagnosis"
	KindVital        Kind = "vital"
	KindImmunization Kind = "immunization"
)

// Entry is one line of a patient's chart.
type Entry struct {
	ID        int64
	PatientID domain.PatientID
	AuthorID  domain.StaffID
	Kind      Kind
	Code      string // ICD-10 for diagnoses, CVX for immunizations
	Body      string
	AmendsID  *int64
	CreatedAt time.Time
}

var icd10 = regexp.MustCompile(`^[A-TV-Z][0-9][0-9AB](\.[0-9A-TV-Z]{1,4})?$`)

// Store persists entries in patient_records.
type Store struct{ db *sql.DB }

func NewStore(db *sql.DB) *Store { return &Store{db: db} }

func (s *Store) Append(ctx context.Context, e Entry) (int64, error) {
	res, err := s.db.ExecContext(ctx, `INSERT INTO patient_records
		(patient_id, author_id, kind, code, body, amends_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		string(e.PatientID), string(e.AuthorID), string(e.Kind), e.Code, e.Body, e.AmendsID, e.CreatedAt)
	if err != nil {
		return 0, errs.Wrap("records.Store.Append", err)
	}
	return res.LastInsertId()
}

func (s *Store) List(ctx context.Context, patient domain.PatientID) ([]Entry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, patient_id, author_id, kind, code, body, amends_id, created_at
		FROM patient_records WHERE patient_id = ? ORDER BY created_at DESC`, string(patient))
	if err != nil {
		return nil, errs.Wrap("records.Store.List", err)
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		var e Entry
		var pid, aid, kind string
		var amends sql.NullInt64
		if err := rows.Scan(&e.ID, &pid, &aid, &kind, &e.Code, &e.Body, &amends, &e.CreatedAt); err != nil {
			return nil, err
		}
		e.PatientID, e.AuthorID, e.Kind = domain.PatientID(pid), domain.StaffID(aid), Kind(kind)
		if amends.Valid {
			v := amends.Int64
			e.AmendsID = &v
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Service holds the chart rules.
type Service struct {
	store *Store
	clock timeutil.Clock
}

func NewService(store *Store, clock timeutil.Clock) *Service {
	return &Service{store: store, clock: clock}
}

func (s *Service) AddNote(ctx context.Context, patient domain.PatientID, author domain.StaffID, body string) (int64, error) {
	const op errs.Op = "records.AddNote"
	body = strings.TrimSpace(body)
	if body == "" {
		return 0, errs.New(op, errs.KindInvalid, "note body is empty")
	}
	return s.store.Append(ctx, Entry{PatientID: patient, AuthorID: author, Kind: KindNote, Body: body, CreatedAt: s.clock.Now()})
}

func (s *Service) AddDiagnosis(ctx context.Context, patient domain.PatientID, author domain.StaffID, code, note string) (int64, error) {
	const op errs.Op = "records.AddDiagnosis"
	code = strings.ToUpper(strings.TrimSpace(code))
	if !icd10.MatchString(code) {
		return 0, errs.Errorf(op, errs.KindInvalid, "%q is not an ICD-10 code", code)
	}
	return s.store.Append(ctx, Entry{PatientID: patient, AuthorID: author, Kind: KindDiagnosis, Code: code, Body: note, CreatedAt: s.clock.Now()})
}

// Timeline returns the chart with amended entries replaced by their
// latest amendment, newest first.
func (s *Service) Timeline(ctx context.Context, patient domain.PatientID) ([]Entry, error) {
	all, err := s.store.List(ctx, patient)
	if err != nil {
		return nil, errs.Wrap("records.Timeline", err)
	}
	superseded := make(map[int64]bool)
	for _, e := range all {
		if e.AmendsID != nil {
			superseded[*e.AmendsID] = true
		}
	}
	out := all[:0]
	for _, e := range all {
		if !superseded[e.ID] {
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].CreatedAt.After(out[j].CreatedAt) })
	return out, nil
}
