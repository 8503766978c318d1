// Package config loads process configuration from the environment.
package config

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// Config is shared by every binary; not every field is used by every binary.
type Config struct {
	Env             string
	HTTPAddr        string
	DoorGateAddr    string
	DatabaseURL     string
	DBMaxOpen       int
	Currency        string
	VATRateBP       int // basis points, 2000 = 20%
	DDCollectionDay int // day of month direct debits are collected
	DDLeadDays      int
	SMTPHost        string
	SMTPFrom        string
	WorkerInterval  time.Duration
	FeatureFlags    map[string]bool
}

func getenv(key, def string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return def
}

func getint(key string, def int) (int, error) {
	v := getenv(key, "")
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("config: %s: %w", key, err)
	}
	return n, nil
}

// Load reads the configuration from PULSE_* environment variables.
func Load() (*Config, error) {
	c := &Config{
		Env:          getenv("PULSE_ENV", "dev"),
		HTTPAddr:     getenv("PULSE_HTTP_ADDR", ":8080"),
		DoorGateAddr: getenv("PULSE_DOORGATE_ADDR", ":8090"),
		DatabaseURL:  getenv("PULSE_DATABASE_URL", "postgres://localhost/pulsefit?sslmode=disable"),
		Currency:     getenv("PULSE_CURRENCY", "GBP"),
		SMTPHost:     getenv("PULSE_SMTP_HOST", "localhost:25"),
		SMTPFrom:     getenv("PULSE_SMTP_FROM", "no-reply@pulsefit.example"),
		FeatureFlags: map[string]bool{},
	}
	var err error
	if c.DBMaxOpen, err = getint("PULSE_DB_MAX_OPEN", 20); err != nil {
		return nil, err
	}
	if c.VATRateBP, err = getint("PULSE_VAT_BP", 2000); err != nil {
		return nil, err
	}
	if c.DDCollectionDay, err = getint("PULSE_DD_DAY", 1); err != nil {
		return nil, err
	}
	if c.DDLeadDays, err = getint("PULSE_DD_LEAD_DAYS", 3); err != nil {
		return nil, err
	}
	if c.DDCollectionDay < 1 || c.DDCollectionDay > 28 {
		return nil, fmt.Errorf("config: PULSE_DD_DAY must be 1..28, got %d", c.DDCollectionDay)
	}
	iv, err := time.ParseDuration(getenv("PULSE_WORKER_INTERVAL", "5m"))
	if err != nil {
		return nil, fmt.Errorf("config: PULSE_WORKER_INTERVAL: %w", err)
	}
	c.WorkerInterval = iv
	for _, f := range strings.Split(getenv("PULSE_FLAGS", ""), ",") {
		if f = strings.TrimSpace(f); f != "" {
			c.FeatureFlags[f] = true
		}
	}
	return c, nil
}

// Enabled reports whether a feature flag is on.
func (c *Config) Enabled(flag string) bool { return c.FeatureFlags[flag] }
