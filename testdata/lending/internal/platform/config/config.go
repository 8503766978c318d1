// Package config loads process configuration from the environment.
package config

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

// Config is shared by every binary; each one only reads what it needs.
type Config struct {
	Env            string
	HTTPAddr       string
	PartnerAddr    string
	DatabaseDriver string
	DatabaseURL    string
	AuthSecret     string

	ExperianURL string
	ExperianKey string
	KYCURL      string
	KYCKey      string
	ACHURL      string
	ACHOriginID string
	SMSURL      string
	EmailURL    string

	LateFeeCents    int64
	GracePeriodDays int
	NSFFeeCents     int64
	WorkerInterval  time.Duration
	ServicedStates  []string
}

// Load reads the environment and applies defaults.
func Load() (*Config, error) {
	c := &Config{
		Env:            get("LW_ENV", "dev"),
		HTTPAddr:       get("LW_HTTP_ADDR", ":8080"),
		PartnerAddr:    get("LW_PARTNER_ADDR", ":8090"),
		DatabaseDriver: get("LW_DB_DRIVER", "postgres"),
		DatabaseURL:    get("LW_DATABASE_URL", "postgres://localhost/lendwise?sslmode=disable"),
		AuthSecret:     get("LW_AUTH_SECRET", "dev-secret"),
		ExperianURL:    get("LW_EXPERIAN_URL", "https://sandbox.experian.example/v2"),
		ExperianKey:    os.Getenv("LW_EXPERIAN_KEY"),
		KYCURL:         get("LW_KYC_URL", "https://sandbox.kyc.example/v1"),
		KYCKey:         os.Getenv("LW_KYC_KEY"),
		ACHURL:         get("LW_ACH_URL", "https://sandbox.ach.example"),
		ACHOriginID:    get("LW_ACH_ORIGIN_ID", "1234567890"),
		SMSURL:         get("LW_SMS_URL", "https://sms.example/send"),
		EmailURL:       get("LW_EMAIL_URL", "https://mail.example/send"),
		ServicedStates: []string{"CA", "TX", "FL", "AZ", "UT", "MO", "OH", "IL"},
	}
	var err error
	if c.LateFeeCents, err = strconv.ParseInt(get("LW_LATE_FEE_CENTS", "1500"), 10, 64); err != nil {
		return nil, fmt.Errorf("config: LW_LATE_FEE_CENTS: %w", err)
	}
	if c.NSFFeeCents, err = strconv.ParseInt(get("LW_NSF_FEE_CENTS", "2500"), 10, 64); err != nil {
		return nil, fmt.Errorf("config: LW_NSF_FEE_CENTS: %w", err)
	}
	if c.GracePeriodDays, err = strconv.Atoi(get("LW_GRACE_DAYS", "10")); err != nil {
		return nil, fmt.Errorf("config: LW_GRACE_DAYS: %w", err)
	}
	if c.WorkerInterval, err = time.ParseDuration(get("LW_WORKER_INTERVAL", "5m")); err != nil {
		return nil, fmt.Errorf("config: LW_WORKER_INTERVAL: %w", err)
	}
	if c.Env == "prod" && c.AuthSecret == "dev-secret" {
		return nil, fmt.Errorf("config: LW_AUTH_SECRET must be set in prod")
	}
	return c, nil
}

func get(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
