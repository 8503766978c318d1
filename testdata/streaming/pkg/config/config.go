// Package config loads process configuration from the environment.
package config

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// Config is shared by every binary; not every binary uses every field.
type Config struct {
	Env                  string
	HTTPAddr             string
	DatabaseURL          string
	DatabaseDriver       string
	LogLevel             string
	DefaultTerritory     string
	DRMSigningKey        string
	DRMLicenseTTL        time.Duration
	PaymentGatewayURL    string
	PaymentAPIKey        string
	AdTierPlanCode       string
	WorkerInterval       time.Duration
	HeartbeatTimeout     time.Duration
	RecommendationTTL    time.Duration
	TranscodeConcurrency int
	CDNBaseURL           string
}

// Load reads the configuration, applying defaults for local development.
func Load() (Config, error) {
	c := Config{
		Env:                  get("FLICK_ENV", "dev"),
		HTTPAddr:             get("FLICK_HTTP_ADDR", ":8080"),
		DatabaseURL:          get("FLICK_DATABASE_URL", "postgres://flick:flick@localhost:5432/flick?sslmode=disable"),
		DatabaseDriver:       get("FLICK_DATABASE_DRIVER", "postgres"),
		LogLevel:             get("FLICK_LOG_LEVEL", "info"),
		DefaultTerritory:     strings.ToUpper(get("FLICK_DEFAULT_TERRITORY", "US")),
		DRMSigningKey:        get("FLICK_DRM_SIGNING_KEY", ""),
		PaymentGatewayURL:    get("FLICK_PAYMENT_GATEWAY_URL", "https://payments.sandbox.example.com"),
		PaymentAPIKey:        get("FLICK_PAYMENT_API_KEY", ""),
		AdTierPlanCode:       get("FLICK_AD_TIER_PLAN", "basic_ads"),
		CDNBaseURL:           get("FLICK_CDN_BASE_URL", "https://cdn.flickstream.example"),
		TranscodeConcurrency: 2,
	}
	var err error
	if c.DRMLicenseTTL, err = duration("FLICK_DRM_LICENSE_TTL", 4*time.Hour); err != nil {
		return c, err
	}
	if c.WorkerInterval, err = duration("FLICK_WORKER_INTERVAL", 30*time.Second); err != nil {
		return c, err
	}
	if c.HeartbeatTimeout, err = duration("FLICK_HEARTBEAT_TIMEOUT", 90*time.Second); err != nil {
		return c, err
	}
	if c.RecommendationTTL, err = duration("FLICK_RECS_TTL", 6*time.Hour); err != nil {
		return c, err
	}
	if v := os.Getenv("FLICK_TRANSCODE_CONCURRENCY"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return c, fmt.Errorf("config: FLICK_TRANSCODE_CONCURRENCY must be a positive integer, got %q", v)
		}
		c.TranscodeConcurrency = n
	}
	if c.Env == "prod" && c.DRMSigningKey == "" {
		return c, fmt.Errorf("config: FLICK_DRM_SIGNING_KEY is required in prod")
	}
	if c.DRMSigningKey == "" {
		c.DRMSigningKey = "dev-only-insecure-key"
	}
	return c, nil
}

func get(key, def string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return def
}

func duration(key string, def time.Duration) (time.Duration, error) {
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
