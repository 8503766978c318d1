// Package config loads runtime configuration from the environment.
package config

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

// Config is shared by every binary. Not every field is used by every binary.
type Config struct {
	HTTPAddr     string
	DatabaseURL  string
	LogLevel     string
	StaffToken   string
	KioskSecret  string
	Environment  string
	ShutdownWait time.Duration

	// Circulation defaults (overridable per policy row in loan_policies).
	DefaultLoanDays int
	HoldShelfDays   int
	LostAfterDays   int

	// Fines.
	FineBlockCents    int64
	PaymentGatewayURL string
	PaymentAPIKey     string

	// Notifications.
	SMTPAddr      string
	SMTPFrom      string
	SMSGatewayURL string
	SMSAPIKey     string

	WorkerInterval time.Duration
	ReportsDir     string
}

// Load reads the configuration, applying defaults for anything unset.
func Load() (*Config, error) {
	c := &Config{
		HTTPAddr:          env("ILS_HTTP_ADDR", ":8080"),
		DatabaseURL:       env("ILS_DATABASE_URL", "postgres://ils@localhost:5432/ils?sslmode=disable"),
		LogLevel:          env("ILS_LOG_LEVEL", "info"),
		StaffToken:        env("ILS_STAFF_TOKEN", ""),
		KioskSecret:       env("ILS_KIOSK_SECRET", ""),
		Environment:       env("ILS_ENV", "development"),
		PaymentGatewayURL: env("ILS_PAYMENT_URL", "https://payments.example.invalid/v2"),
		PaymentAPIKey:     env("ILS_PAYMENT_KEY", ""),
		SMTPAddr:          env("ILS_SMTP_ADDR", "localhost:25"),
		SMTPFrom:          env("ILS_SMTP_FROM", "noreply@citylib.org"),
		SMSGatewayURL:     env("ILS_SMS_URL", ""),
		SMSAPIKey:         env("ILS_SMS_KEY", ""),
		ReportsDir:        env("ILS_REPORTS_DIR", "/var/lib/ils/reports"),
	}
	var err error
	if c.DefaultLoanDays, err = envInt("ILS_DEFAULT_LOAN_DAYS", 21); err != nil {
		return nil, err
	}
	if c.HoldShelfDays, err = envInt("ILS_HOLD_SHELF_DAYS", 7); err != nil {
		return nil, err
	}
	if c.LostAfterDays, err = envInt("ILS_LOST_AFTER_DAYS", 45); err != nil {
		return nil, err
	}
	block, err := envInt("ILS_FINE_BLOCK_CENTS", 1000)
	if err != nil {
		return nil, err
	}
	c.FineBlockCents = int64(block)
	if c.ShutdownWait, err = envDuration("ILS_SHUTDOWN_WAIT", 15*time.Second); err != nil {
		return nil, err
	}
	if c.WorkerInterval, err = envDuration("ILS_WORKER_INTERVAL", time.Minute); err != nil {
		return nil, err
	}
	if c.Environment == "production" && c.StaffToken == "" {
		return nil, fmt.Errorf("config: ILS_STAFF_TOKEN is required in production")
	}
	return c, nil
}

func env(key, def string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return def
}

func envInt(key string, def int) (int, error) {
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

func envDuration(key string, def time.Duration) (time.Duration, error) {
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
