// Package config loads process configuration from the environment.
package config

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

type Config struct {
	Env             string
	HTTPAddr        string
	DatabaseURL     string
	LogLevel        string
	LogJSON         bool
	PaymentsAPIKey  string
	PaymentsBaseURL string
	PayoutInterval  time.Duration
	ReindexInterval time.Duration
	PlatformFeeBps  int64
	SMTPAddr        string
	WebhookSecret   string
	CarrierAPIURL   string
	ImageBucketURL  string
	ImageCDNURL     string
	ImageSecret     string
}

func Load() (Config, error) {
	c := Config{
		Env:             get("LOOMLY_ENV", "dev"),
		HTTPAddr:        get("HTTP_ADDR", ":8080"),
		DatabaseURL:     os.Getenv("DATABASE_URL"),
		LogLevel:        get("LOG_LEVEL", "info"),
		LogJSON:         get("LOG_JSON", "true") == "true",
		PaymentsAPIKey:  os.Getenv("PAYMENTS_API_KEY"),
		PaymentsBaseURL: get("PAYMENTS_BASE_URL", "https://api.paybridge.example/v2"),
		SMTPAddr:        get("SMTP_ADDR", "localhost:25"),
		WebhookSecret:   os.Getenv("PAYBRIDGE_WEBHOOK_SECRET"),
		CarrierAPIURL:   get("CARRIER_API_URL", "https://track.shipgrid.example/v1"),
		ImageBucketURL:  get("IMAGE_BUCKET_URL", "https://uploads.loomly-media.example"),
		ImageCDNURL:     get("IMAGE_CDN_URL", "https://img.loomly.example"),
		ImageSecret:     os.Getenv("IMAGE_SIGNING_SECRET"),
	}
	var err error
	if c.PayoutInterval, err = time.ParseDuration(get("PAYOUT_INTERVAL", "24h")); err != nil {
		return c, fmt.Errorf("config: PAYOUT_INTERVAL: %w", err)
	}
	if c.ReindexInterval, err = time.ParseDuration(get("REINDEX_INTERVAL", "5m")); err != nil {
		return c, fmt.Errorf("config: REINDEX_INTERVAL: %w", err)
	}
	if c.PlatformFeeBps, err = strconv.ParseInt(get("PLATFORM_FEE_BPS", "650"), 10, 64); err != nil {
		return c, fmt.Errorf("config: PLATFORM_FEE_BPS: %w", err)
	}
	if c.DatabaseURL == "" && c.Env != "dev" {
		return c, fmt.Errorf("config: DATABASE_URL is required in %s", c.Env)
	}
	if c.DatabaseURL == "" {
		c.DatabaseURL = "postgres://loomly:loomly@localhost:5432/loomly?sslmode=disable"
	}
	return c, nil
}

func (c Config) IsProd() bool { return c.Env == "prod" }

func get(k, def string) string {
	if v, ok := os.LookupEnv(k); ok && v != "" {
		return v
	}
	return def
}
