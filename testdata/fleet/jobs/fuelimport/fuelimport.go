// Package fuelimport picks up the statement files fuel card providers drop
// on our SFTP share and records each line as a transaction. Only the DKV
// format is supported (semicolons, European decimals); Shell sends theirs
// by e-mail and finance types them in.
package fuelimport

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"gitlab.com/roadrunner/fleet/entities"
	"gitlab.com/roadrunner/fleet/lib/clock"
	"gitlab.com/roadrunner/fleet/lib/errs"
	"gitlab.com/roadrunner/fleet/lib/geo"
	"gitlab.com/roadrunner/fleet/lib/money"
	"gitlab.com/roadrunner/fleet/lib/xlog"
	"gitlab.com/roadrunner/fleet/services/fuel/transactions"
)

// Job implements sched.Job.
type Job struct {
	Dir          string
	Transactions *transactions.Service
}

func (j *Job) Name() string { return "fuel-import" }

// Run processes every .csv in the drop directory and moves it to done/ or
// failed/.
func (j *Job) Run(ctx context.Context) error {
	files, err := filepath.Glob(filepath.Join(j.Dir, "*.csv"))
	if err != nil {
		return err
	}
	for _, path := range files {
		dest := "done"
		if n, err := j.importFile(ctx, path); err != nil {
			dest = "failed"
			xlog.From(ctx).Error("fuel file failed", "file", path, "err", err)
		} else {
			xlog.From(ctx).Info("fuel file imported", "file", path, "new", n)
		}
		if err := os.MkdirAll(filepath.Join(j.Dir, dest), 0o750); err != nil {
			return err
		}
		if err := os.Rename(path, filepath.Join(j.Dir, dest, filepath.Base(path))); err != nil {
			return err
		}
	}
	return nil
}

// DKV: ref;date dd.mm.yyyy hh:mm;card;station;lat;lon;product;litres;amount;currency;km
func (j *Job) importFile(ctx context.Context, path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.Comma, cr.FieldsPerRecord = ';', 11
	recs, err := cr.ReadAll()
	if err != nil {
		return 0, err
	}
	num := func(s string) float64 {
		v, _ := strconv.ParseFloat(strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", "."), 64)
		return v
	}
	created := 0
	for i, rec := range recs[min(1, len(recs)):] { // skip header
		at, err := time.ParseInLocation("02.01.2006 15:04", rec[1], clock.Local)
		if err != nil {
			return created, fmt.Errorf("line %d: %w", i+2, err)
		}
		amt, err := money.Parse(rec[8], rec[9])
		if err != nil {
			return created, fmt.Errorf("line %d: %w", i+2, err)
		}
		product := map[string]string{"01": "diesel", "22": "adblue"}[rec[6]]
		ok, err := j.Transactions.Record(ctx, "dkv:"+rec[0], entities.FuelPurchase{CardPAN: rec[2], At: at.UTC(),
			Station: rec[3], Product: product, Litres: num(rec[7]), Amount: amt, OdometerKm: num(rec[10])},
			geo.Point{Lat: num(rec[4]), Lon: num(rec[5])})
		switch {
		case errs.Is(err, errs.KindNotFound):
			xlog.From(ctx).Warn("line for unknown card skipped", "file", path, "ref", rec[0])
		case err != nil:
			return created, fmt.Errorf("line %d: %w", i+2, err)
		case ok:
			created++
		}
	}
	return created, nil
}
