// Package config loads process configuration from the environment.
package config

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

type Config struct {
	Env          string
	HTTPAddr     string
	AdServerAddr string

	DatabaseDriver string
	DatabaseURL    string

	SMTPAddr string
	SMTPFrom string

	GatewayBaseURL string
	GatewayAPIKey  string

	StaffTokenSecret string

	PaywallFreeArticles  int
	DunningMaxAttempts   int
	RollupInterval       time.Duration
	PayoutThresholdCents int64
	Currency             string
	PayoutExportDir      string
}

func Load() (*Config, error) {
	c := &Config{
		Env:              getenv("NEWSROOM_ENV", "development"),
		HTTPAddr:         getenv("HTTP_ADDR", ":8080"),
		AdServerAddr:     getenv("ADSERVER_ADDR", ":8090"),
		DatabaseDriver:   getenv("DATABASE_DRIVER", "postgres"),
		DatabaseURL:      os.Getenv("DATABASE_URL"),
		SMTPAddr:         getenv("SMTP_ADDR", "localhost:25"),
		SMTPFrom:         getenv("SMTP_FROM", "newsletters@dailyherald.example"),
		GatewayBaseURL:   getenv("GATEWAY_BASE_URL", "https://api.payments.example/v2"),
		GatewayAPIKey:    os.Getenv("GATEWAY_API_KEY"),
		StaffTokenSecret: os.Getenv("STAFF_TOKEN_SECRET"),
		Currency:         getenv("CURRENCY", "GBP"),
		PayoutExportDir:  getenv("PAYOUT_EXPORT_DIR", "/var/lib/newsroom/payouts"),
	}
	var err error
	if c.PaywallFreeArticles, err = getInt("PAYWALL_FREE_ARTICLES", 5); err != nil {
		return nil, err
	}
	if c.DunningMaxAttempts, err = getInt("DUNNING_MAX_ATTEMPTS", 4); err != nil {
		return nil, err
	}
	threshold, err := getInt("PAYOUT_THRESHOLD_CENTS", 2500)
	if err != nil {
		return nil, err
	}
	c.PayoutThresholdCents = int64(threshold)
	if c.RollupInterval, err = time.ParseDuration(getenv("ROLLUP_INTERVAL", "15m")); err != nil {
		return nil, fmt.Errorf("config: ROLLUP_INTERVAL: %w", err)
	}
	if c.DatabaseURL == "" {
		return nil, fmt.Errorf("config: DATABASE_URL is required")
	}
	return c, nil
}

func (c *Config) IsProduction() bool { return c.Env == "production" }

func getenv(key, def string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
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
