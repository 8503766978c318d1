package geo

// market is a launch city's bounding box.
type market struct {
	code                           string
	minLat, minLng, maxLat, maxLng float64
}

var markets = []market{
	{"sfo", 37.60, -122.55, 37.85, -122.35},
	{"oak", 37.70, -122.35, 37.90, -122.10},
	{"sea", 47.45, -122.45, 47.75, -122.20},
	{"pdx", 45.40, -122.85, 45.65, -122.50},
}

// MarketOf returns the market code containing p, or "default".
func MarketOf(p Point) string {
	for _, m := range markets {
		if p.Lat >= m.minLat && p.Lat <= m.maxLat && p.Lng >= m.minLng && p.Lng <= m.maxLng {
			return m.code
		}
	}
	return "default"
}
