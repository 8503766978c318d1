// Package config loads runtime configuration from the environment.
package config

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

// Config is the process-wide configuration. Every binary loads the same
// struct; unused fields are simply ignored.
type Config struct {
	Env            string
	HTTPAddr       string
	DatabaseURL    string
	AirlineCode    string // IATA two-letter designator, e.g. "SH"
	TicketPrefix   string // IATA three-digit accounting code
	HoldTTL        time.Duration
	PSPBaseURL     string
	PSPAPIKey      string
	SMTPRelay      string
	SMSGatewayURL  string
	CheckinOpens   time.Duration // before departure
	CheckinCloses  time.Duration // before departure
	OutboxBatch    int
	AccrualEnabled bool
}

// Load reads the configuration, applying defaults that match production.
func Load() (*Config, error) {
	c := &Config{
		Env:           get("SKYHOP_ENV", "dev"),
		HTTPAddr:      get("SKYHOP_HTTP_ADDR", ":8080"),
		DatabaseURL:   os.Getenv("SKYHOP_DATABASE_URL"),
		AirlineCode:   get("SKYHOP_AIRLINE_CODE", "SH"),
		TicketPrefix:  get("SKYHOP_TICKET_PREFIX", "729"),
		PSPBaseURL:    get("SKYHOP_PSP_URL", "https://psp.example.net/v2"),
		PSPAPIKey:     os.Getenv("SKYHOP_PSP_KEY"),
		SMTPRelay:     get("SKYHOP_SMTP_RELAY", "localhost:25"),
		SMSGatewayURL: get("SKYHOP_SMS_URL", ""),
	}
	var err error
	if c.HoldTTL, err = duration("SKYHOP_HOLD_TTL", 30*time.Minute); err != nil {
		return nil, err
	}
	if c.CheckinOpens, err = duration("SKYHOP_CHECKIN_OPENS", 30*time.Hour); err != nil {
		return nil, err
	}
	if c.CheckinCloses, err = duration("SKYHOP_CHECKIN_CLOSES", 45*time.Minute); err != nil {
		return nil, err
	}
	if c.OutboxBatch, err = integer("SKYHOP_OUTBOX_BATCH", 100); err != nil {
		return nil, err
	}
	c.AccrualEnabled = get("SKYHOP_ACCRUAL", "on") == "on"
	if c.DatabaseURL == "" && c.Env != "dev" {
		return nil, fmt.Errorf("config: SKYHOP_DATABASE_URL is required in %s", c.Env)
	}
	if len(c.AirlineCode) != 2 {
		return nil, fmt.Errorf("config: airline code %q must be two characters", c.AirlineCode)
	}
	return c, nil
}

func get(key, def string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return def
}

func duration(key string, def time.Duration) (time.Duration, error) {
	v := os.Getenv(key)
	if v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, fmt.Errorf("config: %s: %w", key, err)
	}
	return d, nil
}

func integer(key string, def int) (int, error) {
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
