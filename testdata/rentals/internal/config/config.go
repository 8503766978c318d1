// Package config loads process configuration from the environment.
package config

import (
	"os"
	"strconv"
	"time"
)

type Config struct {
	Env         string
	HTTPAddr    string
	DatabaseURL string
	DBDriver    string

	JWTSecret string

	GatewayBaseURL string
	GatewayAPIKey  string
	GatewayMerchID string

	ScreeningBaseURL string
	ScreeningAPIKey  string

	ESignBaseURL string
	ESignAPIKey  string

	SMTPHost    string
	SMTPFrom    string
	SMSProvider string
	SMSFrom     string

	StorageRoot string
	PublicURL   string

	LateFeeGraceDays     int
	LateFeeFlatCents     int64
	LateFeeMaxPctBps     int64
	DefaultMgmtFeeBps    int64
	OwnerReserveCents    int64
	WorkerTick           time.Duration
	SyndicationFeedToken string
}

func Load() Config {
	return Config{
		Env:                  get("APP_ENV", "development"),
		HTTPAddr:             get("HTTP_ADDR", ":8080"),
		DatabaseURL:          get("DATABASE_URL", "postgres://localhost/keystone?sslmode=disable"),
		DBDriver:             get("DB_DRIVER", "postgres"),
		JWTSecret:            get("JWT_SECRET", "dev-secret"),
		GatewayBaseURL:       get("GATEWAY_BASE_URL", "https://api.paylane.example/v2"),
		GatewayAPIKey:        get("GATEWAY_API_KEY", ""),
		GatewayMerchID:       get("GATEWAY_MERCHANT_ID", ""),
		ScreeningBaseURL:     get("SCREENING_BASE_URL", "https://screen.example.com/api"),
		ScreeningAPIKey:      get("SCREENING_API_KEY", ""),
		ESignBaseURL:         get("ESIGN_BASE_URL", "https://sign.example.com/v1"),
		ESignAPIKey:          get("ESIGN_API_KEY", ""),
		SMTPHost:             get("SMTP_HOST", "localhost:25"),
		SMTPFrom:             get("SMTP_FROM", "no-reply@keystoneprop.com"),
		SMSProvider:          get("SMS_PROVIDER", "log"),
		SMSFrom:              get("SMS_FROM", "+15555550100"),
		StorageRoot:          get("STORAGE_ROOT", "/var/lib/keystone/blobs"),
		PublicURL:            get("PUBLIC_URL", "http://localhost:8080"),
		LateFeeGraceDays:     getInt("LATE_FEE_GRACE_DAYS", 5),
		LateFeeFlatCents:     int64(getInt("LATE_FEE_FLAT_CENTS", 5000)),
		LateFeeMaxPctBps:     int64(getInt("LATE_FEE_MAX_PCT_BPS", 1000)),
		DefaultMgmtFeeBps:    int64(getInt("DEFAULT_MGMT_FEE_BPS", 800)),
		OwnerReserveCents:    int64(getInt("OWNER_RESERVE_CENTS", 25000)),
		WorkerTick:           getDuration("WORKER_TICK", time.Minute),
		SyndicationFeedToken: get("SYNDICATION_FEED_TOKEN", ""),
	}
}

func (c Config) IsProd() bool { return c.Env == "production" }

func get(k, def string) string {
	if v, ok := os.LookupEnv(k); ok && v != "" {
		return v
	}
	return def
}

func getInt(k string, def int) int {
	v := get(k, "")
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return def
	}
	return n
}

func getDuration(k string, def time.Duration) time.Duration {
	v := get(k, "")
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return def
	}
	return d
}
