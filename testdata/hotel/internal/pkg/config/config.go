// Package config loads process configuration from the environment.
package config

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// Config is shared by the api server, the worker and the admin CLI.
type Config struct {
	Env         string
	HTTPAddr    string
	DatabaseURL string
	LogLevel    string
	LogJSON     bool

	SMTPAddr string
	MailFrom string

	PSPBaseURL     string
	PSPAPIKey      string
	PSPMerchantID  string
	PSPWebhookKey  string
	UseFakePSP     bool
	RefundApproval int64 // refunds above this many cents need a manager

	BookingComURL string
	BookingComKey string
	ExpediaURL    string
	ExpediaKey    string

	PendingTTL     time.Duration
	WorkerInterval time.Duration
	CalendarDays   int

	StaffTokens map[string]string // token -> "staffID:hotelID:role,role"
}

// Load reads the configuration and validates required values.
func Load() (*Config, error) {
	c := &Config{
		Env:            get("STAYBRIGHT_ENV", "dev"),
		HTTPAddr:       get("HTTP_ADDR", ":8080"),
		DatabaseURL:    get("DATABASE_URL", ""),
		LogLevel:       get("LOG_LEVEL", "info"),
		LogJSON:        getBool("LOG_JSON", false),
		SMTPAddr:       get("SMTP_ADDR", ""),
		MailFrom:       get("MAIL_FROM", "reservations@staybright.example"),
		PSPBaseURL:     get("PSP_BASE_URL", "https://psp.example/v2"),
		PSPAPIKey:      get("PSP_API_KEY", ""),
		PSPMerchantID:  get("PSP_MERCHANT_ID", "STAYBRIGHT"),
		PSPWebhookKey:  get("PSP_WEBHOOK_KEY", ""),
		UseFakePSP:     getBool("PSP_FAKE", false),
		RefundApproval: int64(getInt("REFUND_APPROVAL_CENTS", 50000)),
		BookingComURL:  get("BOOKINGCOM_URL", "https://supply-xml.booking.example"),
		BookingComKey:  get("BOOKINGCOM_KEY", ""),
		ExpediaURL:     get("EXPEDIA_URL", "https://services.expediapartnercentral.example"),
		ExpediaKey:     get("EXPEDIA_KEY", ""),
		PendingTTL:     getDuration("PENDING_TTL", 20*time.Minute),
		WorkerInterval: getDuration("WORKER_INTERVAL", time.Minute),
		CalendarDays:   getInt("CALENDAR_DAYS", 400),
		StaffTokens:    parseTokens(get("STAFF_TOKENS", "")),
	}
	if c.DatabaseURL == "" {
		return nil, fmt.Errorf("config: DATABASE_URL is required")
	}
	if c.Env == "prod" && c.PSPAPIKey == "" && !c.UseFakePSP {
		return nil, fmt.Errorf("config: PSP_API_KEY is required in prod")
	}
	return c, nil
}

func get(key, def string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return def
}

func getBool(key string, def bool) bool {
	v, err := strconv.ParseBool(get(key, strconv.FormatBool(def)))
	if err != nil {
		return def
	}
	return v
}

func getInt(key string, def int) int {
	v, err := strconv.Atoi(get(key, strconv.Itoa(def)))
	if err != nil {
		return def
	}
	return v
}

func getDuration(key string, def time.Duration) time.Duration {
	v, err := time.ParseDuration(get(key, def.String()))
	if err != nil {
		return def
	}
	return v
}

func parseTokens(s string) map[string]string {
	out := map[string]string{}
	for _, pair := range strings.Split(s, ";") {
		tok, principal, ok := strings.Cut(strings.TrimSpace(pair), "=")
		if ok && tok != "" {
			out[tok] = principal
		}
	}
	return out
}
