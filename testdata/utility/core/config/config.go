// Package config loads process configuration from the environment. All
// binaries share one struct; each reads only what it needs.
package config

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

type Config struct {
	Env, HTTPAddr, DatabaseURL, DBDriver, LogLevel string
	APIKeys                                        []string

	VATRateBps      int // 500 = 5% domestic fuel VAT
	PaymentTermDays int
	InvoicePrefix   string

	DDLeadDays     int
	ServiceUserNum string // BACS SUN

	HubURL         string
	HubMPID        string // our market participant id
	DebtBlockPence int64

	SMTPAddr, MailFrom string
	IngestDir          string
	JobInterval        time.Duration
}

func Load() (Config, error) {
	c := Config{
		Env:            get("GRIDLINE_ENV", "dev"),
		HTTPAddr:       get("HTTP_ADDR", ":8080"),
		DatabaseURL:    os.Getenv("DATABASE_URL"),
		DBDriver:       get("DB_DRIVER", "postgres"),
		LogLevel:       get("LOG_LEVEL", "info"),
		InvoicePrefix:  get("INVOICE_PREFIX", "GL"),
		ServiceUserNum: get("BACS_SUN", "000000"),
		HubURL:         get("SWITCH_HUB_URL", "http://localhost:9102"),
		HubMPID:        get("MARKET_PARTICIPANT_ID", "GRDL"),
		SMTPAddr:       get("SMTP_ADDR", "localhost:25"),
		MailFrom:       get("MAIL_FROM", "hello@gridline.energy"),
		IngestDir:      get("INGEST_DIR", "/var/spool/gridline/reads"),
	}
	var errs []error
	c.VATRateBps = getInt("VAT_RATE_BPS", 500, &errs)
	c.PaymentTermDays = getInt("PAYMENT_TERM_DAYS", 14, &errs)
	c.DDLeadDays = getInt("DD_LEAD_DAYS", 3, &errs)
	c.DebtBlockPence = int64(getInt("SWITCH_DEBT_BLOCK_PENCE", 50000, &errs))
	if len(errs) > 0 {
		return c, errs[0]
	}
	var err error
	if c.JobInterval, err = time.ParseDuration(get("JOB_INTERVAL", "1m")); err != nil {
		return c, fmt.Errorf("config: JOB_INTERVAL: %w", err)
	}
	if k := os.Getenv("API_KEYS"); k != "" {
		c.APIKeys = strings.Split(k, ",")
	}
	if c.DatabaseURL == "" && c.Env != "dev" {
		return c, fmt.Errorf("config: DATABASE_URL is required outside dev")
	}
	return c, nil
}

func get(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func getInt(k string, def int, errs *[]error) int {
	v := os.Getenv(k)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		*errs = append(*errs, fmt.Errorf("config: %s: %w", k, err))
	}
	return n
}
