// Package ssim imports the seasonal schedule from IATA SSIM chapter 7 files
// (type 3 flight leg records) as delivered by the network planning tool.
package ssim

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"skyhop.aero/backend/pkg/schedule"
	"skyhop.aero/backend/pkg/schedule/domain"
)

// Result summarises one import.
type Result struct {
	Lines    int
	Saved    int
	Rejected []string
}

// Importer reads SSIM and stores schedule lines through the service.
type Importer struct {
	Svc *schedule.Service
	Log *slog.Logger
}

// Import parses r. Records other than type 3 are skipped.
func (im *Importer) Import(ctx context.Context, r io.Reader) (Result, error) {
	var res Result
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		rec := sc.Text()
		if len(rec) < 200 || rec[0] != '3' {
			continue
		}
		res.Lines++
		l, err := ParseLeg(rec)
		if err != nil {
			res.Rejected = append(res.Rejected, fmt.Sprintf("record %d: %v", res.Lines, err))
			continue
		}
		if err := im.Svc.SaveLine(ctx, &l); err != nil {
			res.Rejected = append(res.Rejected, fmt.Sprintf("%s%d: %v", l.Carrier, l.Number, err))
			continue
		}
		res.Saved++
	}
	if err := sc.Err(); err != nil {
		return res, err
	}
	im.Log.Info("ssim import finished", "records", res.Lines, "saved", res.Saved, "rejected", len(res.Rejected))
	return res, nil
}

// ParseLeg parses the fixed-width fields of a type 3 record that we use.
func ParseLeg(rec string) (domain.ScheduleLine, error) {
	var l domain.ScheduleLine
	field := func(from, to int) string { return strings.TrimSpace(rec[from-1 : to]) }
	l.Carrier = field(3, 5)
	n, err := strconv.Atoi(field(6, 9))
	if err != nil {
		return l, fmt.Errorf("flight number: %w", err)
	}
	l.Number = n
	if l.ValidFrom, err = time.Parse("02Jan06", titleMonth(field(15, 21))); err != nil {
		return l, fmt.Errorf("period from: %w", err)
	}
	if l.ValidTo, err = time.Parse("02Jan06", titleMonth(field(22, 28))); err != nil {
		return l, fmt.Errorf("period to: %w", err)
	}
	l.DaysOfWeek = normalizeDays(field(29, 35))
	l.Origin = field(37, 39)
	std := field(44, 47)
	l.Destination = field(55, 57)
	sta := field(62, 65)
	l.AircraftType = field(73, 75)
	if len(std) != 4 || len(sta) != 4 {
		return l, fmt.Errorf("bad times %q/%q", std, sta)
	}
	l.DepartLocal = std[:2] + ":" + std[2:]
	// UTC offsets (fields 48-52 and 66-70) give the block time across zones.
	dep, err1 := utcMinutes(std, field(48, 52))
	arr, err2 := utcMinutes(sta, field(66, 70))
	if err1 != nil || err2 != nil {
		return l, fmt.Errorf("bad utc offsets")
	}
	block := arr - dep
	if block < 0 {
		block += 24 * 60
	}
	l.BlockMinutes = block
	return l, nil
}

func titleMonth(s string) string {
	if len(s) != 7 {
		return s
	}
	return s[:2] + s[2:3] + strings.ToLower(s[3:5]) + s[5:]
}

func normalizeDays(s string) string {
	out := []byte(".......")
	for _, r := range s {
		if r >= '1' && r <= '7' {
			out[r-'1'] = byte(r)
		}
	}
	return string(out)
}

func utcMinutes(hhmm, offset string) (int, error) {
	h, err := strconv.Atoi(hhmm[:2])
	if err != nil {
		return 0, err
	}
	m, err := strconv.Atoi(hhmm[2:])
	if err != nil {
		return 0, err
	}
	if len(offset) != 5 {
		return 0, fmt.Errorf("offset %q", offset)
	}
	oh, _ := strconv.Atoi(offset[1:3])
	om, _ := strconv.Atoi(offset[3:])
	off := oh*60 + om
	if offset[0] == '-' {
		off = -off
	}
	return h*60 + m - off, nil
}
