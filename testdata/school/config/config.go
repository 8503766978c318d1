// Package config loads runtime settings from the environment. It replaced
// config/application.yml when the app was ported off Rails.
package config

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

type Config struct {
	HTTPAddr           string
	DatabaseDriver     string
	DatabaseURL        string
	DistrictTimezone   string
	SchoolYear         int
	SMSGatewayURL      string
	SMSGatewayToken    string
	SMTPAddr           string
	MailFrom           string
	LowBalanceCents    int64
	NegativeLimitCents int64
	TruancyThreshold   int
	WorkerInterval     time.Duration
}

func Load() (*Config, error) {
	c := &Config{
		HTTPAddr:           env("SIS_HTTP_ADDR", ":8080"),
		DatabaseDriver:     env("SIS_DB_DRIVER", "postgres"),
		DatabaseURL:        os.Getenv("DATABASE_URL"),
		DistrictTimezone:   env("SIS_TZ", "America/Chicago"),
		SMSGatewayURL:      env("SIS_SMS_URL", "https://sms.k12district.internal/v1/messages"),
		SMSGatewayToken:    os.Getenv("SIS_SMS_TOKEN"),
		SMTPAddr:           env("SIS_SMTP_ADDR", "mail.k12district.internal:25"),
		MailFrom:           env("SIS_MAIL_FROM", "noreply@k12district.org"),
		LowBalanceCents:    int64(envInt("SIS_LOW_BALANCE_CENTS", 500)),
		NegativeLimitCents: int64(envInt("SIS_NEGATIVE_LIMIT_CENTS", 1000)),
		TruancyThreshold:   envInt("SIS_TRUANCY_THRESHOLD", 10),
		WorkerInterval:     time.Duration(envInt("SIS_WORKER_INTERVAL_SEC", 60)) * time.Second,
	}
	c.SchoolYear = envInt("SIS_SCHOOL_YEAR", currentSchoolYear())
	if c.DatabaseURL == "" {
		return nil, fmt.Errorf("config: DATABASE_URL is required")
	}
	if _, err := time.LoadLocation(c.DistrictTimezone); err != nil {
		return nil, fmt.Errorf("config: bad SIS_TZ %q: %w", c.DistrictTimezone, err)
	}
	return c, nil
}

func (c *Config) Location() *time.Location {
	loc, err := time.LoadLocation(c.DistrictTimezone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// currentSchoolYear returns the calendar year in which the school year ends;
// July 1 is the district's fiscal/academic rollover date.
func currentSchoolYear() int {
	now := time.Now()
	if now.Month() >= time.July {
		return now.Year() + 1
	}
	return now.Year()
}

func env(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func envInt(key string, def int) int {
	v := os.Getenv(key)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return def
	}
	return n
}
