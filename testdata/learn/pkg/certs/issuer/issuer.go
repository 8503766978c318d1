// Package issuer issues certificates when learners complete courses.
package issuer

import (
	"context"
	"database/sql"
	"time"

	"quill.dev/academy/legacy/certpdf"
	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/platform/clock"
	"quill.dev/academy/pkg/platform/db"
	"quill.dev/academy/pkg/platform/events"
	"quill.dev/academy/pkg/platform/ids"
	"quill.dev/academy/pkg/platform/log"
	"quill.dev/academy/pkg/platform/mailer"
)

func init() {
	db.Register(db.Migration{Version: 800, Owner: "certs", SQL: `
CREATE TABLE certificates (
	id TEXT PRIMARY KEY, user_id TEXT NOT NULL, course_id TEXT NOT NULL, learner_name TEXT NOT NULL,
	course_title TEXT NOT NULL, issued_at TIMESTAMPTZ NOT NULL, pdf BYTEA NOT NULL, revoked BOOLEAN NOT NULL DEFAULT false,
	UNIQUE (user_id, course_id)
);`})
	mailer.RegisterTemplate("certs/issued", `Congratulations {{.Name}}!

You completed "{{.Course}}". Download your certificate: {{.URL}}
`)
}

// Certificate is an issued certificate (without the PDF).
type Certificate struct {
	ID          types.CertID   `json:"id"`
	UserID      types.UserID   `json:"user_id"`
	CourseID    types.CourseID `json:"course_id"`
	LearnerName string         `json:"learner_name"`
	CourseTitle string         `json:"course_title"`
	IssuedAt    time.Time      `json:"issued_at"`
	Revoked     bool           `json:"revoked"`
}

// Courses resolves course titles (catalog).
type Courses interface {
	Summary(ctx context.Context, id types.CourseID) (types.CourseSummary, error)
}

// Issuer creates certificates.
type Issuer struct {
	Pool    *sql.DB
	Courses Courses
	Mail    mailer.Mailer
	Clock   clock.Clock
	BaseURL string
}

// Subscribe registers for enrollment and assessment completion events.
func (is *Issuer) Subscribe(bus *events.Bus) {
	bus.Subscribe(types.EventCourseCompleted, "certs.issue", func(ctx context.Context, e events.Event) error {
		var p types.CourseCompleted
		if err := e.Decode(&p); err != nil {
			return err
		}
		_, err := is.Issue(ctx, p.UserID, p.CourseID)
		return err
	})
	// Passing a course's final exam certifies it even if optional lessons
	// were skipped (product decision, 2022).
	bus.Subscribe(types.EventFinalExamPassed, "certs.issue_final", func(ctx context.Context, e events.Event) error {
		var p types.SubmissionGraded
		if err := e.Decode(&p); err != nil {
			return err
		}
		_, err := is.Issue(ctx, p.UserID, p.CourseID)
		return err
	})
}

// Issue creates (idempotently) a certificate for uid in course cid.
func (is *Issuer) Issue(ctx context.Context, uid types.UserID, cid types.CourseID) (Certificate, error) {
	if c, err := is.find(ctx, `user_id = $1 AND course_id = $2`, uid, cid); err == nil {
		return c, nil
	}
	// Learner's legal name and email, read straight from identity's table so
	// the cert uses the name at time of issue (CERT-19).
	var name, email string
	if err := is.Pool.QueryRowContext(ctx, `SELECT name, email FROM users WHERE id = $1`, uid).Scan(&name, &email); err != nil {
		return Certificate{}, db.NotFound("certs.learner", err)
	}
	if name == "" {
		name = (types.User{Email: email}).DisplayName()
	}
	course, err := is.Courses.Summary(ctx, cid)
	if err != nil {
		return Certificate{}, err
	}
	c := Certificate{ID: types.CertID(ids.New("cert")), UserID: uid, CourseID: cid, LearnerName: name, CourseTitle: course.Title, IssuedAt: is.Clock.Now()}
	pdf := certpdf.Render(certpdf.Fields{LearnerName: name, CourseTitle: course.Title, IssuedAt: c.IssuedAt, CertID: string(c.ID),
		VerifyURL: is.BaseURL + "/certificates/" + string(c.ID)})
	err = db.WithTx(ctx, is.Pool, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO certificates (id, user_id, course_id, learner_name, course_title, issued_at, pdf)
			VALUES ($1,$2,$3,$4,$5,$6,$7)`, c.ID, uid, cid, name, course.Title, c.IssuedAt, pdf); err != nil {
			return err
		}
		return events.PublishJSON(ctx, events.NewOutbox(tx), types.EventCertificateIssued, types.CertificateIssued{CertID: c.ID, UserID: uid, CourseID: cid})
	})
	if err != nil {
		return Certificate{}, err
	}
	if err := is.Mail.Send(ctx, mailer.Message{To: email, Subject: "Your certificate for " + course.Title, Template: "certs/issued",
		Data: map[string]string{"Name": name, "Course": course.Title, "URL": is.BaseURL + "/certificates/" + string(c.ID) + ".pdf"}}); err != nil {
		log.From(ctx).Warn("certificate mail", "cert", c.ID, "err", err)
	}
	return c, nil
}

func (is *Issuer) find(ctx context.Context, where string, args ...any) (Certificate, error) {
	var c Certificate
	err := is.Pool.QueryRowContext(ctx, `SELECT id, user_id, course_id, learner_name, course_title, issued_at, revoked
		FROM certificates WHERE `+where, args...).Scan(&c.ID, &c.UserID, &c.CourseID, &c.LearnerName, &c.CourseTitle, &c.IssuedAt, &c.Revoked)
	if err != nil {
		return c, db.NotFound("certs.find", err)
	}
	return c, nil
}

// Get returns a certificate by id.
func (is *Issuer) Get(ctx context.Context, id types.CertID) (Certificate, error) {
	return is.find(ctx, `id = $1`, id)
}

// PDF returns the stored PDF.
func (is *Issuer) PDF(ctx context.Context, id types.CertID) ([]byte, error) {
	var pdf []byte
	err := is.Pool.QueryRowContext(ctx, `SELECT pdf FROM certificates WHERE id = $1 AND NOT revoked`, id).Scan(&pdf)
	return pdf, db.NotFound("certs.pdf", err)
}

// Revoke invalidates a certificate (academic misconduct).
func (is *Issuer) Revoke(ctx context.Context, id types.CertID) error {
	_, err := is.Pool.ExecContext(ctx, `UPDATE certificates SET revoked = true WHERE id = $1`, id)
	return err
}
