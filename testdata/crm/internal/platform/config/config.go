// Package config loads process configuration from the environment.
package config

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

// Config is the full process configuration. Not every binary uses every field.
type Config struct {
	Env       string
	HTTPAddr  string
	PublicURL string
	LogLevel  string
	LogFormat string

	DatabaseURL string
	DBMaxConns  int
	SessionTTL  time.Duration
	TrackingKey string

	SMTPAddr     string
	SMTPUser     string
	SMTPPassword string
	SystemFrom   string

	StripeAPIKey        string
	StripeWebhookSecret string
	StripeBaseURL       string

	GmailClientID     string
	GmailClientSecret string
	GmailBaseURL      string

	WorkerConcurrency int
	DealRotDefault    int
	TrialDays         int
}

// Load reads configuration from the environment.
func Load() (Config, error) {
	c := Config{
		Env:                 str("CRM_ENV", "development"),
		HTTPAddr:            str("CRM_HTTP_ADDR", ":8080"),
		PublicURL:           str("CRM_PUBLIC_URL", "http://localhost:8080"),
		LogLevel:            str("CRM_LOG_LEVEL", "info"),
		LogFormat:           str("CRM_LOG_FORMAT", "json"),
		DatabaseURL:         str("DATABASE_URL", ""),
		DBMaxConns:          integer("CRM_DB_MAX_CONNS", 20),
		SessionTTL:          duration("CRM_SESSION_TTL", 14*24*time.Hour),
		TrackingKey:         str("CRM_TRACKING_KEY", "dev-tracking-key"),
		SMTPAddr:            str("SMTP_ADDR", "localhost:1025"),
		SMTPUser:            str("SMTP_USER", ""),
		SMTPPassword:        str("SMTP_PASSWORD", ""),
		SystemFrom:          str("CRM_SYSTEM_FROM", "Pipeline Labs <noreply@pipelinelabs.io>"),
		StripeAPIKey:        str("STRIPE_API_KEY", ""),
		StripeWebhookSecret: str("STRIPE_WEBHOOK_SECRET", ""),
		StripeBaseURL:       str("STRIPE_BASE_URL", "https://api.stripe.com"),
		GmailClientID:       str("GMAIL_CLIENT_ID", ""),
		GmailClientSecret:   str("GMAIL_CLIENT_SECRET", ""),
		GmailBaseURL:        str("GMAIL_BASE_URL", "https://gmail.googleapis.com"),
		WorkerConcurrency:   integer("CRM_WORKER_CONCURRENCY", 4),
		DealRotDefault:      integer("CRM_DEAL_ROT_DAYS", 14),
		TrialDays:           integer("CRM_TRIAL_DAYS", 14),
	}
	if c.DatabaseURL == "" {
		return c, fmt.Errorf("config: DATABASE_URL is required")
	}
	if c.Env == "production" && c.TrackingKey == "dev-tracking-key" {
		return c, fmt.Errorf("config: CRM_TRACKING_KEY must be set in production")
	}
	return c, nil
}

// Production reports whether we run in production.
func (c Config) Production() bool { return c.Env == "production" }

func str(k, def string) string {
	if v, ok := os.LookupEnv(k); ok {
		return v
	}
	return def
}

func integer(k string, def int) int {
	if v, ok := os.LookupEnv(k); ok {
		if n, err := strconv.Atoi(v); err == nil {
			return n
		}
	}
	return def
}

func duration(k string, def time.Duration) time.Duration {
	if v, ok := os.LookupEnv(k); ok {
		if d, err := time.ParseDuration(v); err == nil {
			return d
		}
	}
	return def
}
