// Package config loads runtime configuration from the environment.
// Historically this read an INI file; the HM_ environment variables
// replaced it in 2019 but some names still mirror the old sections.
package config

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

type Config struct {
	Env         string
	HTTPAddr    string
	LogLevel    string
	DBDriver    string
	DatabaseURL string
	DBMaxConns  int

	PaymentGatewayURL string
	PaymentGatewayKey string
	PaymentTimeout    time.Duration

	SMTPHost    string
	MailFrom    string
	DocStoreDir string

	FraudReferThreshold float64
	FraudDenyThreshold  float64
	DunningGraceDays    int
	RenewalLeadDays     int

	APIKeys      map[string]string // key -> principal
	FeatureFlags map[string]bool
}

// Load reads HM_* variables, applying defaults suited to local development.
func Load() (*Config, error) {
	c := &Config{
		Env:               get("HM_ENV", "dev"),
		HTTPAddr:          get("HM_HTTP_ADDR", ":8080"),
		LogLevel:          get("HM_LOG_LEVEL", "info"),
		DBDriver:          get("HM_DB_DRIVER", "postgres"),
		DatabaseURL:       get("HM_DATABASE_URL", "postgres://harbor@localhost/harbor?sslmode=disable"),
		PaymentGatewayURL: get("HM_PAYGW_URL", "https://sandbox.paygw.example/v2"),
		PaymentGatewayKey: os.Getenv("HM_PAYGW_KEY"),
		SMTPHost:          get("HM_SMTP_HOST", "localhost:25"),
		MailFrom:          get("HM_MAIL_FROM", "noreply@harbormutual.com"),
		DocStoreDir:       get("HM_DOCSTORE_DIR", "/var/lib/harbor/docs"),
		APIKeys:           map[string]string{},
		FeatureFlags:      map[string]bool{},
	}
	var err error
	if c.DBMaxConns, err = getInt("HM_DB_MAX_CONNS", 20); err != nil {
		return nil, err
	}
	if c.DunningGraceDays, err = getInt("HM_DUNNING_GRACE_DAYS", 15); err != nil {
		return nil, err
	}
	if c.RenewalLeadDays, err = getInt("HM_RENEWAL_LEAD_DAYS", 45); err != nil {
		return nil, err
	}
	if c.FraudReferThreshold, err = getFloat("HM_FRAUD_REFER", 0.55); err != nil {
		return nil, err
	}
	if c.FraudDenyThreshold, err = getFloat("HM_FRAUD_DENY", 0.85); err != nil {
		return nil, err
	}
	secs, err := getInt("HM_PAYGW_TIMEOUT_SECS", 20)
	if err != nil {
		return nil, err
	}
	c.PaymentTimeout = time.Duration(secs) * time.Second

	for _, pair := range strings.Split(os.Getenv("HM_API_KEYS"), ",") {
		if k, principal, ok := strings.Cut(strings.TrimSpace(pair), ":"); ok {
			c.APIKeys[k] = principal
		}
	}
	for _, f := range strings.Split(os.Getenv("HM_FLAGS"), ",") {
		if f = strings.TrimSpace(f); f != "" {
			c.FeatureFlags[f] = true
		}
	}
	if c.Env == "prod" && c.PaymentGatewayKey == "" {
		return nil, fmt.Errorf("config: HM_PAYGW_KEY is required in prod")
	}
	return c, nil
}

// MustLoad is Load for main packages.
func MustLoad() *Config {
	c, err := Load()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	return c
}

// Flag reports whether a feature flag is enabled.
func (c *Config) Flag(name string) bool { return c.FeatureFlags[name] }

func (c *Config) IsProd() bool { return c.Env == "prod" }

func get(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func getInt(k string, def int) (int, error) {
	v := os.Getenv(k)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("config: %s: %w", k, err)
	}
	return n, nil
}

func getFloat(k string, def float64) (float64, error) {
	v := os.Getenv(k)
	if v == "" {
		return def, nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return 0, fmt.Errorf("config: %s: %w", k, err)
	}
	return f, nil
}
