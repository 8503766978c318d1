// Package merchant is the PostgreSQL store for merchants, contracts and keys.
package merchant

import (
	"context"
	"database/sql"
	"strings"

	dm "parcelgo.com/platform/domain/merchant"
	"parcelgo.com/platform/domain/model"
	"parcelgo.com/platform/shared/db"
	"parcelgo.com/platform/shared/errs"
)

type Store struct{ db *sql.DB }

func NewStore(d *sql.DB) *Store { return &Store{db: d} }

const merchantCols = `id, name, billing_email, vat_number, status, credit_limit, currency,
	pickup_line1, pickup_city, pickup_postal_code, pickup_country, created_at`

func scanMerchant(row interface{ Scan(...any) error }) (dm.Merchant, error) {
	var m dm.Merchant
	var vat sql.NullString
	err := row.Scan(&m.ID, &m.Name, &m.BillingEmail, &vat, &m.Status, &m.CreditLimit.Amount, &m.CreditLimit.Currency,
		&m.PickupAddress.Line1, &m.PickupAddress.City, &m.PickupAddress.PostalCode, &m.PickupAddress.Country, &m.CreatedAt)
	m.VATNumber = vat.String
	return m, err
}

func (s *Store) Get(ctx context.Context, id string) (dm.Merchant, error) {
	m, err := scanMerchant(s.db.QueryRowContext(ctx, `SELECT `+merchantCols+` FROM merchants WHERE id = $1`, id))
	return m, db.NotFound(err, "merchant")
}

func (s *Store) Create(ctx context.Context, m dm.Merchant, key dm.APIKey) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx,
			`INSERT INTO merchants (id, name, billing_email, vat_number, status, credit_limit, currency,
			    pickup_line1, pickup_city, pickup_postal_code, pickup_country, created_at)
			 VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
			m.ID, m.Name, m.BillingEmail, db.NullString(m.VATNumber), m.Status, m.CreditLimit.Amount, m.CreditLimit.Currency,
			m.PickupAddress.Line1, m.PickupAddress.City, m.PickupAddress.PostalCode, m.PickupAddress.Country, m.CreatedAt)
		if db.IsUniqueViolation(err) {
			return errs.Conflict("merchant with this billing email already exists")
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx,
			`INSERT INTO merchant_api_keys (id, merchant_id, prefix, key_hash, created_at) VALUES ($1,$2,$3,$4,$5)`,
			key.ID, key.MerchantID, key.Prefix, key.Hash, key.CreatedAt)
		return err
	})
}

func (s *Store) UpdateStatus(ctx context.Context, id string, st dm.Status, reason string) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE merchants SET status = $2, updated_at = now() WHERE id = $1`, id, st)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.NotFound("merchant not found")
		}
		_, err = tx.ExecContext(ctx,
			`INSERT INTO merchant_status_history (merchant_id, status, reason, changed_at) VALUES ($1,$2,$3,now())`,
			id, st, reason)
		return err
	})
}

func (s *Store) Contracts(ctx context.Context, merchantID string) ([]dm.Contract, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT id, merchant_id, rate_card_id, valid_from, valid_to, payment_terms_days,
		        discount_bps, monthly_commit, service_levels, returns_included
		   FROM merchant_contracts WHERE merchant_id = $1 ORDER BY valid_from DESC`, merchantID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []dm.Contract
	for rows.Next() {
		var c dm.Contract
		var to sql.NullTime
		var levels string
		if err := rows.Scan(&c.ID, &c.MerchantID, &c.RateCardID, &c.ValidFrom, &to, &c.PaymentTermsDays,
			&c.DiscountBps, &c.MonthlyCommit, &levels, &c.ReturnsIncluded); err != nil {
			return nil, err
		}
		c.ValidTo = db.TimePtr(to)
		for _, l := range strings.Split(levels, ",") {
			if l != "" {
				c.ServiceLevels = append(c.ServiceLevels, model.ServiceLevel(l))
			}
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (s *Store) SaveContract(ctx context.Context, c dm.Contract) error {
	levels := make([]string, len(c.ServiceLevels))
	for i, l := range c.ServiceLevels {
		levels[i] = string(l)
	}
	var to sql.NullTime
	if c.ValidTo != nil {
		to = db.NullTime(*c.ValidTo)
	}
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO merchant_contracts (id, merchant_id, rate_card_id, valid_from, valid_to, payment_terms_days,
		        discount_bps, monthly_commit, service_levels, returns_included)
		 VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)
		 ON CONFLICT (id) DO UPDATE SET valid_to = EXCLUDED.valid_to, discount_bps = EXCLUDED.discount_bps,
		        service_levels = EXCLUDED.service_levels, returns_included = EXCLUDED.returns_included`,
		c.ID, c.MerchantID, c.RateCardID, c.ValidFrom, to, c.PaymentTermsDays, c.DiscountBps, c.MonthlyCommit,
		strings.Join(levels, ","), c.ReturnsIncluded)
	return err
}

func (s *Store) MerchantIDForKeyHash(ctx context.Context, hash string) (string, error) {
	var id string
	err := s.db.QueryRowContext(ctx,
		`SELECT k.merchant_id FROM merchant_api_keys k
		   JOIN merchants m ON m.id = k.merchant_id
		  WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND m.status <> 'suspended'`, hash).Scan(&id)
	if err == nil {
		_, _ = s.db.ExecContext(ctx, `UPDATE merchant_api_keys SET last_used_at = now() WHERE key_hash = $1`, hash)
	}
	return id, db.NotFound(err, "api key")
}
