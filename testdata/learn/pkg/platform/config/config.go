// Package config loads process configuration from the environment.
package config

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

// Config is shared by every binary; not every field is used by every binary.
type Config struct {
	Env         string
	HTTPAddr    string
	RPCAddr     string
	DatabaseURL string
	DBDriver    string
	DBMaxConns  int

	TokenSecret   string
	TokenTTL      time.Duration
	PublicBaseURL string

	SMTPAddr string
	MailFrom string

	StripeKey           string
	StripeWebhookSecret string
	MuxTokenID          string
	MuxTokenSecret      string
	ObjectStoreBucket   string
	ObjectStoreEndpoint string
	TurnitinKey         string

	WorkerConcurrency int
}

// Load reads config from the environment, applying defaults.
func Load() (*Config, error) {
	c := &Config{
		Env:                 get("QUILL_ENV", "dev"),
		HTTPAddr:            get("QUILL_HTTP_ADDR", ":8080"),
		RPCAddr:             get("QUILL_RPC_ADDR", ":9090"),
		DatabaseURL:         get("DATABASE_URL", "postgres://quill@localhost/quill?sslmode=disable"),
		DBDriver:            get("QUILL_DB_DRIVER", "postgres"),
		DBMaxConns:          getInt("QUILL_DB_MAX_CONNS", 20),
		TokenSecret:         get("QUILL_TOKEN_SECRET", ""),
		TokenTTL:            getDuration("QUILL_TOKEN_TTL", 24*time.Hour),
		PublicBaseURL:       get("QUILL_PUBLIC_URL", "http://localhost:8080"),
		SMTPAddr:            get("SMTP_ADDR", "localhost:1025"),
		MailFrom:            get("MAIL_FROM", "Quill Academy <no-reply@quill.dev>"),
		StripeKey:           get("STRIPE_KEY", ""),
		StripeWebhookSecret: get("STRIPE_WEBHOOK_SECRET", ""),
		MuxTokenID:          get("MUX_TOKEN_ID", ""),
		MuxTokenSecret:      get("MUX_TOKEN_SECRET", ""),
		ObjectStoreBucket:   get("OBJECT_BUCKET", "quill-media"),
		ObjectStoreEndpoint: get("OBJECT_ENDPOINT", "https://s3.amazonaws.com"),
		TurnitinKey:         get("TURNITIN_KEY", ""),
		WorkerConcurrency:   getInt("QUILL_WORKER_CONCURRENCY", 4),
	}
	if c.Env == "prod" && c.TokenSecret == "" {
		return nil, fmt.Errorf("config: QUILL_TOKEN_SECRET is required in prod")
	}
	if c.TokenSecret == "" {
		c.TokenSecret = "dev-insecure-secret"
	}
	return c, nil
}

func get(k, def string) string {
	if v, ok := os.LookupEnv(k); ok && v != "" {
		return v
	}
	return def
}

func getInt(k string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(k)); err == nil {
		return v
	}
	return def
}

func getDuration(k string, def time.Duration) time.Duration {
	if v, err := time.ParseDuration(os.Getenv(k)); err == nil {
		return v
	}
	return def
}
