// Package config loads process configuration from the environment.
package config

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

// Config is the union of settings used by Zipcab binaries.
type Config struct {
	Env         string
	HTTPAddr    string
	LogLevel    string
	DatabaseURL string
	JWTSecret   string

	PaymentGatewayURL string
	PaymentGatewayKey string
	SMSBaseURL        string
	SMSAccountSID     string
	SMSAuthToken      string
	SMSFromNumber     string
	MapsBaseURL       string
	MapsAPIKey        string
	BGCheckURL        string
	BGCheckAPIKey     string

	DispatchRadiusKm      float64
	DispatchMaxCandidates int
	TripRequestTTL        time.Duration
	SurgeInterval         time.Duration
	PayoutCurrency        string
}

// Load reads the configuration from environment variables.
func Load() (*Config, error) {
	c := &Config{
		Env:               get("ZIPCAB_ENV", "dev"),
		HTTPAddr:          get("HTTP_ADDR", ":8080"),
		LogLevel:          get("LOG_LEVEL", "info"),
		DatabaseURL:       os.Getenv("DATABASE_URL"),
		JWTSecret:         os.Getenv("JWT_SECRET"),
		PaymentGatewayURL: get("PAYGW_URL", "https://api.paystream.example/v2"),
		PaymentGatewayKey: os.Getenv("PAYGW_KEY"),
		SMSBaseURL:        get("SMS_URL", "https://api.textwire.example/2010-04-01"),
		SMSAccountSID:     os.Getenv("SMS_SID"),
		SMSAuthToken:      os.Getenv("SMS_TOKEN"),
		SMSFromNumber:     get("SMS_FROM", "+15550100"),
		MapsBaseURL:       get("MAPS_URL", "https://routes.mapvendor.example/v1"),
		MapsAPIKey:        os.Getenv("MAPS_KEY"),
		BGCheckURL:        get("BGCHECK_URL", "https://api.clearpath.example"),
		BGCheckAPIKey:     os.Getenv("BGCHECK_KEY"),
		PayoutCurrency:    get("PAYOUT_CURRENCY", "USD"),
	}
	var err error
	if c.DispatchRadiusKm, err = strconv.ParseFloat(get("DISPATCH_RADIUS_KM", "4.5"), 64); err != nil {
		return nil, fmt.Errorf("config: DISPATCH_RADIUS_KM: %w", err)
	}
	if c.DispatchMaxCandidates, err = strconv.Atoi(get("DISPATCH_MAX_CANDIDATES", "8")); err != nil {
		return nil, fmt.Errorf("config: DISPATCH_MAX_CANDIDATES: %w", err)
	}
	if c.TripRequestTTL, err = time.ParseDuration(get("TRIP_REQUEST_TTL", "3m")); err != nil {
		return nil, fmt.Errorf("config: TRIP_REQUEST_TTL: %w", err)
	}
	if c.SurgeInterval, err = time.ParseDuration(get("SURGE_INTERVAL", "60s")); err != nil {
		return nil, fmt.Errorf("config: SURGE_INTERVAL: %w", err)
	}
	if c.DatabaseURL == "" && c.Env != "dev" {
		return nil, fmt.Errorf("config: DATABASE_URL is required in %s", c.Env)
	}
	if c.DatabaseURL == "" {
		c.DatabaseURL = "postgres://zipcab:zipcab@localhost:5432/zipcab?sslmode=disable"
	}
	if c.JWTSecret == "" {
		c.JWTSecret = "dev-secret-do-not-use"
	}
	return c, nil
}

func get(key, def string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return def
}
