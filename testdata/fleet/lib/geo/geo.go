// Package geo has the bits of geometry the fleet needs: WGS84 points,
// great-circle distances and simple polygons.
package geo

import (
	"fmt"
	"math"
)

const earthRadiusKm = 6371.0088

// Point is a WGS84 coordinate in decimal degrees.
type Point struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// Valid reports whether p is inside the coordinate ranges and not 0,0
// (which our devices send when they have no fix).
func (p Point) Valid() bool {
	if p.Lat == 0 && p.Lon == 0 {
		return false
	}
	return math.Abs(p.Lat) <= 90 && math.Abs(p.Lon) <= 180
}

func (p Point) String() string { return fmt.Sprintf("%.5f,%.5f", p.Lat, p.Lon) }

func rad(d float64) float64 { return d * math.Pi / 180 }

// DistanceKm is the haversine distance between a and b.
func DistanceKm(a, b Point) float64 {
	dLat, dLon := rad(b.Lat-a.Lat), rad(b.Lon-a.Lon)
	h := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(rad(a.Lat))*math.Cos(rad(b.Lat))*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthRadiusKm * math.Asin(math.Min(1, math.Sqrt(h)))
}

// PathKm sums the distances along a polyline.
func PathKm(pts []Point) float64 {
	var total float64
	for i := 1; i < len(pts); i++ {
		total += DistanceKm(pts[i-1], pts[i])
	}
	return total
}

// Polygon is a closed ring; the last point need not repeat the first.
type Polygon []Point

// Contains uses ray casting; good enough for depots and customer yards,
// not for anything crossing the antimeridian.
func (pg Polygon) Contains(p Point) bool {
	in := false
	for i, j := 0, len(pg)-1; i < len(pg); j, i = i, i+1 {
		a, b := pg[i], pg[j]
		if (a.Lat > p.Lat) != (b.Lat > p.Lat) &&
			p.Lon < (b.Lon-a.Lon)*(p.Lat-a.Lat)/(b.Lat-a.Lat)+a.Lon {
			in = !in
		}
	}
	return in
}
