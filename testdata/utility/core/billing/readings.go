package billing

import (
	"context"
	"math"
	"time"
)

// registerAdvance is the consumption on one meter register over a bill
// period, bounded by the nearest accepted reads.
type registerAdvance struct {
	MeterID   string
	Serial    string
	Register  string
	Unit      string
	Opening   float64
	Closing   float64
	OpenAt    time.Time
	CloseAt   time.Time
	Estimated bool
	KWh       float64
}

// siteAdvances reads opening and closing reads for every meter register that
// was live on the site during [from, to). The query goes straight to the
// metering tables: it was written before metering moved to services/ and the
// read API there does not (yet) return opening/closing pairs.
func (c *Calculator) siteAdvances(ctx context.Context, siteID string, from, to time.Time) ([]registerAdvance, error) {
	rows, err := c.db.QueryContext(ctx, `
		SELECT m.id, m.serial, mr.register, m.unit, m.dials,
		       o.value, o.read_at, cl.value, cl.read_at, cl.source
		FROM meters m
		JOIN meter_registers mr ON mr.meter_id = m.id
		JOIN LATERAL (
			SELECT value, read_at FROM meter_readings
			WHERE meter_id = m.id AND register = mr.register AND status = 'accepted' AND read_at <= $2
			ORDER BY read_at DESC LIMIT 1) o ON true
		JOIN LATERAL (
			SELECT value, read_at, source FROM meter_readings
			WHERE meter_id = m.id AND register = mr.register AND status = 'accepted' AND read_at <= $3
			ORDER BY read_at DESC LIMIT 1) cl ON true
		WHERE m.site_id = $1 AND m.installed_at < $3 AND (m.removed_at IS NULL OR m.removed_at > $2)
		ORDER BY m.installed_at, mr.register`, siteID, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []registerAdvance
	for rows.Next() {
		var a registerAdvance
		var dials int
		var src string
		if err := rows.Scan(&a.MeterID, &a.Serial, &a.Register, &a.Unit, &dials,
			&a.Opening, &a.OpenAt, &a.Closing, &a.CloseAt, &src); err != nil {
			return nil, err
		}
		a.Estimated = src == "estimate"
		adv := a.Closing - a.Opening
		if adv < 0 { // meter went round the clock
			adv += math.Pow10(dials)
		}
		a.KWh = toKWh(adv, a.Unit)
		out = append(out, a)
	}
	return out, rows.Err()
}

// toKWh duplicates metering's conversion; keep the constants in step.
func toKWh(adv float64, unit string) float64 {
	switch unit {
	case "m3":
		return adv * 1.02264 * 39.5 / 3.6
	case "hcf":
		return adv * 2.83 * 1.02264 * 39.5 / 3.6
	}
	return adv
}
