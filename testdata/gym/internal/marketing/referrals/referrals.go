// Package referrals runs the refer-a-friend programme.
package referrals

import (
	"context"
	"crypto/rand"
	"database/sql"
	"strings"

	"github.com/pulsefit/clubs/internal/models"
	"github.com/pulsefit/clubs/pkg/db"
	"github.com/pulsefit/clubs/pkg/errs"
	"github.com/pulsefit/clubs/pkg/events"
	"github.com/pulsefit/clubs/pkg/money"
)

// Reward is credited to the referrer once the friend's first payment clears.
var Reward = money.GBP(2000)

// MaxRewardsPerYear stops abuse.
const MaxRewardsPerYear = 6

// Members is the membership API.
type Members interface {
	Get(ctx context.Context, id string) (models.Member, error)
}

// Crediter is the billing API.
type Crediter interface {
	Credit(ctx context.Context, memberID string, amt money.Money, reason string) error
}

type Programme struct {
	db      *sql.DB
	members Members
	billing Crediter
}

func New(conn *sql.DB, m Members, b Crediter) *Programme {
	return &Programme{db: conn, members: m, billing: b}
}

const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

func newCode(firstName string) string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	var sb strings.Builder
	name := strings.ToUpper(firstName)
	if len(name) > 4 {
		name = name[:4]
	}
	sb.WriteString(name)
	for _, x := range b {
		sb.WriteByte(alphabet[int(x)%len(alphabet)])
	}
	return sb.String()
}

// CodeFor returns (creating if needed) a member's referral code.
func (p *Programme) CodeFor(ctx context.Context, memberID string) (string, error) {
	var code string
	err := p.db.QueryRowContext(ctx, `SELECT code FROM referral_codes WHERE member_id = $1`, memberID).Scan(&code)
	if err == nil {
		return code, nil
	}
	if err != sql.ErrNoRows {
		return "", err
	}
	m, err := p.members.Get(ctx, memberID)
	if err != nil {
		return "", err
	}
	if m.Status != models.MemberActive {
		return "", errs.Forbidden("only active members can refer friends")
	}
	code = newCode(m.FirstName)
	_, err = p.db.ExecContext(ctx, `INSERT INTO referral_codes (member_id, code) VALUES ($1,$2)`, memberID, code)
	return code, err
}

// OnMemberJoined records a pending referral.
func (p *Programme) OnMemberJoined(ctx context.Context, e events.Event) error {
	var j struct {
		MemberID     string `json:"member_id"`
		ReferralCode string `json:"referral_code"`
	}
	if err := e.Decode(&j); err != nil || j.ReferralCode == "" {
		return err
	}
	var referrer string
	if err := p.db.QueryRowContext(ctx, `SELECT member_id FROM referral_codes WHERE code = $1`, strings.ToUpper(j.ReferralCode)).Scan(&referrer); err != nil {
		return db.NotFound(err, "referral code")
	}
	if referrer == j.MemberID {
		return nil
	}
	_, err := p.db.ExecContext(ctx, `INSERT INTO referrals (referrer_id, referee_id, status, created_at) VALUES ($1,$2,'pending',now())
		ON CONFLICT (referee_id) DO NOTHING`, referrer, j.MemberID)
	return err
}

// OnPaymentSucceeded rewards the referrer of a member whose first payment cleared.
func (p *Programme) OnPaymentSucceeded(ctx context.Context, e events.Event) error {
	var referrer string
	err := p.db.QueryRowContext(ctx, `UPDATE referrals SET status = 'qualified', qualified_at = now()
		WHERE referee_id = $1 AND status = 'pending' RETURNING referrer_id`, e.Key).Scan(&referrer)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return err
	}
	var n int
	if err := p.db.QueryRowContext(ctx, `SELECT count(*) FROM referrals WHERE referrer_id = $1 AND status = 'rewarded'
		AND qualified_at > now() - interval '1 year'`, referrer).Scan(&n); err != nil {
		return err
	}
	if n >= MaxRewardsPerYear {
		return nil
	}
	if err := p.billing.Credit(ctx, referrer, Reward, "Refer-a-friend reward"); err != nil {
		return err
	}
	_, err = p.db.ExecContext(ctx, `UPDATE referrals SET status = 'rewarded' WHERE referee_id = $1`, e.Key)
	return err
}

// Stats for the member app.
type Stats struct {
	Pending  int `json:"pending"`
	Rewarded int `json:"rewarded"`
}

func (p *Programme) Stats(ctx context.Context, memberID string) (Stats, error) {
	var s Stats
	err := p.db.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE status IN ('pending','qualified')),
		count(*) FILTER (WHERE status = 'rewarded') FROM referrals WHERE referrer_id = $1`, memberID).Scan(&s.Pending, &s.Rewarded)
	return s, err
}
