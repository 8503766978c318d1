// Package profile manages public learner and instructor profiles (bio,
// headline, avatar, links). Split from identity/repo when instructor pages
// launched in 2021.
package profile

import (
	"context"
	"database/sql"
	"net/url"
	"strings"
	"time"

	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/platform/db"
	"quill.dev/academy/pkg/platform/errs"
	"quill.dev/academy/pkg/platform/page"
)

func init() {
	db.Register(db.Migration{Version: 110, Owner: "identity", SQL: `
CREATE TABLE user_profiles (
	user_id TEXT PRIMARY KEY REFERENCES users(id),
	headline TEXT NOT NULL DEFAULT '',
	bio TEXT NOT NULL DEFAULT '',
	avatar_url TEXT NOT NULL DEFAULT '',
	website TEXT NOT NULL DEFAULT '',
	public BOOLEAN NOT NULL DEFAULT true,
	updated_at TIMESTAMPTZ NOT NULL
);`})
}

// Profile is the public profile of a user.
type Profile struct {
	UserID    types.UserID `json:"user_id"`
	Name      string       `json:"name"`
	Headline  string       `json:"headline"`
	Bio       string       `json:"bio"`
	AvatarURL string       `json:"avatar_url"`
	Website   string       `json:"website"`
	Public    bool         `json:"public"`
	UpdatedAt time.Time    `json:"updated_at"`
}

// Store reads and writes user_profiles.
type Store struct{ q db.Querier }

func NewStore(q db.Querier) *Store { return &Store{q: q} }

// Get returns a profile joined with the user's name.
func (s *Store) Get(ctx context.Context, uid types.UserID) (Profile, error) {
	var p Profile
	err := s.q.QueryRowContext(ctx, `SELECT u.id, u.name, COALESCE(p.headline,''), COALESCE(p.bio,''), COALESCE(p.avatar_url,''),
		COALESCE(p.website,''), COALESCE(p.public,true), COALESCE(p.updated_at, u.created_at)
		FROM users u LEFT JOIN user_profiles p ON p.user_id = u.id WHERE u.id = $1`, uid).
		Scan(&p.UserID, &p.Name, &p.Headline, &p.Bio, &p.AvatarURL, &p.Website, &p.Public, &p.UpdatedAt)
	if err != nil {
		return p, db.NotFound("profile.get", err)
	}
	return p, nil
}

// Upsert saves a profile.
func (s *Store) Upsert(ctx context.Context, p Profile) error {
	_, err := s.q.ExecContext(ctx, `INSERT INTO user_profiles (user_id, headline, bio, avatar_url, website, public, updated_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7)
		ON CONFLICT (user_id) DO UPDATE SET headline=$2, bio=$3, avatar_url=$4, website=$5, public=$6, updated_at=$7`,
		p.UserID, p.Headline, p.Bio, p.AvatarURL, p.Website, p.Public, p.UpdatedAt)
	return err
}

// ListInstructors returns public instructor profiles.
func (s *Store) ListInstructors(ctx context.Context, req page.Request) ([]Profile, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT u.id, u.name, p.headline, p.bio, p.avatar_url, p.website, p.public, p.updated_at
		FROM users u JOIN user_profiles p ON p.user_id = u.id
		WHERE u.role = 'instructor' AND p.public ORDER BY u.name LIMIT $1 OFFSET $2`, req.Limit, req.Offset)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Profile
	for rows.Next() {
		var p Profile
		var updated sql.NullTime
		if err := rows.Scan(&p.UserID, &p.Name, &p.Headline, &p.Bio, &p.AvatarURL, &p.Website, &p.Public, &updated); err != nil {
			return nil, err
		}
		p.UpdatedAt = updated.Time
		out = append(out, p)
	}
	return out, rows.Err()
}

// Validate checks user-supplied fields.
func Validate(p *Profile) error {
	p.Headline = strings.TrimSpace(p.Headline)
	if len(p.Headline) > 140 {
		return errs.E(errs.Invalid, "profile", "headline must be at most 140 characters")
	}
	if len(p.Bio) > 5000 {
		return errs.E(errs.Invalid, "profile", "bio must be at most 5000 characters")
	}
	for _, raw := range []string{p.Website, p.AvatarURL} {
		if raw == "" {
			continue
		}
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
			return errs.E(errs.Invalid, "profile", "invalid url %q", raw)
		}
	}
	return nil
}
