package subscription

import (
	"context"
	"database/sql"
	"time"

	"github.com/dailyherald/newsroom/internal/models"
	"github.com/dailyherald/newsroom/pkg/db"
	"github.com/dailyherald/newsroom/pkg/errs"
)

type store struct{ db *sql.DB }

const cols = `id, reader_id, plan_id, status, current_period_start, current_period_end, cancel_at_period_end,
	coalesce(promo_code, ''), coalesce(payment_method_id, ''), created_at`

func scan(row interface{ Scan(...any) error }) (*models.Subscription, error) {
	var s models.Subscription
	err := row.Scan(&s.ID, &s.ReaderID, &s.PlanID, &s.Status, &s.CurrentPeriodStart, &s.CurrentPeriodEnd,
		&s.CancelAtPeriodEnd, &s.PromoCode, &s.PaymentMethodID, &s.CreatedAt)
	if db.IsNoRows(err) {
		return nil, errs.NotFoundf("subscription not found")
	}
	return &s, err
}

func (st *store) get(ctx context.Context, id string) (*models.Subscription, error) {
	return scan(st.db.QueryRowContext(ctx, `SELECT `+cols+` FROM subscriptions WHERE id = $1`, id))
}

// current returns the reader's live subscription, if any.
func (st *store) current(ctx context.Context, readerID string) (*models.Subscription, error) {
	return scan(st.db.QueryRowContext(ctx, `SELECT `+cols+` FROM subscriptions
		WHERE reader_id = $1 AND status IN ('trialing', 'active', 'past_due', 'incomplete')
		ORDER BY created_at DESC LIMIT 1`, readerID))
}

func (st *store) hadAny(ctx context.Context, readerID string) (bool, error) {
	var had bool
	err := st.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM subscriptions WHERE reader_id = $1)`, readerID).Scan(&had)
	return had, err
}

func (st *store) insert(ctx context.Context, q db.Querier, s *models.Subscription) error {
	_, err := q.ExecContext(ctx, `
		INSERT INTO subscriptions (id, reader_id, plan_id, status, current_period_start, current_period_end,
			cancel_at_period_end, promo_code, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, false, $7, $8, $8)`,
		s.ID, s.ReaderID, s.PlanID, string(s.Status), s.CurrentPeriodStart, s.CurrentPeriodEnd, db.NullString(s.PromoCode), s.CreatedAt)
	return err
}

func (st *store) setStatus(ctx context.Context, id string, status models.SubscriptionStatus) error {
	_, err := st.db.ExecContext(ctx, `UPDATE subscriptions SET status = $2, updated_at = now() WHERE id = $1`, id, string(status))
	return err
}

func (st *store) setCancelAtPeriodEnd(ctx context.Context, id string, v bool) error {
	_, err := st.db.ExecContext(ctx, `UPDATE subscriptions SET cancel_at_period_end = $2, updated_at = now() WHERE id = $1`, id, v)
	return err
}

func (st *store) advance(ctx context.Context, id, planID string, start, end time.Time, status models.SubscriptionStatus) error {
	_, err := st.db.ExecContext(ctx, `
		UPDATE subscriptions SET plan_id = $2, current_period_start = $3, current_period_end = $4, status = $5, updated_at = now()
		WHERE id = $1`, id, planID, start, end, string(status))
	return err
}

func (st *store) dueForRenewal(ctx context.Context, now time.Time, limit int) ([]models.Subscription, error) {
	rows, err := st.db.QueryContext(ctx, `SELECT `+cols+` FROM subscriptions
		WHERE status IN ('trialing', 'active') AND current_period_end <= $1
		ORDER BY current_period_end LIMIT $2`, now, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Subscription
	for rows.Next() {
		s, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *s)
	}
	return out, rows.Err()
}
