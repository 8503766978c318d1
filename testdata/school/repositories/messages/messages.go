// Package messages is the data access for the outbound message queue,
// message templates and guardian contact preferences.
package messages

import (
	"context"
	"database/sql"
	"time"

	"github.com/k12district/sis/lib/db"
	"github.com/k12district/sis/models"
)

type Store struct {
	DB *sql.DB
}

func New(conn *sql.DB) *Store { return &Store{DB: conn} }

func (st *Store) Enqueue(ctx context.Context, q db.Querier, m *models.Message) error {
	return q.QueryRowContext(ctx, `INSERT INTO messages
		(channel, recipient, subject, body, category, student_id, status, attempts, next_attempt_at, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,'queued',0, now(), now()) RETURNING id`,
		m.Channel, m.Recipient, m.Subject, m.Body, m.Category, db.NullInt64(m.StudentID)).Scan(&m.ID)
}

// ClaimBatch locks up to limit due messages for this dispatcher.
func (st *Store) ClaimBatch(ctx context.Context, limit int) ([]models.Message, error) {
	rows, err := st.DB.QueryContext(ctx, `UPDATE messages SET status = 'sending'
		WHERE id IN (SELECT id FROM messages WHERE status = 'queued' AND next_attempt_at <= now()
		             ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
		RETURNING id, channel, recipient, subject, body, category, coalesce(student_id, 0), attempts`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Message
	for rows.Next() {
		var m models.Message
		if err := rows.Scan(&m.ID, &m.Channel, &m.Recipient, &m.Subject, &m.Body, &m.Category,
			&m.StudentID, &m.Attempts); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func (st *Store) MarkSent(ctx context.Context, id int64, providerID string) error {
	_, err := st.DB.ExecContext(ctx, `UPDATE messages SET status = 'sent', sent_at = now(), provider_id = $2
		WHERE id = $1`, id, providerID)
	return err
}

func (st *Store) MarkRetry(ctx context.Context, id int64, next time.Time, lastErr string, giveUp bool) error {
	status := "queued"
	if giveUp {
		status = "failed"
	}
	_, err := st.DB.ExecContext(ctx, `UPDATE messages SET status = $2, attempts = attempts + 1,
		next_attempt_at = $3, last_error = $4 WHERE id = $1`, id, status, next, lastErr)
	return err
}

type Template struct {
	Key      string
	Language string
	Subject  string
	Body     string
}

func (st *Store) Template(ctx context.Context, key, lang string) (*Template, error) {
	var t Template
	err := st.DB.QueryRowContext(ctx, `SELECT key, language, subject, body FROM message_templates
		WHERE key = $1 AND language IN ($2, 'en')
		ORDER BY (language = $2) DESC LIMIT 1`, key, lang).Scan(&t.Key, &t.Language, &t.Subject, &t.Body)
	if err != nil {
		return nil, db.NotFound(err, "template", key)
	}
	return &t, nil
}

type Preference struct {
	GuardianID int64
	Category   string
	SMS        bool
	Email      bool
}

func (st *Store) Preferences(ctx context.Context, guardianID int64) (map[string]Preference, error) {
	rows, err := st.DB.QueryContext(ctx, `SELECT guardian_id, category, sms, email
		FROM contact_preferences WHERE guardian_id = $1`, guardianID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]Preference{}
	for rows.Next() {
		var p Preference
		if err := rows.Scan(&p.GuardianID, &p.Category, &p.SMS, &p.Email); err != nil {
			return nil, err
		}
		out[p.Category] = p
	}
	return out, rows.Err()
}

func (st *Store) SetPreference(ctx context.Context, p Preference) error {
	_, err := st.DB.ExecContext(ctx, `INSERT INTO contact_preferences (guardian_id, category, sms, email)
		VALUES ($1,$2,$3,$4) ON CONFLICT (guardian_id, category) DO UPDATE SET sms = $3, email = $4`,
		p.GuardianID, p.Category, p.SMS, p.Email)
	return err
}

type Contact struct {
	StudentID int64
	Email     string
	Phone     string
	Language  string
}

// SchoolContacts lists custodial guardian contacts for a whole school (or
// one grade) for broadcasts. It reads straight from the registrar's tables.
func (st *Store) SchoolContacts(ctx context.Context, schoolID int64, grade *int) ([]Contact, error) {
	q := `SELECT s.id, g.email, g.phone, g.language
		FROM students s
		JOIN student_guardians sg ON sg.student_id = s.id AND sg.active AND sg.has_custody
		JOIN guardians g ON g.id = sg.guardian_id
		WHERE s.school_id = $1 AND s.status = 'active'`
	args := []any{schoolID}
	if grade != nil {
		q += ` AND s.grade_level = $2`
		args = append(args, *grade)
	}
	rows, err := st.DB.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Contact
	for rows.Next() {
		var c Contact
		if err := rows.Scan(&c.StudentID, &c.Email, &c.Phone, &c.Language); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (st *Store) History(ctx context.Context, studentID int64, limit int) ([]models.Message, error) {
	rows, err := st.DB.QueryContext(ctx, `SELECT id, channel, recipient, subject, category, status, attempts
		FROM messages WHERE student_id = $1 ORDER BY created_at DESC LIMIT $2`, studentID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Message
	for rows.Next() {
		var m models.Message
		if err := rows.Scan(&m.ID, &m.Channel, &m.Recipient, &m.Subject, &m.Category, &m.Status, &m.Attempts); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
