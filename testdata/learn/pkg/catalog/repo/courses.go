// Package repo persists the catalog using the squirrel query builder.
package repo

import (
	"context"
	"database/sql"
	"strings"
	"time"

	sq "github.com/Masterminds/squirrel"

	"quill.dev/academy/pkg/catalog/domain"
	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/platform/db"
	"quill.dev/academy/pkg/platform/errs"
	"quill.dev/academy/pkg/platform/page"
)

var psql = sq.StatementBuilder.PlaceholderFormat(sq.Dollar)

var courseCols = []string{"id", "slug", "title", "subtitle", "description", "instructor_id", "level", "language",
	"price_cents", "currency", "included_in", "status", "tags", "created_at", "updated_at", "published_at"}

// Repo is the catalog repository.
type Repo struct{ q db.Querier }

func New(q db.Querier) *Repo { return &Repo{q: q} }

// WithTx binds the repo to a transaction.
func (r *Repo) WithTx(tx *sql.Tx) *Repo { return &Repo{q: tx} }

func scanCourse(row interface{ Scan(...any) error }) (domain.Course, error) {
	var c domain.Course
	var tags string
	var pub sql.NullTime
	err := row.Scan(&c.ID, &c.Slug, &c.Title, &c.Subtitle, &c.Description, &c.InstructorID, &c.Level, &c.Language,
		&c.Price.Amount, &c.Price.Currency, &c.IncludedIn, &c.Status, &tags, &c.CreatedAt, &c.UpdatedAt, &pub)
	if tags != "" {
		c.Tags = strings.Split(tags, ",")
	}
	c.PublishedAt = db.TimePtr(pub)
	return c, err
}

func (r *Repo) one(ctx context.Context, op string, b sq.SelectBuilder) (domain.Course, error) {
	query, args, err := b.ToSql()
	if err != nil {
		return domain.Course{}, err
	}
	c, err := scanCourse(r.q.QueryRowContext(ctx, query, args...))
	if err != nil {
		return c, db.NotFound(op, err)
	}
	return c, nil
}

// Course loads a course without curriculum.
func (r *Repo) Course(ctx context.Context, id types.CourseID) (domain.Course, error) {
	return r.one(ctx, "catalog.course", psql.Select(courseCols...).From("courses").Where(sq.Eq{"id": string(id)}))
}

// CourseBySlug loads a course by slug.
func (r *Repo) CourseBySlug(ctx context.Context, slug string) (domain.Course, error) {
	return r.one(ctx, "catalog.course_by_slug", psql.Select(courseCols...).From("courses").Where(sq.Eq{"slug": slug}))
}

// Summary implements the Courses lookups other modules need.
func (r *Repo) Summary(ctx context.Context, id types.CourseID) (types.CourseSummary, error) {
	c, err := r.Course(ctx, id)
	if err != nil {
		return types.CourseSummary{}, err
	}
	return c.Summary(), nil
}

// Filter narrows catalog listings.
type Filter struct {
	Level        types.Level
	Tag          string
	InstructorID types.UserID
	Status       domain.Status
	TitleLike    string
}

// List returns courses matching f.
func (r *Repo) List(ctx context.Context, f Filter, req page.Request) ([]domain.Course, error) {
	b := psql.Select(courseCols...).From("courses").OrderBy("published_at DESC NULLS LAST", "title").
		Limit(uint64(req.Limit)).Offset(uint64(req.Offset))
	if f.Status != "" {
		b = b.Where(sq.Eq{"status": string(f.Status)})
	}
	if f.Level != "" {
		b = b.Where(sq.Eq{"level": string(f.Level)})
	}
	if f.InstructorID != "" {
		b = b.Where(sq.Eq{"instructor_id": string(f.InstructorID)})
	}
	if f.Tag != "" {
		b = b.Where(sq.Expr("(',' || tags || ',') LIKE ?", "%,"+f.Tag+",%"))
	}
	if f.TitleLike != "" {
		b = b.Where(sq.ILike{"title": "%" + f.TitleLike + "%"})
	}
	query, args, err := b.ToSql()
	if err != nil {
		return nil, err
	}
	rows, err := r.q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Course
	for rows.Next() {
		c, err := scanCourse(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Create inserts a new course.
func (r *Repo) Create(ctx context.Context, c domain.Course) error {
	query, args, err := psql.Insert("courses").Columns(courseCols...).Values(
		c.ID, c.Slug, c.Title, c.Subtitle, c.Description, c.InstructorID, c.Level, c.Language, c.Price.Amount, c.Price.Currency,
		c.IncludedIn, c.Status, strings.Join(c.Tags, ","), c.CreatedAt, c.UpdatedAt, db.NullTime(c.PublishedAt)).ToSql()
	if err != nil {
		return err
	}
	if _, err := r.q.ExecContext(ctx, query, args...); err != nil {
		if strings.Contains(err.Error(), "courses_slug_key") {
			return errs.E(errs.Conflict, "catalog.create", "slug %q is taken", c.Slug)
		}
		return err
	}
	return nil
}

// UpdateDetails saves editable course fields.
func (r *Repo) UpdateDetails(ctx context.Context, c domain.Course) error {
	query, args, err := psql.Update("courses").
		Set("title", c.Title).Set("subtitle", c.Subtitle).Set("description", c.Description).
		Set("level", c.Level).Set("language", c.Language).Set("price_cents", c.Price.Amount).Set("currency", c.Price.Currency).
		Set("included_in", c.IncludedIn).Set("tags", strings.Join(c.Tags, ",")).Set("updated_at", c.UpdatedAt).
		Where(sq.Eq{"id": string(c.ID)}).ToSql()
	if err != nil {
		return err
	}
	_, err = r.q.ExecContext(ctx, query, args...)
	return err
}

// SetStatus changes publication status.
func (r *Repo) SetStatus(ctx context.Context, id types.CourseID, st domain.Status, at time.Time) error {
	b := psql.Update("courses").Set("status", st).Set("updated_at", at).Where(sq.Eq{"id": string(id)})
	if st == domain.StatusPublished {
		b = b.Set("published_at", sq.Expr("COALESCE(published_at, ?)", at))
	}
	query, args, err := b.ToSql()
	if err != nil {
		return err
	}
	_, err = r.q.ExecContext(ctx, query, args...)
	return err
}
