// Package sites holds supply points (premises) attached to an account and
// validates the industry supply numbers: MPAN cores for electricity and
// MPRNs for gas.
package sites

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"gridline.energy/platform/core/db"
	"gridline.energy/platform/core/models"
	"gridline.energy/platform/core/util"
	"gridline.energy/platform/kit/errs"
	"gridline.energy/platform/kit/ids"
)

// Typical domestic consumption values used when the industry gives no EAC.
const (
	DefaultElecEAC = 2700.0
	DefaultGasEAC  = 11500.0
)

var mpanPrimes = [12]int{3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43}

// ValidMPANCore checks the 13-digit MPAN core's final check digit.
func ValidMPANCore(core string) bool {
	if len(core) != 13 {
		return false
	}
	sum := 0
	for i := 0; i < 12; i++ {
		c := core[i]
		if c < '0' || c > '9' {
			return false
		}
		sum += int(c-'0') * mpanPrimes[i]
	}
	return byte('0'+sum%11%10) == core[12]
}

func ValidMPRN(mprn string) bool {
	return len(mprn) >= 6 && len(mprn) <= 10 && util.DigitsOnly(mprn) == mprn
}

type Store struct{ db *sql.DB }

func NewStore(d *sql.DB) *Store { return &Store{db: d} }

const siteCols = `id, account_id, line1, line2, town, postcode, fuel, mpan, mprn, supply_start, supply_end, eac_kwh`

func scanSite(row interface{ Scan(...any) error }) (models.Site, error) {
	var s models.Site
	var start, end sql.NullTime
	var mpan, mprn sql.NullString
	err := row.Scan(&s.ID, &s.AccountID, &s.Address.Line1, &s.Address.Line2, &s.Address.Town,
		&s.Address.Postcode, &s.Fuel, &mpan, &mprn, &start, &end, &s.EAC)
	s.MPAN, s.MPRN = mpan.String, mprn.String
	s.SupplyStart, s.SupplyEnd = db.TimePtr(start), db.TimePtr(end)
	return s, err
}

func (st *Store) Get(ctx context.Context, id string) (models.Site, error) {
	s, err := scanSite(st.db.QueryRowContext(ctx, `SELECT `+siteCols+` FROM sites WHERE id = $1`, id))
	if db.IsNoRows(err) {
		return s, errs.NotFound("sites.Get", "site %s", id)
	}
	return s, err
}

func (st *Store) BySupplyNumber(ctx context.Context, number string) (models.Site, error) {
	s, err := scanSite(st.db.QueryRowContext(ctx,
		`SELECT `+siteCols+` FROM sites WHERE mpan = $1 OR mprn = $1 ORDER BY supply_start DESC NULLS FIRST LIMIT 1`, number))
	if db.IsNoRows(err) {
		return s, errs.NotFound("sites.BySupplyNumber", "supply number %s", number)
	}
	return s, err
}

func (st *Store) ForAccount(ctx context.Context, accountID string) ([]models.Site, error) {
	rows, err := st.db.QueryContext(ctx, `SELECT `+siteCols+` FROM sites WHERE account_id = $1 ORDER BY fuel`, accountID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Site
	for rows.Next() {
		s, err := scanSite(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func (st *Store) insert(ctx context.Context, s models.Site) error {
	_, err := st.db.ExecContext(ctx, `
		INSERT INTO sites (id, account_id, line1, line2, town, postcode, fuel, mpan, mprn, eac_kwh)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		s.ID, s.AccountID, s.Address.Line1, s.Address.Line2, s.Address.Town, s.Address.Postcode,
		s.Fuel, db.NullString(s.MPAN), db.NullString(s.MPRN), s.EAC)
	return err
}

func (st *Store) SetSupplyStart(ctx context.Context, id string, at time.Time) error {
	_, err := st.db.ExecContext(ctx, `UPDATE sites SET supply_start = $2 WHERE id = $1`, id, at)
	return err
}

type Service struct{ store *Store }

func NewService(s *Store) *Service { return &Service{store: s} }

// Add registers a premises on an account. The same supply number may not be
// live on two accounts at once.
func (s *Service) Add(ctx context.Context, site models.Site) (models.Site, error) {
	const op = "sites.Add"
	site.Address.Postcode = util.NormalisePostcode(site.Address.Postcode)
	if site.Address.Postcode == "" {
		return site, errs.Invalid(op, "invalid postcode")
	}
	switch site.Fuel {
	case models.Electricity:
		site.MPAN = util.DigitsOnly(site.MPAN)
		if len(site.MPAN) == 21 { // full MPAN: take the core
			site.MPAN = site.MPAN[8:]
		}
		if !ValidMPANCore(site.MPAN) {
			return site, errs.Invalid(op, "MPAN %s fails check digit", site.MPAN)
		}
		site.MPRN = ""
		if site.EAC == 0 {
			site.EAC = DefaultElecEAC
		}
	case models.Gas:
		site.MPRN = strings.TrimSpace(site.MPRN)
		if !ValidMPRN(site.MPRN) {
			return site, errs.Invalid(op, "MPRN %s is not valid", site.MPRN)
		}
		site.MPAN = ""
		if site.EAC == 0 {
			site.EAC = DefaultGasEAC
		}
	default:
		return site, errs.Invalid(op, "fuel must be electricity or gas")
	}
	if existing, err := s.store.BySupplyNumber(ctx, site.SupplyNumber()); err == nil {
		if existing.SupplyEnd == nil && existing.AccountID != site.AccountID {
			return site, errs.Conflict(op, "supply %s is live on another account", site.SupplyNumber())
		}
	} else if !errs.Is(err, errs.KindNotFound) {
		return site, err
	}
	site.ID = ids.New(ids.PrefixSite)
	return site, s.store.insert(ctx, site)
}

func (s *Service) Get(ctx context.Context, id string) (models.Site, error) {
	return s.store.Get(ctx, id)
}

func (s *Service) ForAccount(ctx context.Context, accountID string) ([]models.Site, error) {
	return s.store.ForAccount(ctx, accountID)
}

func (s *Service) BySupplyNumber(ctx context.Context, n string) (models.Site, error) {
	return s.store.BySupplyNumber(ctx, n)
}

func (s *Service) StartSupply(ctx context.Context, id string, at time.Time) error {
	return s.store.SetSupplyStart(ctx, id, at)
}
