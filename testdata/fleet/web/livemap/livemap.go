// Package livemap feeds the dispatcher's live map: the latest position of
// every vehicle as GeoJSON, plus the open alerts.
package livemap

import (
	"net/http"
	"time"

	"gitlab.com/roadrunner/fleet/lib/httpx"
	"gitlab.com/roadrunner/fleet/services/fleet/vehicle"
	"gitlab.com/roadrunner/fleet/services/telematics/alerts"
	"gitlab.com/roadrunner/fleet/services/telematics/positions"
)

// Map serves the live map endpoints.
type Map struct {
	Positions *positions.Store
	Alerts    *alerts.Store
	Vehicles  *vehicle.Service // for plates on the markers
}

// Register mounts the routes.
func (m *Map) Register(mux *http.ServeMux) {
	mux.Handle("GET /map/vehicles.geojson", httpx.Handle(m.snapshot))
	mux.Handle("GET /map/alerts", httpx.Handle(m.alerts))
}

type feature struct {
	Type       string         `json:"type"`
	Geometry   map[string]any `json:"geometry"`
	Properties map[string]any `json:"properties"`
}

func (m *Map) snapshot(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	pings, err := m.Positions.LastAll(ctx, time.Now().Add(-30*time.Minute))
	if err != nil {
		return err
	}
	features := make([]feature, 0, len(pings))
	for _, p := range pings {
		props := map[string]any{"vehicle_id": p.VehicleID, "speed": p.SpeedKph, "at": p.At.Format(time.RFC3339)}
		if v, err := m.Vehicles.Get(ctx, p.VehicleID); err == nil {
			props["plate"], props["class"], props["status"] = v.Plate, v.Class, v.Status
		}
		features = append(features, feature{
			Type:       "Feature",
			Geometry:   map[string]any{"type": "Point", "coordinates": []float64{p.Pos.Lon, p.Pos.Lat}},
			Properties: props,
		})
	}
	w.Header().Set("Cache-Control", "no-store")
	httpx.OK(w, map[string]any{"type": "FeatureCollection", "features": features})
	return nil
}

func (m *Map) alerts(w http.ResponseWriter, r *http.Request) error {
	as, err := m.Alerts.Open(r.Context(), httpx.QueryInt(r, "limit", 200))
	if err != nil {
		return err
	}
	httpx.OK(w, as)
	return nil
}
