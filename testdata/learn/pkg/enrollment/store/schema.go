package store

import "quill.dev/academy/pkg/platform/db"

// Schema lives next to the sqlc output; sqlc reads it from ../../../db/schema.

func init() {
	db.Register(db.Migration{Version: 300, Owner: "enrollment", SQL: `
CREATE TABLE enrollments (
	id TEXT PRIMARY KEY, user_id TEXT NOT NULL, course_id TEXT NOT NULL, status TEXT NOT NULL, source TEXT NOT NULL,
	progress DOUBLE PRECISION NOT NULL DEFAULT 0, enrolled_at TIMESTAMPTZ NOT NULL, completed_at TIMESTAMPTZ,
	last_activity_at TIMESTAMPTZ, last_reminded_at TIMESTAMPTZ,
	UNIQUE (user_id, course_id)
);
CREATE TABLE enrollment_lesson_progress (
	enrollment_id TEXT NOT NULL REFERENCES enrollments(id), lesson_id TEXT NOT NULL, completed_at TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (enrollment_id, lesson_id)
);`})
}
