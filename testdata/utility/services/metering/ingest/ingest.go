// Package ingest loads meter read flow files from data collectors and smart
// meter head-ends. The file format is pipe-separated:
//
//	HDR|<sender>|<created YYYYMMDDhhmmss>
//	RD|<MPAN or MPRN>|<meter serial>|<register>|<read date YYYYMMDD>|<value>|<source>
//	TRL|<record count>
package ingest

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"gridline.energy/platform/core/accounts/sites"
	"gridline.energy/platform/core/models"
	"gridline.energy/platform/kit/events"
	"gridline.energy/platform/kit/ids"
	"gridline.energy/platform/services/metering/store"
	"gridline.energy/platform/services/metering/validation"
)

type Record struct {
	Line         int
	SupplyNumber string
	Serial       string
	Register     string
	ReadAt       time.Time
	Value        float64
	Source       string
}

type File struct {
	Sender  string
	Created time.Time
	Records []Record
}

var sourceCodes = map[string]string{"A": models.ReadActual, "C": models.ReadCustomer, "S": models.ReadSmart}

// Parse reads a whole flow file and checks its header and trailer.
func Parse(r io.Reader) (File, error) {
	var f File
	sc := bufio.NewScanner(r)
	line, trailer := 0, -1
	for sc.Scan() {
		line++
		txt := strings.TrimSpace(sc.Text())
		if txt == "" {
			continue
		}
		parts := strings.Split(txt, "|")
		switch parts[0] {
		case "HDR":
			if line != 1 || len(parts) != 3 {
				return f, fmt.Errorf("line %d: bad header", line)
			}
			f.Sender = parts[1]
			t, err := time.Parse("20060102150405", parts[2])
			if err != nil {
				return f, fmt.Errorf("line %d: header timestamp: %w", line, err)
			}
			f.Created = t
		case "RD":
			if len(parts) != 7 {
				return f, fmt.Errorf("line %d: want 7 fields, got %d", line, len(parts))
			}
			at, err := time.Parse("20060102", parts[4])
			if err != nil {
				return f, fmt.Errorf("line %d: read date: %w", line, err)
			}
			v, err := strconv.ParseFloat(parts[5], 64)
			if err != nil {
				return f, fmt.Errorf("line %d: value: %w", line, err)
			}
			src, ok := sourceCodes[parts[6]]
			if !ok {
				return f, fmt.Errorf("line %d: unknown source %q", line, parts[6])
			}
			f.Records = append(f.Records, Record{Line: line, SupplyNumber: parts[1], Serial: parts[2],
				Register: parts[3], ReadAt: at, Value: v, Source: src})
		case "TRL":
			n, err := strconv.Atoi(parts[len(parts)-1])
			if err != nil {
				return f, fmt.Errorf("line %d: trailer count: %w", line, err)
			}
			trailer = n
		default:
			return f, fmt.Errorf("line %d: unknown record type %q", line, parts[0])
		}
	}
	if err := sc.Err(); err != nil {
		return f, err
	}
	if f.Sender == "" {
		return f, fmt.Errorf("missing header")
	}
	if trailer != len(f.Records) {
		return f, fmt.Errorf("trailer says %d records, file has %d", trailer, len(f.Records))
	}
	return f, nil
}

type Ingester struct {
	store     *store.Store
	validator *validation.Validator
	sites     *sites.Service
	bus       *events.Bus
	log       *slog.Logger
}

func New(s *store.Store, v *validation.Validator, st *sites.Service, bus *events.Bus, log *slog.Logger) *Ingester {
	return &Ingester{store: s, validator: v, sites: st, bus: bus, log: log}
}

type Summary struct {
	File      string `json:"file"`
	Records   int    `json:"records"`
	Accepted  int    `json:"accepted"`
	Exception int    `json:"exception"`
	Rejected  int    `json:"rejected"`
	Skipped   bool   `json:"skipped"`
}

// Process ingests one file. A file already processed (same checksum) is
// skipped so that re-delivered flows are harmless.
func (in *Ingester) Process(ctx context.Context, name string, r io.Reader) (Summary, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return Summary{}, err
	}
	sum := sha256.Sum256(raw)
	checksum := hex.EncodeToString(sum[:])
	s := Summary{File: name}
	if seen, err := in.store.IngestSeen(ctx, checksum); err != nil || seen {
		s.Skipped = seen
		return s, err
	}
	f, err := Parse(strings.NewReader(string(raw)))
	if err != nil {
		return s, fmt.Errorf("ingest %s: %w", name, err)
	}
	s.Records = len(f.Records)
	for _, rec := range f.Records {
		status, err := in.one(ctx, rec)
		if err != nil {
			return s, fmt.Errorf("ingest %s line %d: %w", name, rec.Line, err)
		}
		switch status {
		case models.ReadAccepted:
			s.Accepted++
		case models.ReadException:
			s.Exception++
		default:
			s.Rejected++
		}
	}
	return s, in.store.RecordIngest(ctx, name, checksum, s.Records, s.Accepted, s.Rejected)
}

func (in *Ingester) one(ctx context.Context, rec Record) (string, error) {
	site, err := in.sites.BySupplyNumber(ctx, rec.SupplyNumber)
	if err != nil {
		in.log.Info("ingest: unknown supply", "supply", rec.SupplyNumber, "line", rec.Line)
		return models.ReadRejected, nil
	}
	m, err := in.store.MeterBySerial(ctx, rec.Serial)
	if err != nil || m.SiteID != site.ID {
		in.log.Info("ingest: meter/site mismatch", "serial", rec.Serial, "line", rec.Line)
		return models.ReadRejected, nil
	}
	rd := models.Reading{ID: ids.New(ids.PrefixReading), MeterID: m.ID, Register: rec.Register,
		Value: rec.Value, ReadAt: rec.ReadAt, Source: rec.Source}
	res, err := in.validator.Check(ctx, m, rd, site.EAC)
	if err != nil {
		return "", err
	}
	if res.Status == models.ReadRejected {
		return res.Status, nil
	}
	rd.Status = res.Status
	if err := in.store.InsertReading(ctx, in.store.DB(), rd); err != nil {
		return "", err
	}
	if res.Status == models.ReadException {
		return res.Status, in.store.InsertException(ctx, rd.ID, res.Rule, res.Detail)
	}
	return res.Status, in.bus.Publish(ctx, models.EventReadingAccepted, m.ID, models.ReadingAcceptedPayload{
		ReadingID: rd.ID, MeterID: m.ID, SiteID: site.ID, ReadAt: rd.ReadAt})
}
