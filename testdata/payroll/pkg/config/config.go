// Package config loads process configuration from the environment.
package config

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// Config is the full configuration of a Ledgerly process.
type Config struct {
	Env          string
	HTTPAddr     string
	DatabaseURL  string
	DBMaxConns   int
	LogLevel     string
	JWTSecret    string
	SMTPHost     string
	SMTPFrom     string
	BankOriginID string
	TaxAgencyURL string
	JobsEnabled  []string
	JobInterval  time.Duration
	Features     map[string]bool
}

// Load reads configuration from environment variables with sane defaults.
func Load() (*Config, error) {
	c := &Config{
		Env:          get("LEDGERLY_ENV", "development"),
		HTTPAddr:     get("LEDGERLY_HTTP_ADDR", ":8080"),
		DatabaseURL:  get("DATABASE_URL", "postgres://localhost:5432/people?sslmode=disable"),
		DBMaxConns:   getInt("DB_MAX_CONNS", 20),
		LogLevel:     get("LOG_LEVEL", "info"),
		JWTSecret:    os.Getenv("JWT_SECRET"),
		SMTPHost:     get("SMTP_HOST", "localhost:25"),
		SMTPFrom:     get("SMTP_FROM", "no-reply@ledgerly.io"),
		BankOriginID: get("BANK_ORIGIN_ID", "1234567890"),
		TaxAgencyURL: get("TAX_AGENCY_URL", "https://efile.example.gov/api"),
		JobInterval:  getDuration("JOB_TICK", time.Minute),
		Features:     map[string]bool{},
	}
	if v := os.Getenv("JOBS_ENABLED"); v != "" {
		c.JobsEnabled = strings.Split(v, ",")
	}
	for _, f := range strings.Split(os.Getenv("FEATURES"), ",") {
		if f = strings.TrimSpace(f); f != "" {
			c.Features[f] = true
		}
	}
	if c.Env == "production" && c.JWTSecret == "" {
		return nil, fmt.Errorf("config: JWT_SECRET is required in production")
	}
	return c, nil
}

// Feature reports whether a feature flag is on.
func (c *Config) Feature(name string) bool { return c.Features[name] }

// JobEnabled reports whether the named job should run in this process.
func (c *Config) JobEnabled(name string) bool {
	if len(c.JobsEnabled) == 0 {
		return true
	}
	for _, j := range c.JobsEnabled {
		if j == name || j == "*" {
			return true
		}
	}
	return false
}

func get(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func getInt(k string, def int) int {
	if v := os.Getenv(k); v != "" {
		if n, err := strconv.Atoi(v); err == nil {
			return n
		}
	}
	return def
}

func getDuration(k string, def time.Duration) time.Duration {
	if v := os.Getenv(k); v != "" {
		if d, err := time.ParseDuration(v); err == nil {
			return d
		}
	}
	return def
}
