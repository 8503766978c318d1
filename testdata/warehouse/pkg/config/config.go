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
	Env           string
	HTTPAddr      string
	DBDriver      string
	DatabaseURL   string
	LogLevel      string
	WarehouseCode string
	Currency      string

	WorkerTick        time.Duration
	OutboxBatchSize   int
	WaveMaxOrders     int
	WaveCutoffLead    time.Duration
	OverReceiptPct    int
	ReplenishInterval time.Duration

	UPSBaseURL   string
	UPSAPIKey    string
	FedExBaseURL string
	FedExAPIKey  string
	LTLBaseURL   string
}

// Load reads the environment, applying defaults suited to local development.
func Load() (Config, error) {
	c := Config{
		Env:           get("WMS_ENV", "dev"),
		HTTPAddr:      get("WMS_HTTP_ADDR", ":8080"),
		DBDriver:      get("WMS_DB_DRIVER", "postgres"),
		DatabaseURL:   get("WMS_DATABASE_URL", "postgres://wms:wms@localhost:5432/wms?sslmode=disable"),
		LogLevel:      get("WMS_LOG_LEVEL", "info"),
		WarehouseCode: get("WMS_WAREHOUSE", "DAL1"),
		Currency:      get("WMS_CURRENCY", "USD"),
		UPSBaseURL:    get("WMS_UPS_URL", "https://onlinetools.ups.example/api"),
		UPSAPIKey:     os.Getenv("WMS_UPS_KEY"),
		FedExBaseURL:  get("WMS_FEDEX_URL", "https://apis.fedex.example"),
		FedExAPIKey:   os.Getenv("WMS_FEDEX_KEY"),
		LTLBaseURL:    get("WMS_LTL_URL", "https://ltl-broker.example/v2"),
	}
	var err error
	if c.WorkerTick, err = dur("WMS_WORKER_TICK", "30s"); err != nil {
		return c, err
	}
	if c.WaveCutoffLead, err = dur("WMS_WAVE_CUTOFF_LEAD", "90m"); err != nil {
		return c, err
	}
	if c.ReplenishInterval, err = dur("WMS_REPLENISH_INTERVAL", "10m"); err != nil {
		return c, err
	}
	if c.OutboxBatchSize, err = num("WMS_OUTBOX_BATCH", 100); err != nil {
		return c, err
	}
	if c.WaveMaxOrders, err = num("WMS_WAVE_MAX_ORDERS", 40); err != nil {
		return c, err
	}
	if c.OverReceiptPct, err = num("WMS_OVER_RECEIPT_PCT", 5); err != nil {
		return c, err
	}
	return c, nil
}

func get(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func dur(k, def string) (time.Duration, error) {
	d, err := time.ParseDuration(get(k, def))
	if err != nil {
		return 0, fmt.Errorf("config %s: %w", k, err)
	}
	return d, nil
}

func num(k string, def int) (int, error) {
	v := os.Getenv(k)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("config %s: %w", k, err)
	}
	return n, nil
}
