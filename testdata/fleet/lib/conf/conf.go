// Package conf reads process configuration from the environment.
//
// Every variable is prefixed with FLEET_. There are no config files on
// purpose: the deploy tooling renders env vars and that is all we support.
package conf

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

const prefix = "FLEET_"

// Config is the union of what the binaries need.
type Config struct {
	Env         string
	HTTPAddr    string
	DatabaseURL string
	DBMaxOpen   int
	LogLevel    string
	LogJSON     bool
	Currency    string
	DepotLat    float64
	DepotLon    float64
	FuelDropDir string
	SMTPRelay   string
}

// Load reads the configuration and validates it.
func Load() (Config, error) {
	c := Config{
		Env:         String("ENV", "dev"),
		HTTPAddr:    String("HTTP_ADDR", ":8080"),
		DatabaseURL: String("DATABASE_URL", "postgres://fleet@localhost:5432/fleet?sslmode=disable"),
		DBMaxOpen:   Int("DB_MAX_OPEN", 20),
		LogLevel:    String("LOG_LEVEL", "info"),
		LogJSON:     String("LOG_JSON", "") == "true",
		Currency:    String("CURRENCY", "EUR"),
		DepotLat:    Float("DEPOT_LAT", 51.4416),
		DepotLon:    Float("DEPOT_LON", 5.4697),
		FuelDropDir: String("FUEL_DROP_DIR", "/var/spool/fleet/fuel"),
		SMTPRelay:   String("SMTP_RELAY", "localhost:25"),
	}
	if len(c.Currency) != 3 {
		return c, fmt.Errorf("conf: %sCURRENCY must be an ISO 4217 code, got %q", prefix, c.Currency)
	}
	return c, nil
}

// Production reports whether we run in prod.
func (c Config) Production() bool { return c.Env == "prod" }

// String returns FLEET_<key> or def.
func String(key, def string) string {
	if v, ok := os.LookupEnv(prefix + key); ok && v != "" {
		return v
	}
	return def
}

// Int returns FLEET_<key> as an int or def when unset or malformed.
func Int(key string, def int) int {
	if v, err := strconv.Atoi(String(key, "")); err == nil {
		return v
	}
	return def
}

// Float returns FLEET_<key> as a float64 or def.
func Float(key string, def float64) float64 {
	if v, err := strconv.ParseFloat(String(key, ""), 64); err == nil {
		return v
	}
	return def
}

// Duration returns FLEET_<key> as a time.Duration or def.
func Duration(key string, def time.Duration) time.Duration {
	if v, err := time.ParseDuration(String(key, "")); err == nil {
		return v
	}
	return def
}
