// Package config reads runtime configuration from the environment.
// Every binary calls Load once at start-up and passes the pieces down.
package config

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"
)

type Config struct {
	HTTPAddr string
	LogLevel string
	LogJSON  bool
	DB       Database
	Notify   Notify
	Clinic   Clinic
	Jobs     Jobs
	Billing  Billing
}

type Database struct {
	Host         string
	Port         int
	User         string
	Password     string
	Name         string
	MaxOpenConns int
}

// DSN renders the go-sql-driver style data source name.
func (d Database) DSN() string {
	return fmt.Sprintf("%s:%s@tcp(%s:%d)/%s?parseTime=true&loc=UTC&charset=utf8mb4",
		d.User, d.Password, d.Host, d.Port, d.Name)
}

type Notify struct {
	SMSGatewayURL string
	SMSToken      string
	LabDeskEmail  string
}

type Clinic struct {
	Name             string
	Timezone         string
	OpenHour         int
	CloseHour        int
	SlotMinutes      int
	LateCancelWindow time.Duration
}

func (c Clinic) Location() (*time.Location, error) { return time.LoadLocation(c.Timezone) }

type Jobs struct {
	ReminderLead    time.Duration
	ReminderEvery   time.Duration
	LabSweepEvery   time.Duration
	LabOverdueAfter time.Duration
	RxExpiryEvery   time.Duration
}

type Billing struct {
	TaxRate          float64
	PaymentTermsDays int
	ClearinghouseURL string
	ClearinghouseKey string
}

// Load reads the environment, applying defaults, and validates the result.
func Load() (*Config, error) {
	c := &Config{
		HTTPAddr: str("CLINIC_HTTP_ADDR", ":8080"),
		LogLevel: str("CLINIC_LOG_LEVEL", "info"),
		LogJSON:  os.Getenv("CLINIC_LOG_JSON") == "1",
		DB: Database{
			Host:         str("CLINIC_DB_HOST", "127.0.0.1"),
			Port:         num("CLINIC_DB_PORT", 3306),
			User:         os.Getenv("CLINIC_DB_USER"),
			Password:     os.Getenv("CLINIC_DB_PASSWORD"),
			Name:         str("CLINIC_DB_NAME", "clinic"),
			MaxOpenConns: num("CLINIC_DB_MAX_OPEN", 20),
		},
		Notify: Notify{
			SMSGatewayURL: os.Getenv("CLINIC_SMS_URL"),
			SMSToken:      os.Getenv("CLINIC_SMS_TOKEN"),
			LabDeskEmail:  str("CLINIC_LAB_DESK_EMAIL", "lab@clinic.example"),
		},
		Clinic: Clinic{
			Name:             str("CLINIC_NAME", "Riverside Family Clinic"),
			Timezone:         str("CLINIC_TZ", "America/Chicago"),
			OpenHour:         num("CLINIC_OPEN_HOUR", 8),
			CloseHour:        num("CLINIC_CLOSE_HOUR", 17),
			SlotMinutes:      num("CLINIC_SLOT_MINUTES", 15),
			LateCancelWindow: dur("CLINIC_LATE_CANCEL", 24*time.Hour),
		},
		Jobs: Jobs{
			ReminderLead:    dur("CLINIC_REMINDER_LEAD", 24*time.Hour),
			ReminderEvery:   dur("CLINIC_REMINDER_EVERY", 10*time.Minute),
			LabSweepEvery:   dur("CLINIC_LAB_SWEEP_EVERY", time.Hour),
			LabOverdueAfter: dur("CLINIC_LAB_OVERDUE_AFTER", 48*time.Hour),
			RxExpiryEvery:   dur("CLINIC_RX_EXPIRY_EVERY", 6*time.Hour),
		},
		Billing: Billing{
			PaymentTermsDays: num("CLINIC_PAYMENT_TERMS_DAYS", 30),
			ClearinghouseURL: os.Getenv("CLINIC_CLEARINGHOUSE_URL"),
			ClearinghouseKey: os.Getenv("CLINIC_CLEARINGHOUSE_KEY"),
		},
	}
	if v, err := strconv.ParseFloat(os.Getenv("CLINIC_TAX_RATE"), 64); err == nil {
		c.Billing.TaxRate = v
	}
	return c, c.validate()
}

func (c *Config) validate() error {
	var problems []error
	if c.DB.User == "" {
		problems = append(problems, errors.New("CLINIC_DB_USER is required"))
	}
	if c.Clinic.OpenHour < 0 || c.Clinic.CloseHour > 24 || c.Clinic.OpenHour >= c.Clinic.CloseHour {
		problems = append(problems, fmt.Errorf("clinic hours %d-%d are not a valid day", c.Clinic.OpenHour, c.Clinic.CloseHour))
	}
	if c.Clinic.SlotMinutes <= 0 || 60%c.Clinic.SlotMinutes != 0 {
		problems = append(problems, fmt.Errorf("slot length %d must divide an hour", c.Clinic.SlotMinutes))
	}
	if _, err := c.Clinic.Location(); err != nil {
		problems = append(problems, fmt.Errorf("timezone: %w", err))
	}
	if err := errors.Join(problems...); err != nil {
		return fmt.Errorf("config: %w", err)
	}
	return nil
}

func str(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func num(key string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(key)); err == nil {
		return v
	}
	return def
}

func dur(key string, def time.Duration) time.Duration {
	if v, err := time.ParseDuration(os.Getenv(key)); err == nil {
		return v
	}
	return def
}
