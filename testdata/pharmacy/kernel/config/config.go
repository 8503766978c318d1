// Package config loads runtime configuration from the environment.
package config

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// Config is the process-wide configuration. Every binary loads the same
// struct; fields a binary does not need are simply ignored.
type Config struct {
	Env, HTTPAddr, LogLevel string

	DatabaseURL     string
	DBMaxOpenConns  int
	ShutdownTimeout time.Duration

	NPIRegistryURL, PBMBaseURL, PBMProcessorID  string
	PayGatewayURL, PayGatewayKey, PayWebhookKey string
	CarrierURL, CarrierAPIKey                   string
	SMTPAddr, SMTPFrom, SMSGatewayURL           string

	ReminderLeadDays     int
	ReminderInterval     time.Duration
	ReservationTTL       time.Duration
	FreeShippingCents    int64
	StandardShippingCost int64
}

// Load reads configuration from environment variables, applying defaults
// suitable for local development.
func Load() (Config, error) {
	c := Config{
		Env:            get("RXNOW_ENV", "dev"),
		HTTPAddr:       get("RXNOW_HTTP_ADDR", ":8080"),
		LogLevel:       get("RXNOW_LOG_LEVEL", "info"),
		DatabaseURL:    get("DATABASE_URL", "postgres://rxnow:rxnow@localhost:5432/rxnow?sslmode=disable"),
		NPIRegistryURL: get("NPI_REGISTRY_URL", "https://npiregistry.cms.hhs.gov/api"),
		PBMBaseURL:     get("PBM_BASE_URL", "http://localhost:9101"),
		PBMProcessorID: get("PBM_PROCESSOR_ID", "RXNOW01"),
		PayGatewayURL:  get("PAY_GATEWAY_URL", "http://localhost:9102"),
		PayGatewayKey:  os.Getenv("PAY_GATEWAY_KEY"),
		PayWebhookKey:  os.Getenv("PAY_WEBHOOK_KEY"),
		CarrierURL:     get("CARRIER_URL", "http://localhost:9103"),
		CarrierAPIKey:  os.Getenv("CARRIER_API_KEY"),
		SMTPAddr:       get("SMTP_ADDR", "localhost:1025"),
		SMTPFrom:       get("SMTP_FROM", "care@rxnow.health"),
		SMSGatewayURL:  get("SMS_GATEWAY_URL", "http://localhost:9104"),
	}
	var errs []error
	c.DBMaxOpenConns = num(&errs, "DB_MAX_OPEN_CONNS", 20)
	c.ReminderLeadDays = num(&errs, "REMINDER_LEAD_DAYS", 5)
	c.FreeShippingCents = int64(num(&errs, "FREE_SHIPPING_CENTS", 3500))
	c.StandardShippingCost = int64(num(&errs, "STANDARD_SHIPPING_CENTS", 599))
	c.ShutdownTimeout = dur(&errs, "SHUTDOWN_TIMEOUT", 15*time.Second)
	c.ReminderInterval = dur(&errs, "REMINDER_INTERVAL", 15*time.Minute)
	c.ReservationTTL = dur(&errs, "RESERVATION_TTL", 2*time.Hour)
	if len(errs) > 0 {
		return c, errs[0]
	}
	if c.IsProduction() && c.PayWebhookKey == "" {
		return c, fmt.Errorf("config: PAY_WEBHOOK_KEY is required in production")
	}
	return c, nil
}

// IsProduction reports whether the process runs in the production environment.
func (c Config) IsProduction() bool {
	return strings.EqualFold(c.Env, "prod") || strings.EqualFold(c.Env, "production")
}

func get(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func num(errs *[]error, key string, def int) int {
	v := os.Getenv(key)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		*errs = append(*errs, fmt.Errorf("config: %s: %w", key, err))
	}
	return n
}

func dur(errs *[]error, key string, def time.Duration) time.Duration {
	v := os.Getenv(key)
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		*errs = append(*errs, fmt.Errorf("config: %s: %w", key, err))
	}
	return d
}
