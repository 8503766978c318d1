// Package media tracks photo and video assets and their licensing. Assets are
// registered by the picture desk's DAM sync, which writes media_assets directly.
package media

import (
	"context"
	"database/sql"
	"time"

	"github.com/dailyherald/newsroom/internal/models"
	"github.com/dailyherald/newsroom/pkg/clock"
	"github.com/dailyherald/newsroom/pkg/db"
	"github.com/dailyherald/newsroom/pkg/errs"
)

type Service struct {
	DB    *sql.DB
	Clock clock.Clock
}

func (s *Service) Get(ctx context.Context, id string) (*models.MediaAsset, error) {
	var a models.MediaAsset
	var expiry sql.NullTime
	err := s.DB.QueryRowContext(ctx,
		`SELECT id, url, caption, credit, license_expiry, uploaded_by FROM media_assets WHERE id = $1`, id).
		Scan(&a.ID, &a.URL, &a.Caption, &a.Credit, &expiry, &a.UploadedBy)
	if db.IsNoRows(err) {
		return nil, errs.NotFoundf("media asset %s not found", id)
	}
	if expiry.Valid {
		a.LicenseExpiry = &expiry.Time
	}
	return &a, err
}

// CheckUsable rejects assets whose licence has expired; used before publishing.
func (s *Service) CheckUsable(ctx context.Context, id string) error {
	if id == "" {
		return nil
	}
	a, err := s.Get(ctx, id)
	if err != nil {
		return err
	}
	if a.LicenseExpiry != nil && a.LicenseExpiry.Before(s.Clock.Now()) {
		return errs.Conflictf("licence for media %s expired on %s", id, a.LicenseExpiry.Format(time.DateOnly))
	}
	return nil
}

// ExpiringSoon lists published hero images whose licence lapses within d.
func (s *Service) ExpiringSoon(ctx context.Context, d time.Duration) ([]models.MediaAsset, error) {
	rows, err := s.DB.QueryContext(ctx, `
		SELECT m.id, m.url, m.caption, m.credit, m.license_expiry, m.uploaded_by
		FROM media_assets m JOIN articles a ON a.hero_media_id = m.id
		WHERE a.status = 'published' AND m.license_expiry BETWEEN now() AND $1`, s.Clock.Now().Add(d))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.MediaAsset
	for rows.Next() {
		var a models.MediaAsset
		var exp time.Time
		if err := rows.Scan(&a.ID, &a.URL, &a.Caption, &a.Credit, &exp, &a.UploadedBy); err != nil {
			return nil, err
		}
		a.LicenseExpiry = &exp
		out = append(out, a)
	}
	return out, rows.Err()
}
