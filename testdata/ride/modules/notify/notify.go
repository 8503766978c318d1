// Package notify sends SMS notifications from templates and handles
// one-time login codes.
package notify

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"math/big"
	"strings"
	"text/template"
	"time"

	driverrepo "github.com/zipcab/backend/app/driver/repository"
	riderrepo "github.com/zipcab/backend/app/rider/repository"
	"github.com/zipcab/backend/clients/sms"
	"github.com/zipcab/backend/pkg/db"
	"github.com/zipcab/backend/pkg/errs"
	"github.com/zipcab/backend/pkg/log"
)

// Channel is a delivery channel.
type Channel string

const (
	ChannelSMS Channel = "sms"
)

var templates = template.Must(template.New("root").Parse(`
{{define "otp"}}Your Zipcab code is {{.code}}. It expires in 10 minutes.{{end}}
{{define "trip_matched"}}{{.driver}} is on the way in a {{.vehicle}} ({{.plate}}). ETA {{.eta}} min.{{end}}
{{define "trip_expired"}}Sorry, no drivers are available right now. You have not been charged.{{end}}
{{define "trip_cancelled_by_driver"}}Your driver cancelled. We're finding you another ride.{{end}}
{{define "payment_failed"}}We couldn't charge your card for your last Zipcab ride. Please update your payment method.{{end}}
{{define "driver_approved"}}{{.detail}} Open the Zipcab Driver app to go online.{{end}}
{{define "document_expiring"}}Reminder: your {{.detail}}. Upload a new one to keep driving.{{end}}
{{define "order_accepted"}}{{.restaurant}} accepted your order and is preparing it.{{end}}
{{define "order_delivered"}}Your Zipcab Eats order has been delivered. Enjoy!{{end}}
`))

// Service sends notifications.
type Service struct {
	conn    *sql.DB
	sms     *sms.Client
	riders  *riderrepo.RiderRepository
	drivers *driverrepo.DriverRepository
}

// New returns a notification service.
func New(conn *sql.DB, s *sms.Client, riders *riderrepo.RiderRepository, drivers *driverrepo.DriverRepository) *Service {
	return &Service{conn: conn, sms: s, riders: riders, drivers: drivers}
}

// Render executes a named template.
func Render(name string, data map[string]any) (string, error) {
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, name, data); err != nil {
		return "", fmt.Errorf("notify: template %s: %w", name, err)
	}
	return strings.TrimSpace(b.String()), nil
}

// NotifyRider texts a rider.
func (s *Service) NotifyRider(ctx context.Context, riderID int64, tmpl string, data map[string]any) error {
	r, err := s.riders.Get(ctx, riderID)
	if err != nil {
		return err
	}
	return s.deliver(ctx, "rider", riderID, r.Phone, tmpl, data)
}

// NotifyDriver texts a driver.
func (s *Service) NotifyDriver(ctx context.Context, driverID int64, tmpl string, data map[string]any) error {
	d, err := s.drivers.Get(ctx, driverID)
	if err != nil {
		return err
	}
	return s.deliver(ctx, "driver", d.UserID, d.Phone, tmpl, data)
}

// NotifyPhone sends an SMS to a raw phone number.
func (s *Service) NotifyPhone(ctx context.Context, phone, tmpl string, data map[string]any) error {
	return s.deliver(ctx, "phone", 0, phone, tmpl, data)
}

func (s *Service) deliver(ctx context.Context, kind string, userID int64, phone, tmpl string, data map[string]any) error {
	body, err := Render(tmpl, data)
	if err != nil {
		return err
	}
	// Push goes through the mobile team's gateway; the backend only sends SMS.
	m, err := s.sms.Send(ctx, phone, body)
	if err != nil {
		log.From(ctx).Warn("sms failed", "template", tmpl, "err", err)
		return err
	}
	_, err = db.Conn(ctx, s.conn).ExecContext(ctx,
		`INSERT INTO notification_log (recipient_kind, user_id, channel, template, body, provider_ref, sent_at)
		 VALUES ($1, $2, $3, $4, $5, $6, now())`, kind, userID, ChannelSMS, tmpl, body, m.SID)
	return errs.Wrap("notify.log", err)
}

// SendOTP texts a six digit login code.
func (s *Service) SendOTP(ctx context.Context, phone string) error {
	n, err := rand.Int(rand.Reader, big.NewInt(1000000))
	if err != nil {
		return err
	}
	code := fmt.Sprintf("%06d", n.Int64())
	if _, err := db.Conn(ctx, s.conn).ExecContext(ctx,
		`INSERT INTO otp_codes (phone, code, expires_at, attempts) VALUES ($1, $2, $3, 0)
		 ON CONFLICT (phone) DO UPDATE SET code = EXCLUDED.code, expires_at = EXCLUDED.expires_at, attempts = 0`,
		phone, code, time.Now().Add(10*time.Minute)); err != nil {
		return errs.Wrap("notify.send_otp", err)
	}
	return s.NotifyPhone(ctx, phone, "otp", map[string]any{"code": code})
}

// VerifyOTP checks a login code, allowing five attempts.
func (s *Service) VerifyOTP(ctx context.Context, phone, code string) (bool, error) {
	var want string
	var exp time.Time
	var attempts int
	err := db.Conn(ctx, s.conn).QueryRowContext(ctx,
		`UPDATE otp_codes SET attempts = attempts + 1 WHERE phone = $1 RETURNING code, expires_at, attempts`, phone).
		Scan(&want, &exp, &attempts)
	if db.IsNoRows(err) {
		return false, nil
	}
	if err != nil {
		return false, errs.Wrap("notify.verify_otp", err)
	}
	return attempts <= 5 && time.Now().Before(exp) && want == code, nil
}
