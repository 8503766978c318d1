// Package geo has coordinate math used by addressing, dispatch and claims.
package geo

import "math"

const earthRadiusKM = 6371.0

// Point is a WGS84 coordinate.
type Point struct {
	Lat float64 `json:"lat"`
	Lng float64 `json:"lng"`
}

// Valid reports whether the point is inside WGS84 bounds and not null island.
func (p Point) Valid() bool {
	if p.Lat == 0 && p.Lng == 0 {
		return false
	}
	return p.Lat >= -90 && p.Lat <= 90 && p.Lng >= -180 && p.Lng <= 180
}

// HaversineKM is the great-circle distance in kilometres.
func HaversineKM(a, b Point) float64 {
	la1, la2 := rad(a.Lat), rad(b.Lat)
	dLat := la2 - la1
	dLng := rad(b.Lng - a.Lng)
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(la1)*math.Cos(la2)*math.Sin(dLng/2)*math.Sin(dLng/2)
	return 2 * earthRadiusKM * math.Asin(math.Sqrt(h))
}

// Bearing returns the initial bearing from a to b in degrees [0,360).
func Bearing(a, b Point) float64 {
	y := math.Sin(rad(b.Lng-a.Lng)) * math.Cos(rad(b.Lat))
	x := math.Cos(rad(a.Lat))*math.Sin(rad(b.Lat)) - math.Sin(rad(a.Lat))*math.Cos(rad(b.Lat))*math.Cos(rad(b.Lng-a.Lng))
	deg := math.Atan2(y, x) * 180 / math.Pi
	return math.Mod(deg+360, 360)
}

// WithinMeters reports whether b lies within r metres of a.
func WithinMeters(a, b Point, r float64) bool {
	return HaversineKM(a, b)*1000 <= r
}

func rad(d float64) float64 { return d * math.Pi / 180 }
