// Package config loads process configuration from the environment.
package config

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

// Config is the union of settings used by Gatehouse binaries.
type Config struct {
	Env            string
	HTTPAddr       string
	PublicBaseURL  string
	DatabaseURL    string
	LogLevel       string
	LogJSON        bool
	JWTSecret      string
	BarcodeKey     string
	PSPBaseURL     string
	PSPAPIKey      string
	PSPWebhookKey  string
	SMTPAddr       string
	NewsletterFrom string
	HoldTTL        time.Duration
	SweepInterval  time.Duration
	SettlementDay  time.Weekday
	FraudThreshold int
}

// Load reads configuration from environment variables with defaults.
func Load() (Config, error) {
	c := Config{
		Env:            get("GATEHOUSE_ENV", "dev"),
		HTTPAddr:       get("HTTP_ADDR", ":8080"),
		PublicBaseURL:  get("PUBLIC_BASE_URL", "https://gatehouse.events"),
		DatabaseURL:    get("DATABASE_URL", "postgres://gatehouse@localhost:5432/gatehouse?sslmode=disable"),
		LogLevel:       get("LOG_LEVEL", "info"),
		LogJSON:        getBool("LOG_JSON", false),
		JWTSecret:      get("JWT_SECRET", ""),
		BarcodeKey:     get("BARCODE_HMAC_KEY", ""),
		PSPBaseURL:     get("PSP_BASE_URL", "https://api.paywell.example/v2"),
		PSPAPIKey:      get("PSP_API_KEY", ""),
		PSPWebhookKey:  get("PSP_WEBHOOK_SECRET", ""),
		SMTPAddr:       get("SMTP_ADDR", "localhost:1025"),
		NewsletterFrom: get("NEWSLETTER_FROM", "hello@gatehouse.events"),
		HoldTTL:        getDuration("HOLD_TTL", 10*time.Minute),
		SweepInterval:  getDuration("HOLD_SWEEP_INTERVAL", 30*time.Second),
		SettlementDay:  time.Weekday(getInt("SETTLEMENT_WEEKDAY", int(time.Tuesday))),
		FraudThreshold: getInt("FRAUD_THRESHOLD", 70),
	}
	if c.Env != "dev" {
		if c.JWTSecret == "" {
			return c, fmt.Errorf("config: JWT_SECRET is required in %s", c.Env)
		}
		if c.BarcodeKey == "" {
			return c, fmt.Errorf("config: BARCODE_HMAC_KEY is required in %s", c.Env)
		}
	}
	if c.JWTSecret == "" {
		c.JWTSecret = "dev-only-secret"
	}
	if c.BarcodeKey == "" {
		c.BarcodeKey = "dev-only-barcode-key"
	}
	return c, nil
}

func get(k, def string) string {
	if v, ok := os.LookupEnv(k); ok && v != "" {
		return v
	}
	return def
}

func getBool(k string, def bool) bool {
	v, err := strconv.ParseBool(get(k, strconv.FormatBool(def)))
	if err != nil {
		return def
	}
	return v
}

func getInt(k string, def int) int {
	v, err := strconv.Atoi(get(k, strconv.Itoa(def)))
	if err != nil {
		return def
	}
	return v
}

func getDuration(k string, def time.Duration) time.Duration {
	v, err := time.ParseDuration(get(k, def.String()))
	if err != nil {
		return def
	}
	return v
}
