// Package slot manages the inventory of ad placements on site and in apps.
package slot

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/dailyherald/newsroom/internal/models"
	"github.com/dailyherald/newsroom/pkg/db"
	"github.com/dailyherald/newsroom/pkg/errs"
)

type Service struct{ DB *sql.DB }

const cols = `id, code, placement, width, height, floor_cpm_cents, currency, active`

func scan(row interface{ Scan(...any) error }) (*models.AdSlot, error) {
	var s models.AdSlot
	err := row.Scan(&s.ID, &s.Code, &s.Placement, &s.Width, &s.Height, &s.FloorCPM.Cents, &s.FloorCPM.Currency, &s.Active)
	if db.IsNoRows(err) {
		return nil, errs.NotFoundf("ad slot not found")
	}
	return &s, err
}

func (s *Service) ByCode(ctx context.Context, code string) (*models.AdSlot, error) {
	return scan(s.DB.QueryRowContext(ctx, `SELECT `+cols+` FROM ad_slots WHERE code = $1`, code))
}

// Size is the "WxH" string creatives are matched on.
func Size(sl *models.AdSlot) string { return fmt.Sprintf("%dx%d", sl.Width, sl.Height) }
