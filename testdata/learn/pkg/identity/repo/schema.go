package repo

import "quill.dev/academy/pkg/platform/db"

func init() {
	db.Register(
		db.Migration{Version: 100, Owner: "identity", SQL: `
CREATE TABLE users (
	id TEXT PRIMARY KEY,
	email TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL DEFAULT '',
	role TEXT NOT NULL DEFAULT 'learner',
	locale TEXT NOT NULL DEFAULT 'en',
	password_hash TEXT NOT NULL DEFAULT '',
	email_verified BOOLEAN NOT NULL DEFAULT false,
	disabled BOOLEAN NOT NULL DEFAULT false,
	created_at TIMESTAMPTZ NOT NULL,
	last_login_at TIMESTAMPTZ
);
CREATE TABLE sessions (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users(id),
	user_agent TEXT NOT NULL DEFAULT '',
	ip TEXT NOT NULL DEFAULT '',
	created_at TIMESTAMPTZ NOT NULL,
	expires_at TIMESTAMPTZ NOT NULL,
	revoked_at TIMESTAMPTZ
);`},
		db.Migration{Version: 101, Owner: "identity", SQL: `
CREATE TABLE password_resets (
	token TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users(id),
	expires_at TIMESTAMPTZ NOT NULL,
	used_at TIMESTAMPTZ
);`},
	)
}
