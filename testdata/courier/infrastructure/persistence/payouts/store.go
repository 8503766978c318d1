// Package payouts persists payout statements, adjustments and batches.
package payouts

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	dp "parcelgo.com/platform/domain/payouts"
	"parcelgo.com/platform/shared/db"
	"parcelgo.com/platform/shared/ids"
)

type Store struct{ db *sql.DB }

func NewStore(d *sql.DB) *Store { return &Store{db: d} }

// Work aggregates completed/failed stops from the dispatch tables and shift
// minutes from the driver tables for the period.
func (s *Store) Work(ctx context.Context, driverID string, from, to time.Time) (dp.Work, error) {
	var w dp.Work
	err := s.db.QueryRowContext(ctx,
		`SELECT
		    COUNT(*) FILTER (WHERE rs.status = 'delivered'),
		    COUNT(*) FILTER (WHERE rs.status = 'failed'),
		    COUNT(DISTINCT r.route_date)
		   FROM route_stops rs
		   JOIN routes r ON r.id = rs.route_id
		  WHERE r.driver_id = $1 AND r.route_date >= $2 AND r.route_date < $3`, driverID, from, to).
		Scan(&w.CompletedStops, &w.FailedStops, &w.Days)
	if err != nil {
		return w, err
	}
	err = s.db.QueryRowContext(ctx,
		`SELECT COALESCE(SUM(LEAST(EXTRACT(EPOCH FROM (ended_at - started_at)) / 60, 720)), 0)::int
		   FROM driver_shifts
		  WHERE driver_id = $1 AND started_at >= $2 AND started_at < $3 AND ended_at IS NOT NULL`, driverID, from, to).
		Scan(&w.ShiftMinutes)
	return w, err
}

func (s *Store) PendingAdjustments(ctx context.Context, driverID string, until time.Time) ([]dp.Adjustment, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT id, driver_id, kind, amount, currency, reason, reference, created_at
		   FROM payout_adjustments
		  WHERE driver_id = $1 AND statement_id IS NULL AND created_at < $2 ORDER BY created_at`, driverID, until)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []dp.Adjustment
	for rows.Next() {
		var a dp.Adjustment
		if err := rows.Scan(&a.ID, &a.DriverID, &a.Kind, &a.Amount.Amount, &a.Amount.Currency, &a.Reason, &a.Reference,
			&a.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func (s *Store) AddAdjustment(ctx context.Context, a dp.Adjustment) error {
	return insertAdjustment(ctx, s.db, a)
}

func insertAdjustment(ctx context.Context, q db.Querier, a dp.Adjustment) error {
	if a.ID == "" {
		a.ID = ids.New("adj")
	}
	if a.CreatedAt.IsZero() {
		a.CreatedAt = time.Now()
	}
	_, err := q.ExecContext(ctx,
		`INSERT INTO payout_adjustments (id, driver_id, kind, amount, currency, reason, reference, created_at)
		 VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
		 ON CONFLICT (driver_id, reference) WHERE reference <> '' DO NOTHING`,
		a.ID, a.DriverID, a.Kind, a.Amount.Amount, a.Amount.Currency, a.Reason, a.Reference, a.CreatedAt)
	return err
}

func (s *Store) SaveStatement(ctx context.Context, st dp.Statement) error {
	lines, err := json.Marshal(st.Lines)
	if err != nil {
		return err
	}
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO payout_statements (id, driver_id, driver_name, iban, period_start, period_end,
			        completed_stops, failed_stops, shift_minutes, lines, gross, net, currency, status, created_at)
			 VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,now())`,
			st.ID, st.DriverID, st.DriverName, st.IBAN, st.PeriodStart, st.PeriodEnd, st.Work.CompletedStops,
			st.Work.FailedStops, st.Work.ShiftMinutes, lines, st.Gross.Amount, st.Net.Amount, st.Net.Currency, st.Status); err != nil {
			return err
		}
		for _, id := range st.AdjustmentIDs {
			if _, err := tx.ExecContext(ctx,
				`UPDATE payout_adjustments SET statement_id = $1 WHERE id = $2`, st.ID, id); err != nil {
				return err
			}
		}
		if st.CarryOver != nil {
			co := *st.CarryOver
			co.Reference = "carry:" + st.ID
			co.CreatedAt = st.PeriodEnd
			return insertAdjustment(ctx, tx, co)
		}
		return nil
	})
}

func (s *Store) Statements(ctx context.Context, from, to time.Time, status dp.Status) ([]dp.Statement, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT id, driver_id, driver_name, iban, period_start, period_end, completed_stops, failed_stops,
		        shift_minutes, lines, gross, net, currency, status, COALESCE(batch_id, '')
		   FROM payout_statements
		  WHERE period_start >= $1 AND period_end <= $2 AND status = $3 ORDER BY driver_name`, from, to, status)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []dp.Statement
	for rows.Next() {
		var st dp.Statement
		var lines []byte
		var cur string
		if err := rows.Scan(&st.ID, &st.DriverID, &st.DriverName, &st.IBAN, &st.PeriodStart, &st.PeriodEnd,
			&st.Work.CompletedStops, &st.Work.FailedStops, &st.Work.ShiftMinutes, &lines, &st.Gross.Amount,
			&st.Net.Amount, &cur, &st.Status, &st.BatchID); err != nil {
			return nil, err
		}
		st.Gross.Currency, st.Net.Currency = cur, cur
		if err := json.Unmarshal(lines, &st.Lines); err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

func (s *Store) MarkPaid(ctx context.Context, statementIDs []string, batchID string) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO payout_batches (id, statement_count, created_at) VALUES ($1, $2, now())`,
			batchID, len(statementIDs)); err != nil {
			return err
		}
		for _, id := range statementIDs {
			if _, err := tx.ExecContext(ctx,
				`UPDATE payout_statements SET status = 'paid', batch_id = $2 WHERE id = $1 AND status = 'approved'`,
				id, batchID); err != nil {
				return err
			}
		}
		return nil
	})
}
