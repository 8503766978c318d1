// Package config loads runtime configuration from the environment.
package config

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// Config is shared by every binary. Not every binary uses every field.
type Config struct {
	Env         string
	HTTPAddr    string
	DBDriver    string
	DatabaseURL string
	LogLevel    string

	Currency         string
	CountryCode      string // E.164 country code without '+', e.g. "44"
	OperatorID       string // our operator code at the porting clearinghouse
	TaxRegion        string
	PaymentTermDays  int
	DunningGraceDays int

	CDRInbox   string
	CDRArchive string

	PaymentGatewayURL string
	PaymentGatewayKey string
	KYCVendorURL      string
	KYCVendorKey      string
	SMDPURL           string
	HLRURL            string
	ClearinghouseURL  string
	ClearinghouseKey  string
	LogisticsURL      string
	SMSGatewayURL     string

	HTTPTimeout time.Duration
}

// Load reads configuration from environment variables with sane defaults.
func Load() (Config, error) {
	c := Config{
		Env:               env("MVNO_ENV", "dev"),
		HTTPAddr:          env("MVNO_HTTP_ADDR", ":8080"),
		DBDriver:          env("MVNO_DB_DRIVER", "postgres"),
		DatabaseURL:       env("MVNO_DATABASE_URL", ""),
		LogLevel:          env("MVNO_LOG_LEVEL", "info"),
		Currency:          env("MVNO_CURRENCY", "GBP"),
		CountryCode:       env("MVNO_COUNTRY_CODE", "44"),
		OperatorID:        env("MVNO_OPERATOR_ID", "MVN01"),
		TaxRegion:         env("MVNO_TAX_REGION", "GB"),
		CDRInbox:          env("MVNO_CDR_INBOX", "/var/spool/cdr/inbox"),
		CDRArchive:        env("MVNO_CDR_ARCHIVE", "/var/spool/cdr/archive"),
		PaymentGatewayURL: env("MVNO_PSP_URL", "https://psp.example.net"),
		PaymentGatewayKey: env("MVNO_PSP_KEY", ""),
		KYCVendorURL:      env("MVNO_KYC_URL", "https://kyc.example.net"),
		KYCVendorKey:      env("MVNO_KYC_KEY", ""),
		SMDPURL:           env("MVNO_SMDP_URL", "https://smdp.example.net"),
		HLRURL:            env("MVNO_HLR_URL", "http://hlr-gw.internal:7000"),
		ClearinghouseURL:  env("MVNO_NPC_URL", "https://npc.example.net"),
		ClearinghouseKey:  env("MVNO_NPC_KEY", ""),
		LogisticsURL:      env("MVNO_LOGISTICS_URL", "https://ship.example.net"),
		SMSGatewayURL:     env("MVNO_SMS_URL", "http://smsc-gw.internal:9090"),
	}
	var err error
	if c.PaymentTermDays, err = envInt("MVNO_PAYMENT_TERM_DAYS", 14); err != nil {
		return c, err
	}
	if c.DunningGraceDays, err = envInt("MVNO_DUNNING_GRACE_DAYS", 7); err != nil {
		return c, err
	}
	secs, err := envInt("MVNO_HTTP_TIMEOUT_SECONDS", 10)
	if err != nil {
		return c, err
	}
	c.HTTPTimeout = time.Duration(secs) * time.Second
	if c.DatabaseURL == "" && c.Env != "dev" {
		return c, fmt.Errorf("config: MVNO_DATABASE_URL is required in %s", c.Env)
	}
	if c.DatabaseURL == "" {
		c.DatabaseURL = "postgres://mvno:mvno@localhost:5432/mvno?sslmode=disable"
	}
	c.Currency = strings.ToUpper(c.Currency)
	return c, nil
}

func env(key, def string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return def
}

func envInt(key string, def int) (int, error) {
	v := env(key, "")
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("config: %s: %w", key, err)
	}
	return n, nil
}
