// Package config loads process configuration from the environment.
package config

import (
	"fmt"
	"os"
	"strconv"
)

// Config is shared by every binary; not every binary uses every field.
type Config struct {
	Env         string
	HTTPAddr    string
	DatabaseURL string

	GeocoderURL string
	GeocoderKey string

	SMSGatewayURL string
	SMSGatewayKey string
	SMTPAddr      string
	FromEmail     string

	DriverTokenSecret string
	AdminToken        string

	DefaultCurrency  string
	TaxBps           int
	BookingCutoff    int // hour of day, local depot time
	VehicleCapacity  int // grams
	MaxStopsPerRoute int

	PayoutDebtorIBAN string
	PayoutDebtorName string
}

// Load reads the environment, applying defaults suitable for local development.
func Load() (Config, error) {
	c := Config{
		Env:               get("PG_ENV", "dev"),
		HTTPAddr:          get("PG_HTTP_ADDR", ":8080"),
		DatabaseURL:       get("PG_DATABASE_URL", "postgres://parcelgo@localhost:5432/parcelgo?sslmode=disable"),
		GeocoderURL:       get("PG_GEOCODER_URL", "https://geocode.internal.parcelgo.com"),
		GeocoderKey:       os.Getenv("PG_GEOCODER_KEY"),
		SMSGatewayURL:     get("PG_SMS_URL", "https://sms.example-gateway.com/v2/messages"),
		SMSGatewayKey:     os.Getenv("PG_SMS_KEY"),
		SMTPAddr:          get("PG_SMTP_ADDR", "localhost:25"),
		FromEmail:         get("PG_FROM_EMAIL", "noreply@parcelgo.com"),
		DriverTokenSecret: get("PG_DRIVER_TOKEN_SECRET", "dev-driver-secret"),
		AdminToken:        get("PG_ADMIN_TOKEN", "dev-admin"),
		DefaultCurrency:   get("PG_CURRENCY", "EUR"),
		PayoutDebtorIBAN:  get("PG_PAYOUT_IBAN", "NL91ABNA0417164300"),
		PayoutDebtorName:  get("PG_PAYOUT_NAME", "ParcelGo B.V."),
	}
	var err error
	if c.TaxBps, err = getInt("PG_TAX_BPS", 2100); err != nil {
		return c, err
	}
	if c.BookingCutoff, err = getInt("PG_BOOKING_CUTOFF", 18); err != nil {
		return c, err
	}
	if c.VehicleCapacity, err = getInt("PG_VEHICLE_CAPACITY_G", 600000); err != nil {
		return c, err
	}
	if c.MaxStopsPerRoute, err = getInt("PG_MAX_STOPS", 120); err != nil {
		return c, err
	}
	return c, nil
}

func get(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func getInt(key string, def int) (int, error) {
	v := os.Getenv(key)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("config: %s: %w", key, err)
	}
	return n, nil
}
