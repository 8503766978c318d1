package repo

import (
	"context"

	sq "github.com/Masterminds/squirrel"

	"quill.dev/academy/pkg/catalog/domain"
	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/platform/db"
)

var lessonCols = []string{"id", "module_id", "course_id", "title", "kind", "position", "duration_sec", "video_asset_id", "quiz_id", "body", "preview"}

func scanLesson(row interface{ Scan(...any) error }) (domain.Lesson, error) {
	var l domain.Lesson
	err := row.Scan(&l.ID, &l.ModuleID, &l.CourseID, &l.Title, &l.Kind, &l.Position, &l.DurationSec, &l.VideoAssetID, &l.QuizID, &l.Body, &l.Preview)
	return l, err
}

// Curriculum loads a course's modules and lessons in order.
func (r *Repo) Curriculum(ctx context.Context, id types.CourseID) ([]domain.Module, error) {
	query, args, _ := psql.Select("id", "course_id", "title", "position").From("course_modules").
		Where(sq.Eq{"course_id": string(id)}).OrderBy("position").ToSql()
	rows, err := r.q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	var mods []domain.Module
	idx := map[string]int{}
	for rows.Next() {
		var m domain.Module
		if err := rows.Scan(&m.ID, &m.CourseID, &m.Title, &m.Position); err != nil {
			rows.Close()
			return nil, err
		}
		idx[m.ID] = len(mods)
		mods = append(mods, m)
	}
	rows.Close()
	query, args, _ = psql.Select(lessonCols...).From("course_lessons").Where(sq.Eq{"course_id": string(id)}).OrderBy("position").ToSql()
	rows, err = r.q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		l, err := scanLesson(rows)
		if err != nil {
			return nil, err
		}
		if i, ok := idx[l.ModuleID]; ok {
			mods[i].Lessons = append(mods[i].Lessons, l)
		}
	}
	return mods, rows.Err()
}

// FullCourse loads a course with its curriculum.
func (r *Repo) FullCourse(ctx context.Context, id types.CourseID) (domain.Course, error) {
	c, err := r.Course(ctx, id)
	if err != nil {
		return c, err
	}
	c.Modules, err = r.Curriculum(ctx, id)
	return c, err
}

// Lesson loads one lesson.
func (r *Repo) Lesson(ctx context.Context, id types.LessonID) (domain.Lesson, error) {
	query, args, _ := psql.Select(lessonCols...).From("course_lessons").Where(sq.Eq{"id": string(id)}).ToSql()
	l, err := scanLesson(r.q.QueryRowContext(ctx, query, args...))
	if err != nil {
		return l, db.NotFound("catalog.lesson", err)
	}
	return l, nil
}

// LessonIDs returns the ids of all lessons of a course (progress tracking).
func (r *Repo) LessonIDs(ctx context.Context, id types.CourseID) ([]types.LessonID, error) {
	query, args, _ := psql.Select("id").From("course_lessons").Where(sq.Eq{"course_id": string(id)}).ToSql()
	rows, err := r.q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []types.LessonID
	for rows.Next() {
		var lid types.LessonID
		if err := rows.Scan(&lid); err != nil {
			return nil, err
		}
		out = append(out, lid)
	}
	return out, rows.Err()
}

// InsertModule adds a module.
func (r *Repo) InsertModule(ctx context.Context, m domain.Module) error {
	query, args, _ := psql.Insert("course_modules").Columns("id", "course_id", "title", "position").
		Values(m.ID, m.CourseID, m.Title, m.Position).ToSql()
	_, err := r.q.ExecContext(ctx, query, args...)
	return err
}

// UpsertLesson inserts or updates a lesson.
func (r *Repo) UpsertLesson(ctx context.Context, l domain.Lesson) error {
	query, args, _ := psql.Insert("course_lessons").Columns(lessonCols...).
		Values(l.ID, l.ModuleID, l.CourseID, l.Title, l.Kind, l.Position, l.DurationSec, l.VideoAssetID, l.QuizID, l.Body, l.Preview).
		Suffix(`ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, kind = EXCLUDED.kind, position = EXCLUDED.position,
			video_asset_id = EXCLUDED.video_asset_id, quiz_id = EXCLUDED.quiz_id, body = EXCLUDED.body, preview = EXCLUDED.preview`).ToSql()
	_, err := r.q.ExecContext(ctx, query, args...)
	return err
}

// SetLessonVideo records the processed video's duration on every lesson
// using the asset.
func (r *Repo) SetLessonVideo(ctx context.Context, asset types.AssetID, durationSec int) (int64, error) {
	query, args, _ := psql.Update("course_lessons").Set("duration_sec", durationSec).
		Where(sq.Eq{"video_asset_id": string(asset)}).ToSql()
	res, err := r.q.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
