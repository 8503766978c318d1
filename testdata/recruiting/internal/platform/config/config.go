// Package config loads process configuration from the environment.
package config

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

// Config is shared by the API server, the worker and the admin tool.
type Config struct {
	Env         string
	HTTPAddr    string
	DBDriver    string
	DatabaseURL string

	SMTPHost string
	SMTPPort int
	MailFrom string

	PaymentBaseURL string
	PaymentAPIKey  string

	ScreeningBaseURL       string
	ScreeningAPIKey        string
	ScreeningWebhookSecret string

	CalendarBaseURL string

	CareerSiteBaseURL string
	ResumeDir         string

	WorkerTick         time.Duration
	ReferralBonusDelay time.Duration
}

// Load reads the configuration, applying defaults suitable for local development.
func Load() (Config, error) {
	c := Config{
		Env:                    get("ATS_ENV", "development"),
		HTTPAddr:               get("ATS_HTTP_ADDR", ":8080"),
		DBDriver:               get("ATS_DB_DRIVER", "postgres"),
		DatabaseURL:            get("DATABASE_URL", ""),
		SMTPHost:               get("SMTP_HOST", ""),
		MailFrom:               get("MAIL_FROM", "no-reply@hirebase.io"),
		PaymentBaseURL:         get("PAYMENT_BASE_URL", "https://api.paygate.example/v1"),
		PaymentAPIKey:          get("PAYMENT_API_KEY", ""),
		ScreeningBaseURL:       get("SCREENING_BASE_URL", "https://api.verifyfirst.example"),
		ScreeningAPIKey:        get("SCREENING_API_KEY", ""),
		ScreeningWebhookSecret: get("SCREENING_WEBHOOK_SECRET", ""),
		CalendarBaseURL:        get("CALENDAR_BASE_URL", "https://calendar.example/api"),
		CareerSiteBaseURL:      get("CAREER_SITE_BASE_URL", "https://jobs.hirebase.io"),
		ResumeDir:              get("RESUME_DIR", "/var/lib/hirebase/resumes"),
	}
	var err error
	if c.SMTPPort, err = strconv.Atoi(get("SMTP_PORT", "587")); err != nil {
		return c, fmt.Errorf("config: SMTP_PORT: %w", err)
	}
	if c.WorkerTick, err = time.ParseDuration(get("WORKER_TICK", "1m")); err != nil {
		return c, fmt.Errorf("config: WORKER_TICK: %w", err)
	}
	if c.ReferralBonusDelay, err = time.ParseDuration(get("REFERRAL_BONUS_DELAY", "2160h")); err != nil {
		return c, fmt.Errorf("config: REFERRAL_BONUS_DELAY: %w", err)
	}
	if c.DatabaseURL == "" && c.Env != "development" {
		return c, fmt.Errorf("config: DATABASE_URL is required in %s", c.Env)
	}
	return c, nil
}

func get(key, def string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return def
}
