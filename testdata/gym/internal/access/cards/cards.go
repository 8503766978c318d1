// Package cards issues and revokes the RFID cards / app QR codes used at the door.
package cards

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pulsefit/clubs/pkg/db"
	"github.com/pulsefit/clubs/pkg/errs"
	"github.com/pulsefit/clubs/pkg/ids"
)

type Card struct {
	ID        string     `json:"id"`
	MemberID  string     `json:"member_id"`
	Number    string     `json:"number"`
	Kind      string     `json:"kind"` // rfid, qr
	IssuedAt  time.Time  `json:"issued_at"`
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
}

type Registry struct {
	db    *sql.DB
	qrKey []byte
}

func NewRegistry(conn *sql.DB, qrKey string) *Registry {
	return &Registry{db: conn, qrKey: []byte(qrKey)}
}

// luhn computes the check digit for card numbers printed on fobs.
func luhn(digits string) int {
	sum := 0
	double := true
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return (10 - sum%10) % 10
}

// ValidNumber checks a card number's check digit.
func ValidNumber(n string) bool {
	if len(n) < 2 {
		return false
	}
	if _, err := strconv.ParseUint(n, 10, 64); err != nil {
		return false
	}
	return luhn(n[:len(n)-1]) == int(n[len(n)-1]-'0')
}

// Issue assigns a pre-printed RFID fob to a member, revoking previous fobs.
func (r *Registry) Issue(ctx context.Context, memberID, number string) (Card, error) {
	if !ValidNumber(number) {
		return Card{}, errs.Invalid("card number %s fails check digit", number)
	}
	c := Card{ID: ids.New(ids.Card), MemberID: memberID, Number: number, Kind: "rfid", IssuedAt: time.Now().UTC()}
	err := db.WithTx(ctx, r.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE access_cards SET revoked_at = now() WHERE member_id = $1 AND kind = 'rfid' AND revoked_at IS NULL`, memberID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO access_cards (id, member_id, number, kind, issued_at) VALUES ($1,$2,$3,$4,$5)`,
			c.ID, c.MemberID, c.Number, c.Kind, c.IssuedAt)
		return err
	})
	return c, err
}

func (r *Registry) Revoke(ctx context.Context, number string) error {
	res, err := r.db.ExecContext(ctx, `UPDATE access_cards SET revoked_at = now() WHERE number = $1 AND revoked_at IS NULL`, number)
	if err != nil {
		return err
	}
	return db.RowsAffected(res, "card")
}

// Lookup resolves a presented credential to a member id.
func (r *Registry) Lookup(ctx context.Context, credential string) (string, error) {
	if strings.HasPrefix(credential, "QR:") {
		return r.verifyQR(credential, time.Now())
	}
	var memberID string
	err := r.db.QueryRowContext(ctx, `SELECT member_id FROM access_cards WHERE number = $1 AND revoked_at IS NULL`, credential).Scan(&memberID)
	return memberID, db.NotFound(err, "card")
}

// QRCode issues a 60-second code for the member app: QR:<member>:<unix>:<mac>.
func (r *Registry) QRCode(memberID string, now time.Time) string {
	ts := strconv.FormatInt(now.Unix(), 10)
	return fmt.Sprintf("QR:%s:%s:%s", memberID, ts, r.mac(memberID, ts))
}

func (r *Registry) mac(memberID, ts string) string {
	h := hmac.New(sha256.New, r.qrKey)
	h.Write([]byte(memberID + "|" + ts))
	return hex.EncodeToString(h.Sum(nil))[:16]
}

func (r *Registry) verifyQR(code string, now time.Time) (string, error) {
	parts := strings.Split(code, ":")
	if len(parts) != 4 {
		return "", errs.Invalid("malformed QR code")
	}
	ts, err := strconv.ParseInt(parts[2], 10, 64)
	if err != nil || now.Sub(time.Unix(ts, 0)) > 60*time.Second {
		return "", errs.Forbidden("QR code expired")
	}
	if !hmac.Equal([]byte(parts[3]), []byte(r.mac(parts[1], parts[2]))) {
		return "", errs.Forbidden("QR code invalid")
	}
	return parts[1], nil
}
