package outages

import (
	"context"
	"strings"

	"gridline.energy/platform/core/db"
	"gridline.energy/platform/core/models"
)

type affectedSite struct {
	SiteID    string
	AccountID string
	Phone     string
	Medical   bool
	PSR       bool
}

// findAffected lists our live supply points in the given postcode districts,
// with the account holder's phone and PSR status so vulnerable customers can
// be called first. One query instead of three service round trips: this runs
// while the phones are ringing.
func (s *Service) findAffected(ctx context.Context, fuel models.Fuel, districts []string) ([]affectedSite, error) {
	args := []any{fuel}
	args = append(args, db.StringArgs(districts)...)
	rows, err := s.db.QueryContext(ctx, `
		SELECT st.id, a.id, COALESCE(c.phone, ''),
		       COALESCE(bool_or(p.medical), false), count(p.need_code) > 0
		FROM sites st
		JOIN accounts a ON a.id = st.account_id AND a.status IN ('active', 'final')
		JOIN customers c ON c.id = a.customer_id
		LEFT JOIN priority_register p ON p.account_id = a.id AND (p.expires_at IS NULL OR p.expires_at > now())
		WHERE st.fuel = $1 AND st.supply_end IS NULL
		  AND split_part(st.postcode, ' ', 1) IN (`+db.Placeholders(len(districts), 2)+`)
		GROUP BY st.id, a.id, c.phone
		ORDER BY 4 DESC, 5 DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []affectedSite
	for rows.Next() {
		var a affectedSite
		if err := rows.Scan(&a.SiteID, &a.AccountID, &a.Phone, &a.Medical, &a.PSR); err != nil {
			return nil, err
		}
		a.Phone = strings.TrimSpace(a.Phone)
		out = append(out, a)
	}
	return out, rows.Err()
}
