package repo

import "quill.dev/academy/pkg/platform/db"

func init() {
	db.Register(db.Migration{Version: 200, Owner: "catalog", SQL: `
CREATE TABLE courses (
	id TEXT PRIMARY KEY, slug TEXT NOT NULL UNIQUE, title TEXT NOT NULL, subtitle TEXT NOT NULL DEFAULT '',
	description TEXT NOT NULL DEFAULT '', instructor_id TEXT NOT NULL, level TEXT NOT NULL, language TEXT NOT NULL DEFAULT 'en',
	price_cents BIGINT NOT NULL DEFAULT 0, currency TEXT NOT NULL DEFAULT 'USD', included_in TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL, tags TEXT NOT NULL DEFAULT '', created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL,
	published_at TIMESTAMPTZ
);
CREATE TABLE course_modules (
	id TEXT PRIMARY KEY, course_id TEXT NOT NULL REFERENCES courses(id), title TEXT NOT NULL, position INT NOT NULL
);
CREATE TABLE course_lessons (
	id TEXT PRIMARY KEY, module_id TEXT NOT NULL REFERENCES course_modules(id), course_id TEXT NOT NULL REFERENCES courses(id),
	title TEXT NOT NULL, kind TEXT NOT NULL, position INT NOT NULL, duration_sec INT NOT NULL DEFAULT 0,
	video_asset_id TEXT NOT NULL DEFAULT '', quiz_id TEXT NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT '',
	preview BOOLEAN NOT NULL DEFAULT false
);`})
}
