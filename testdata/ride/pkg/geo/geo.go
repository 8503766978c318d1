// Package geo provides coordinate math and geohash cells used for zones.
package geo

import (
	"math"
	"strings"
)

const earthRadiusKm = 6371.0088

// Point is a WGS84 coordinate.
type Point struct {
	Lat float64 `json:"lat"`
	Lng float64 `json:"lng"`
}

// Valid reports whether p is within coordinate bounds.
func (p Point) Valid() bool {
	return p.Lat >= -90 && p.Lat <= 90 && p.Lng >= -180 && p.Lng <= 180 && !(p.Lat == 0 && p.Lng == 0)
}

// HaversineKm returns the great-circle distance between a and b.
func HaversineKm(a, b Point) float64 {
	la1, la2 := rad(a.Lat), rad(b.Lat)
	dLat := la2 - la1
	dLng := rad(b.Lng - a.Lng)
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(la1)*math.Cos(la2)*math.Sin(dLng/2)*math.Sin(dLng/2)
	return 2 * earthRadiusKm * math.Asin(math.Sqrt(h))
}

// BoundingBox returns the lat/lng box of radius km around p.
func BoundingBox(p Point, km float64) (minLat, minLng, maxLat, maxLng float64) {
	dLat := km / 111.32
	dLng := km / (111.32 * math.Cos(rad(p.Lat)))
	return p.Lat - dLat, p.Lng - dLng, p.Lat + dLat, p.Lng + dLng
}

const base32 = "0123456789bcdefghjkmnpqrstuvwxyz"

// Geohash encodes p with the given precision (characters).
func Geohash(p Point, precision int) string {
	latLo, latHi := -90.0, 90.0
	lngLo, lngHi := -180.0, 180.0
	var sb strings.Builder
	bit, ch, even := 0, 0, true
	for sb.Len() < precision {
		if even {
			mid := (lngLo + lngHi) / 2
			if p.Lng >= mid {
				ch |= 1 << (4 - bit)
				lngLo = mid
			} else {
				lngHi = mid
			}
		} else {
			mid := (latLo + latHi) / 2
			if p.Lat >= mid {
				ch |= 1 << (4 - bit)
				latLo = mid
			} else {
				latHi = mid
			}
		}
		even = !even
		if bit < 4 {
			bit++
		} else {
			sb.WriteByte(base32[ch])
			bit, ch = 0, 0
		}
	}
	return sb.String()
}

// ZoneID returns the surge/dispatch zone cell (geohash precision 5, ~4.9km).
func ZoneID(p Point) string { return Geohash(p, 5) }

func rad(d float64) float64 { return d * math.Pi / 180 }
