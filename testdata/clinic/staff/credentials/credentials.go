// Package credentials tracks licenses and registrations (state medical
// license, DEA registration, nursing and pharmacist licenses) and answers
// "may this person do X today".
package credentials

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/acme/clinic/pkg/database"
	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/errs"
	"github.com/acme/clinic/pkg/timeutil"
)

type Type string

const (
	MedicalLicense    Type = "medical_license"
	DEARegistration   Type = "dea"
	NursingLicense    Type = "nursing_license"
	PharmacistLicense Type = "pharmacist_license"
	PhlebotomyCert    Type = "phlebotomy_cert"
)

var (
	ErrMissing = errors.New("credential missing or unverified")
	ErrExpired = errors.New("credential expired")
)

type Credential struct {
	ID         int64
	StaffID    domain.StaffID
	Type       Type
	Number     string
	Issuer     string
	IssuedOn   time.Time
	ExpiresOn  time.Time
	VerifiedAt *time.Time
}

func (c Credential) ValidAt(t time.Time) bool {
	return c.VerifiedAt != nil && !t.Before(c.IssuedOn) && t.Before(c.ExpiresOn)
}

// ValidateDEANumber checks the format and check digit of a DEA number:
// two letters then seven digits, where the last digit is the last digit
// of (d1+d3+d5) + 2*(d2+d4+d6).
func ValidateDEANumber(n string) error {
	n = strings.ToUpper(strings.TrimSpace(n))
	if len(n) != 9 {
		return fmt.Errorf("DEA number must be 9 characters, got %d", len(n))
	}
	if !strings.ContainsRune("ABCDEFGHJKLMPRSTUX", rune(n[0])) || !(n[1] >= 'A' && n[1] <= 'Z' || n[1] == '9') {
		return fmt.Errorf("DEA number %s has an invalid prefix", n)
	}
	var d [7]int
	for i := 0; i < 7; i++ {
		c := n[2+i]
		if c < '0' || c > '9' {
			return fmt.Errorf("DEA number %s: position %d is not a digit", n, i+3)
		}
		d[i] = int(c - '0')
	}
	sum := d[0] + d[2] + d[4] + 2*(d[1]+d[3]+d[5])
	if sum%10 != d[6] {
		return fmt.Errorf("DEA number %s fails its check digit", n)
	}
	return nil
}

// Store persists credentials in staff_credentials.
type Store struct{ db *sql.DB }

func NewStore(db *sql.DB) *Store { return &Store{db: db} }

func (s *Store) ForStaff(ctx context.Context, id domain.StaffID) ([]Credential, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, staff_id, type, number, issuer, issued_on, expires_on, verified_at
		FROM staff_credentials WHERE staff_id = ? ORDER BY expires_on DESC`, string(id))
	if err != nil {
		return nil, errs.Wrap("credentials.ForStaff", err)
	}
	return collect(rows)
}

func collect(rows *sql.Rows) ([]Credential, error) {
	defer rows.Close()
	var out []Credential
	for rows.Next() {
		var c Credential
		var sid, typ string
		var verified sql.NullTime
		if err := rows.Scan(&c.ID, &sid, &typ, &c.Number, &c.Issuer, &c.IssuedOn, &c.ExpiresOn, &verified); err != nil {
			return nil, err
		}
		c.StaffID, c.Type, c.VerifiedAt = domain.StaffID(sid), Type(typ), database.TimePtr(verified)
		out = append(out, c)
	}
	return out, rows.Err()
}

func (s *Store) Add(ctx context.Context, c Credential) (int64, error) {
	const op errs.Op = "credentials.Add"
	if c.Type == DEARegistration {
		if err := ValidateDEANumber(c.Number); err != nil {
			return 0, errs.E(op, errs.KindInvalid, err)
		}
	}
	if !c.ExpiresOn.After(c.IssuedOn) {
		return 0, errs.New(op, errs.KindInvalid, "expiry must be after issue date")
	}
	res, err := s.db.ExecContext(ctx, `INSERT INTO staff_credentials (staff_id, type, number, issuer, issued_on, expires_on, verified_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, string(c.StaffID), string(c.Type), c.Number, c.Issuer, c.IssuedOn, c.ExpiresOn, c.VerifiedAt)
	if err != nil {
		return 0, errs.Wrap(op, err)
	}
	return res.LastInsertId()
}

// Checker answers credential questions for the rest of staff.
type Checker struct {
	store *Store
	clock timeutil.Clock
}

func NewChecker(store *Store, clock timeutil.Clock) *Checker {
	return &Checker{store: store, clock: clock}
}

// Require returns the current valid credential of the given type.
func (c *Checker) Require(ctx context.Context, id domain.StaffID, typ Type) (Credential, error) {
	const op errs.Op = "credentials.Require"
	list, err := c.store.ForStaff(ctx, id)
	if err != nil {
		return Credential{}, errs.Wrap(op, err)
	}
	now := c.clock.Now()
	expired := false
	for _, cr := range list {
		if cr.Type != typ {
			continue
		}
		if cr.ValidAt(now) {
			return cr, nil
		}
		expired = expired || cr.VerifiedAt != nil && !now.Before(cr.ExpiresOn)
	}
	if expired {
		return Credential{}, errs.E(op, errs.KindPermission, fmt.Errorf("%w: %s", ErrExpired, typ))
	}
	return Credential{}, errs.E(op, errs.KindPermission, fmt.Errorf("%w: %s", ErrMissing, typ))
}
