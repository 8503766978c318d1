package payments

import (
	"context"

	"github.com/keystoneprop/platform/internal/db"
	"github.com/keystoneprop/platform/internal/errs"
	"github.com/keystoneprop/platform/internal/ids"
	"github.com/keystoneprop/platform/internal/models"
)

func (s *Service) AddMethod(ctx context.Context, tenantID, routing, account, holder string) (models.PaymentMethod, error) {
	if len(routing) != 9 || len(account) < 4 {
		return models.PaymentMethod{}, errs.E(errs.Invalid, "invalid bank details")
	}
	tok, err := s.gw.Tokenize(ctx, routing, account, holder)
	if err != nil {
		return models.PaymentMethod{}, errs.Wrap(err, errs.Unavailable, "tokenize")
	}
	m := models.PaymentMethod{ID: ids.New("pm"), TenantID: tenantID, Kind: models.MethodACH,
		Last4: account[len(account)-4:], GatewayRef: tok}
	var n int
	_ = s.conn.QueryRowContext(ctx, `SELECT count(*) FROM payment_methods WHERE tenant_id = $1 AND removed_at IS NULL`, tenantID).Scan(&n)
	m.IsDefault = n == 0
	_, err = s.conn.ExecContext(ctx, `INSERT INTO payment_methods (id, tenant_id, kind, last4, gateway_ref, is_default, created_at)
		VALUES ($1,$2,$3,$4,$5,$6, now())`, m.ID, m.TenantID, m.Kind, m.Last4, m.GatewayRef, m.IsDefault)
	return m, err
}

func (s *Service) Method(ctx context.Context, id string) (models.PaymentMethod, error) {
	var m models.PaymentMethod
	err := s.conn.QueryRowContext(ctx, `SELECT id, tenant_id, kind, last4, gateway_ref, is_default
		FROM payment_methods WHERE id = $1 AND removed_at IS NULL`, id).
		Scan(&m.ID, &m.TenantID, &m.Kind, &m.Last4, &m.GatewayRef, &m.IsDefault)
	return m, db.Check(err, "payment method")
}

func (s *Service) Methods(ctx context.Context, tenantID string) ([]models.PaymentMethod, error) {
	rows, err := s.conn.QueryContext(ctx, `SELECT id, tenant_id, kind, last4, is_default FROM payment_methods
		WHERE tenant_id = $1 AND removed_at IS NULL ORDER BY is_default DESC, created_at`, tenantID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.PaymentMethod
	for rows.Next() {
		var m models.PaymentMethod
		if err := rows.Scan(&m.ID, &m.TenantID, &m.Kind, &m.Last4, &m.IsDefault); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func (s *Service) RemoveMethod(ctx context.Context, tenantID, id string) error {
	res, err := s.conn.ExecContext(ctx, `UPDATE payment_methods SET removed_at = now(), is_default = false
		WHERE id = $1 AND tenant_id = $2 AND removed_at IS NULL`, id, tenantID)
	return db.MustAffect(res, err, "payment method")
}
