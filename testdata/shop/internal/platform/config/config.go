// Package config loads the process configuration from the environment.
package config

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// Config is the configuration shared by cmd/shop and cmd/worker.
type Config struct {
	HTTPAddr        string
	DatabaseURL     string
	LogLevel        string
	AdminAPIKey     string
	Currency        string
	ShutdownTimeout time.Duration
	DB              DBConfig
	Payments        PaymentsConfig
	Shipping        ShippingConfig
	Worker          WorkerConfig
}

// DBConfig sizes the connection pool.
type DBConfig struct {
	MaxOpen         int
	MaxIdle         int
	ConnMaxLifetime time.Duration
}

// PaymentsConfig configures the payment provider.
type PaymentsConfig struct {
	Provider      string
	BaseURL       string
	APIKey        string
	WebhookSecret string
	CaptureAfter  time.Duration
}

// ShippingConfig configures carriers.
type ShippingConfig struct {
	OriginCountry  string
	DefaultCarrier string
	ExpressURL     string
	ExpressAccount string
	MaxParcelGrams int
}

// WorkerConfig configures background jobs.
type WorkerConfig struct {
	Interval       time.Duration
	ReservationTTL time.Duration
	CartTTL        time.Duration
	BatchSize      int
}

// FromEnv loads the configuration from the process environment.
func FromEnv() (Config, error) { return Load(os.Getenv) }

// Load reads the configuration through getenv.
func Load(getenv func(string) string) (Config, error) {
	r := reader{getenv: getenv}
	c := Config{
		HTTPAddr:        r.str("SHOP_HTTP_ADDR", ":8080"),
		DatabaseURL:     r.str("SHOP_DATABASE_URL", ""),
		LogLevel:        r.str("SHOP_LOG_LEVEL", "info"),
		AdminAPIKey:     r.str("SHOP_ADMIN_API_KEY", ""),
		Currency:        r.str("SHOP_CURRENCY", "EUR"),
		ShutdownTimeout: r.duration("SHOP_SHUTDOWN_TIMEOUT", 15*time.Second),
		DB: DBConfig{
			MaxOpen:         r.int("SHOP_DB_MAX_OPEN", 20),
			MaxIdle:         r.int("SHOP_DB_MAX_IDLE", 5),
			ConnMaxLifetime: r.duration("SHOP_DB_CONN_MAX_LIFETIME", 30*time.Minute),
		},
		Payments: PaymentsConfig{
			Provider:      r.str("SHOP_PAYMENTS_PROVIDER", "fake"),
			BaseURL:       r.str("SHOP_PAYMENTS_BASE_URL", ""),
			APIKey:        r.str("SHOP_PAYMENTS_API_KEY", ""),
			WebhookSecret: r.str("SHOP_PAYMENTS_WEBHOOK_SECRET", ""),
			CaptureAfter:  r.duration("SHOP_PAYMENTS_CAPTURE_AFTER", time.Hour),
		},
		Shipping: ShippingConfig{
			OriginCountry:  r.str("SHOP_SHIPPING_ORIGIN", "DE"),
			DefaultCarrier: r.str("SHOP_SHIPPING_CARRIER", "manual"),
			ExpressURL:     r.str("SHOP_SHIPPING_EXPRESS_URL", ""),
			ExpressAccount: r.str("SHOP_SHIPPING_EXPRESS_ACCOUNT", ""),
			MaxParcelGrams: r.int("SHOP_SHIPPING_MAX_PARCEL_GRAMS", 20000),
		},
		Worker: WorkerConfig{
			Interval:       r.duration("SHOP_WORKER_INTERVAL", time.Minute),
			ReservationTTL: r.duration("SHOP_RESERVATION_TTL", 30*time.Minute),
			CartTTL:        r.duration("SHOP_CART_TTL", 30*24*time.Hour),
			BatchSize:      r.int("SHOP_WORKER_BATCH", 100),
		},
	}
	if err := errors.Join(r.errs...); err != nil {
		return Config{}, err
	}
	return c, c.Validate()
}

// Validate checks the values that have no usable default.
func (c Config) Validate() error {
	var problems []string
	if c.DatabaseURL == "" {
		problems = append(problems, "SHOP_DATABASE_URL is required")
	}
	if c.Payments.Provider != "fake" && c.Payments.APIKey == "" {
		problems = append(problems, "SHOP_PAYMENTS_API_KEY is required for provider "+c.Payments.Provider)
	}
	if c.Payments.Provider != "fake" && c.Payments.WebhookSecret == "" {
		problems = append(problems, "SHOP_PAYMENTS_WEBHOOK_SECRET is required for provider "+c.Payments.Provider)
	}
	if c.Worker.BatchSize <= 0 {
		problems = append(problems, "SHOP_WORKER_BATCH must be positive")
	}
	if len(problems) > 0 {
		return fmt.Errorf("config: %s", strings.Join(problems, "; "))
	}
	return nil
}

type reader struct {
	getenv func(string) string
	errs   []error
}

func (r *reader) str(key, def string) string {
	if v := strings.TrimSpace(r.getenv(key)); v != "" {
		return v
	}
	return def
}

func (r *reader) int(key string, def int) int {
	v := r.getenv(key)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		r.errs = append(r.errs, fmt.Errorf("config: %s: %w", key, err))
		return def
	}
	return n
}

func (r *reader) duration(key string, def time.Duration) time.Duration {
	v := r.getenv(key)
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		r.errs = append(r.errs, fmt.Errorf("config: %s: %w", key, err))
		return def
	}
	return d
}
