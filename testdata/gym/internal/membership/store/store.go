// Package store persists members and memberships.
package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/pulsefit/clubs/internal/models"
	"github.com/pulsefit/clubs/pkg/db"
	"github.com/pulsefit/clubs/pkg/errs"
	"github.com/pulsefit/clubs/pkg/money"
)

type Store struct{ db *sql.DB }

func New(conn *sql.DB) *Store { return &Store{db: conn} }

func (s *Store) DB() *sql.DB { return s.db }

const memberCols = `id, home_club_id, first_name, last_name, email, phone, date_of_birth, status, marketing_ok, joined_at`

func scanMember(row interface{ Scan(...any) error }) (models.Member, error) {
	var m models.Member
	err := row.Scan(&m.ID, &m.HomeClubID, &m.FirstName, &m.LastName, &m.Email, &m.Phone,
		&m.DateOfBirth, &m.Status, &m.MarketingOK, &m.JoinedAt)
	return m, err
}

func (s *Store) InsertMember(ctx context.Context, q db.Querier, m models.Member) error {
	_, err := q.ExecContext(ctx, `INSERT INTO members (`+memberCols+`) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
		m.ID, m.HomeClubID, m.FirstName, m.LastName, m.Email, m.Phone, m.DateOfBirth, m.Status, m.MarketingOK, m.JoinedAt)
	return err
}

func (s *Store) GetMember(ctx context.Context, id string) (models.Member, error) {
	m, err := scanMember(s.db.QueryRowContext(ctx, `SELECT `+memberCols+` FROM members WHERE id = $1`, id))
	return m, db.NotFound(err, "member")
}

func (s *Store) MemberByEmail(ctx context.Context, email string) (models.Member, error) {
	m, err := scanMember(s.db.QueryRowContext(ctx, `SELECT `+memberCols+` FROM members WHERE lower(email) = lower($1)`, email))
	return m, db.NotFound(err, "member")
}

func (s *Store) SearchMembers(ctx context.Context, clubID, term string, limit, offset int) ([]models.Member, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+memberCols+` FROM members
		WHERE home_club_id = $1 AND (first_name ILIKE $2 OR last_name ILIKE $2 OR email ILIKE $2)
		ORDER BY last_name, first_name LIMIT $3 OFFSET $4`, clubID, "%"+term+"%", limit, offset)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Member
	for rows.Next() {
		m, err := scanMember(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func (s *Store) SetMemberStatus(ctx context.Context, q db.Querier, id string, st models.MemberStatus) error {
	res, err := q.ExecContext(ctx, `UPDATE members SET status = $2, updated_at = now() WHERE id = $1`, id, st)
	if err != nil {
		return err
	}
	return db.RowsAffected(res, "member")
}

func (s *Store) InsertMembership(ctx context.Context, q db.Querier, ms models.Membership) error {
	_, err := q.ExecContext(ctx, `INSERT INTO memberships (id, member_id, plan_id, club_id, status, start_date, renews_on)
		VALUES ($1,$2,$3,$4,$5,$6,$7)`, ms.ID, ms.MemberID, ms.PlanID, ms.ClubID, ms.Status, ms.StartDate, ms.RenewsOn)
	return err
}

// CurrentMembership returns the live membership of a member with its plan.
func (s *Store) CurrentMembership(ctx context.Context, memberID string) (models.Membership, error) {
	var ms models.Membership
	var p models.Plan
	var end sql.NullTime
	var fee, join int64
	var cur string
	err := s.db.QueryRowContext(ctx, `
		SELECT ms.id, ms.member_id, ms.plan_id, ms.club_id, ms.status, ms.start_date, ms.end_date, ms.renews_on,
		       p.id, p.code, p.name, p.monthly_fee_minor, p.joining_fee_minor, p.currency, p.min_term_months,
		       p.all_clubs, p.off_peak_only, p.class_credits
		FROM memberships ms JOIN membership_plans p ON p.id = ms.plan_id
		WHERE ms.member_id = $1 AND ms.status <> 'cancelled'
		ORDER BY ms.start_date DESC LIMIT 1`, memberID).Scan(
		&ms.ID, &ms.MemberID, &ms.PlanID, &ms.ClubID, &ms.Status, &ms.StartDate, &end, &ms.RenewsOn,
		&p.ID, &p.Code, &p.Name, &fee, &join, &cur, &p.MinTermMonths, &p.AllClubs, &p.OffPeakOnly, &p.ClassCredits)
	if err != nil {
		return ms, db.NotFound(err, "membership")
	}
	ms.EndDate = db.TimePtr(end)
	p.MonthlyFee, p.JoiningFee = money.New(fee, cur), money.New(join, cur)
	ms.Plan = &p
	return ms, nil
}

func (s *Store) SetMembershipStatus(ctx context.Context, q db.Querier, id string, st models.MemberStatus, end *time.Time) error {
	res, err := q.ExecContext(ctx, `UPDATE memberships SET status = $2, end_date = COALESCE($3, end_date) WHERE id = $1`,
		id, st, db.NullTime(end))
	if err != nil {
		return err
	}
	return db.RowsAffected(res, "membership")
}

// DueForRenewal lists active memberships renewing on or before d.
func (s *Store) DueForRenewal(ctx context.Context, d time.Time) ([]models.Membership, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, member_id, plan_id, club_id, status, start_date, renews_on
		FROM memberships WHERE status = 'active' AND renews_on <= $1`, d)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Membership
	for rows.Next() {
		var ms models.Membership
		if err := rows.Scan(&ms.ID, &ms.MemberID, &ms.PlanID, &ms.ClubID, &ms.Status, &ms.StartDate, &ms.RenewsOn); err != nil {
			return nil, err
		}
		out = append(out, ms)
	}
	return out, rows.Err()
}

func (s *Store) AdvanceRenewal(ctx context.Context, id string, next time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE memberships SET renews_on = $2 WHERE id = $1`, id, next)
	return err
}

// EndExpired closes memberships whose end date has passed.
func (s *Store) EndExpired(ctx context.Context, today time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `
		WITH ended AS (
			UPDATE memberships SET status = 'cancelled'
			WHERE end_date IS NOT NULL AND end_date < $1 AND status <> 'cancelled'
			RETURNING member_id)
		UPDATE members SET status = 'cancelled' WHERE id IN (SELECT member_id FROM ended)`, today)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (s *Store) AddNote(ctx context.Context, memberID, staffID, body string) error {
	if body == "" {
		return errs.Invalid("note body is empty")
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO member_notes (member_id, staff_id, body, created_at) VALUES ($1,$2,$3,now())`,
		memberID, staffID, body)
	return err
}
