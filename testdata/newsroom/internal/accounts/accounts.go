// Package accounts manages reader accounts, sessions and staff API tokens.
//
// It predates the per-context layout and has never been split up.
package accounts

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"net/mail"
	"strings"
	"time"

	"github.com/dailyherald/newsroom/internal/models"
	"github.com/dailyherald/newsroom/pkg/clock"
	"github.com/dailyherald/newsroom/pkg/errs"
	"github.com/dailyherald/newsroom/pkg/events"
	"github.com/dailyherald/newsroom/pkg/httpx/middleware"
	"github.com/dailyherald/newsroom/pkg/ids"
)

const sessionTTL = 30 * 24 * time.Hour

type Service struct {
	st    *store
	bus   events.Publisher
	clock clock.Clock
}

func NewService(conn *sql.DB, bus events.Publisher, c clock.Clock) *Service {
	return &Service{st: &store{db: conn}, bus: bus, clock: c}
}

type RegisterInput struct {
	Email       string `json:"email"`
	Password    string `json:"password"`
	DisplayName string `json:"display_name"`
	Country     string `json:"country"`
	EmailOptIn  bool   `json:"email_opt_in"`
}

func (s *Service) Register(ctx context.Context, in RegisterInput) (*models.Reader, error) {
	addr, err := mail.ParseAddress(strings.TrimSpace(in.Email))
	if err != nil {
		return nil, errs.Invalidf("invalid email address")
	}
	if err := validatePassword(in.Password); err != nil {
		return nil, errs.Wrap(errs.Invalid, err, "weak password")
	}
	name := strings.TrimSpace(in.DisplayName)
	if name == "" {
		name = strings.SplitN(addr.Address, "@", 2)[0]
	}
	if len(name) > 40 {
		return nil, errs.Invalidf("display name too long")
	}
	hash, err := hashPassword(in.Password)
	if err != nil {
		return nil, err
	}
	r := &models.Reader{
		ID: ids.New("rdr"), Email: addr.Address, DisplayName: name,
		Country: strings.ToUpper(in.Country), EmailOptIn: in.EmailOptIn,
		PasswordHash: hash, CreatedAt: s.clock.Now(),
	}
	if err := s.st.insertReader(ctx, r); err != nil {
		return nil, err
	}
	_ = s.bus.Publish(ctx, models.TopicReaderRegistered, models.ReaderRegisteredEvent{
		ReaderID: r.ID, Email: r.Email, EmailOptIn: r.EmailOptIn,
	})
	return r, nil
}

// Login checks credentials and opens a session, returning its token.
func (s *Service) Login(ctx context.Context, email, password string) (string, *models.Reader, error) {
	r, err := s.st.readerByEmail(ctx, email)
	if err != nil || !checkPassword(r.PasswordHash, password) {
		return "", nil, errs.E(errs.Unauthorized, "invalid email or password")
	}
	token := ids.Token(24)
	if err := s.st.insertSession(ctx, token, r.ID, s.clock.Now().Add(sessionTTL)); err != nil {
		return "", nil, err
	}
	return token, r, nil
}

func (s *Service) Reader(ctx context.Context, id string) (*models.Reader, error) {
	return s.st.readerByID(ctx, id)
}

// IsBanned is used by comments to stop banned readers posting.
func (s *Service) IsBanned(ctx context.Context, readerID string) (bool, error) {
	r, err := s.st.readerByID(ctx, readerID)
	if err != nil {
		return false, err
	}
	return r.Banned, nil
}

func (s *Service) Ban(ctx context.Context, readerID, reason string) error {
	return s.st.setBanned(ctx, readerID, true, reason)
}

// ResolveToken implements middleware.TokenResolver for both staff tokens
// ("stf_" prefixed) and reader session tokens.
func (s *Service) ResolveToken(ctx context.Context, token string) (middleware.Principal, error) {
	if strings.HasPrefix(token, "stf_") {
		sum := sha256.Sum256([]byte(token))
		u, err := s.st.staffByTokenHash(ctx, hex.EncodeToString(sum[:]))
		if err != nil {
			return middleware.Principal{}, err
		}
		return middleware.Principal{ID: u.ID, Roles: u.Roles, Staff: true}, nil
	}
	readerID, expires, err := s.st.sessionReader(ctx, token)
	if err != nil {
		return middleware.Principal{}, err
	}
	if s.clock.Now().After(expires) {
		return middleware.Principal{}, errs.E(errs.Unauthorized, "session expired")
	}
	return middleware.Principal{ID: readerID, Roles: []string{"reader"}}, nil
}

// PurgeSessionsJob deletes long-expired sessions.
type PurgeSessionsJob struct{ S *Service }

func (j PurgeSessionsJob) Name() string { return "accounts.purge_sessions" }
func (j PurgeSessionsJob) Run(ctx context.Context) error {
	_, err := j.S.st.purgeExpiredSessions(ctx)
	return err
}
