// Package cdr parses call detail record files delivered by the host MNO's
// mediation platform (semicolon-separated, one record per line).
package cdr

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"mvno.telco/core/models"
	"mvno.telco/core/platform/ids"
	"mvno.telco/core/platform/msisdn"
)

// Zones used by the tariff tables.
const (
	ZoneHome    = "home"
	ZoneEU      = "eu"
	ZoneWorld   = "world"
	ZonePremium = "premium"
)

// euMCCs are visited network country codes treated as "roam like at home".
var euMCCs = map[string]bool{"208": true, "262": true, "214": true, "222": true, "204": true, "272": true, "206": true, "232": true}

// Reject is a line that could not be parsed.
type Reject struct {
	Line   int
	Reason string
}

type Parser struct {
	HomeMCC     string
	CountryCode string
}

// Parse reads records: ref;msisdn;service;destination;start(RFC3339);units;visited_mcc
func (p Parser) Parse(fileID string, r io.Reader) ([]models.CDR, []Reject, error) {
	var out []models.CDR
	var rejects []Reject
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		c, err := p.parseLine(fileID, text)
		if err != nil {
			rejects = append(rejects, Reject{Line: line, Reason: err.Error()})
			continue
		}
		out = append(out, c)
	}
	return out, rejects, sc.Err()
}

func (p Parser) parseLine(fileID, text string) (models.CDR, error) {
	f := strings.Split(text, ";")
	if len(f) != 7 {
		return models.CDR{}, fmt.Errorf("expected 7 fields, got %d", len(f))
	}
	num, err := msisdn.Normalize(f[1], p.CountryCode)
	if err != nil {
		return models.CDR{}, fmt.Errorf("msisdn %q: %w", f[1], err)
	}
	svc := strings.ToLower(f[2])
	switch svc {
	case models.ServiceVoice, models.ServiceSMS, models.ServiceData:
	default:
		return models.CDR{}, fmt.Errorf("unknown service %q", f[2])
	}
	start, err := time.Parse(time.RFC3339, f[4])
	if err != nil {
		return models.CDR{}, fmt.Errorf("start time: %w", err)
	}
	units, err := strconv.ParseInt(f[5], 10, 64)
	if err != nil || units < 0 {
		return models.CDR{}, fmt.Errorf("units %q", f[5])
	}
	return models.CDR{
		ID: ids.New("cdr"), FileID: fileID, RecordRef: f[0], MSISDN: num, Service: svc,
		Destination: f[3], Zone: p.Zone(svc, f[3], f[6]), StartedAt: start.UTC(), Units: units,
	}, nil
}

// Zone classifies a record for pricing. Roaming takes precedence over the
// destination; premium-rate destinations are always premium at home.
func (p Parser) Zone(service, destination, visitedMCC string) string {
	if visitedMCC != "" && visitedMCC != p.HomeMCC {
		if euMCCs[visitedMCC] {
			return ZoneEU
		}
		return ZoneWorld
	}
	if service == models.ServiceData {
		return ZoneHome
	}
	d, err := msisdn.Normalize(destination, p.CountryCode)
	if err != nil {
		return ZoneHome // short codes
	}
	switch {
	case strings.HasPrefix(d, p.CountryCode+"9"):
		return ZonePremium
	case strings.HasPrefix(d, p.CountryCode):
		return ZoneHome
	}
	return ZoneWorld
}
