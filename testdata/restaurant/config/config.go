// Package config loads runtime configuration from the environment.
package config

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

// Config is the full configuration for every binary. Not every binary uses
// every field; unused values are simply ignored.
type Config struct {
	Env         string
	HTTPAddr    string
	DatabaseURL string

	// Card processor.
	GatewayURL string
	GatewayKey string

	// Delivery partners.
	SwiftDashSecret string
	SwiftDashURL    string
	GrubHopToken    string
	GrubHopURL      string

	// Notifications.
	SMSProviderURL string
	SMSFrom        string
	EmailFrom      string

	// Business rules that ops wanted to tune without a deploy.
	BusinessDayCutoverHour int
	DefaultTaxBasisPoints  int
	TipPoolPercent         int
	WorkerInterval         time.Duration
}

// Load reads the configuration from environment variables.
func Load() (*Config, error) {
	c := &Config{
		Env:             getenv("TC_ENV", "dev"),
		HTTPAddr:        getenv("TC_HTTP_ADDR", ":8080"),
		DatabaseURL:     os.Getenv("TC_DATABASE_URL"),
		GatewayURL:      getenv("TC_GATEWAY_URL", "https://api.paycore.example/v2"),
		GatewayKey:      os.Getenv("TC_GATEWAY_KEY"),
		SwiftDashSecret: os.Getenv("TC_SWIFTDASH_SECRET"),
		SwiftDashURL:    getenv("TC_SWIFTDASH_URL", "https://partners.swiftdash.example"),
		GrubHopToken:    os.Getenv("TC_GRUBHOP_TOKEN"),
		GrubHopURL:      getenv("TC_GRUBHOP_URL", "https://api.grubhop.example/v1"),
		SMSProviderURL:  os.Getenv("TC_SMS_URL"),
		SMSFrom:         getenv("TC_SMS_FROM", "+15550100"),
		EmailFrom:       getenv("TC_EMAIL_FROM", "ops@tablecraft.io"),
	}
	var err error
	if c.BusinessDayCutoverHour, err = getint("TC_CUTOVER_HOUR", 4); err != nil {
		return nil, err
	}
	if c.DefaultTaxBasisPoints, err = getint("TC_DEFAULT_TAX_BPS", 875); err != nil {
		return nil, err
	}
	if c.TipPoolPercent, err = getint("TC_TIP_POOL_PERCENT", 30); err != nil {
		return nil, err
	}
	iv, err := time.ParseDuration(getenv("TC_WORKER_INTERVAL", "1m"))
	if err != nil {
		return nil, fmt.Errorf("config: TC_WORKER_INTERVAL: %w", err)
	}
	c.WorkerInterval = iv
	if c.DatabaseURL == "" && c.Env != "dev" {
		return nil, fmt.Errorf("config: TC_DATABASE_URL is required in %s", c.Env)
	}
	return c, nil
}

func getenv(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func getint(k string, def int) (int, error) {
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
