// Package ingest receives position frames from the in-cab telematics
// boxes, resolves them to vehicles and fans them out to positions,
// geofencing and alerting.
package ingest

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gitlab.com/roadrunner/fleet/entities"
	"gitlab.com/roadrunner/fleet/lib/geo"
)

// ErrFrame is returned for anything that is not a valid frame.
var ErrFrame = errors.New("ingest: malformed frame")

// Decode parses one frame:
//
//	$FLT,<imei>,<unix secs>,<lat>,<lon>,<kph>,<odo km>,<ign 0|1>*<xor hex>
//
// The returned ping has DeviceID set and VehicleID empty.
func Decode(line string) (entities.Ping, error) {
	body, sum, ok := strings.Cut(strings.TrimPrefix(strings.TrimSpace(line), "$"), "*")
	if !ok {
		return entities.Ping{}, ErrFrame
	}
	var x byte
	for i := 0; i < len(body); i++ {
		x ^= body[i]
	}
	if want, err := strconv.ParseUint(sum, 16, 8); err != nil || byte(want) != x {
		return entities.Ping{}, fmt.Errorf("%w: checksum", ErrFrame)
	}
	f := strings.Split(body, ",")
	if len(f) != 8 || f[0] != "FLT" {
		return entities.Ping{}, fmt.Errorf("%w: %d fields", ErrFrame, len(f))
	}
	n := make([]float64, 6)
	for i, s := range f[2:] {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return entities.Ping{}, fmt.Errorf("%w: field %d", ErrFrame, i+2)
		}
		n[i] = v
	}
	return entities.Ping{
		DeviceID: f[1], At: time.Unix(int64(n[0]), 0).UTC(), Pos: geo.Point{Lat: n[1], Lon: n[2]},
		SpeedKph: n[3], OdometerKm: n[4], Ignition: n[5] == 1,
	}, nil
}
