// Package addressing persists the geocode cache and delivery zones.
package addressing

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	da "parcelgo.com/platform/domain/addressing"
	"parcelgo.com/platform/shared/db"
	"parcelgo.com/platform/shared/geo"
)

type Store struct{ db *sql.DB }

func NewStore(d *sql.DB) *Store { return &Store{db: d} }

func (s *Store) CachedGeocode(ctx context.Context, key string) (geo.Point, float64, bool, error) {
	var p geo.Point
	var conf float64
	err := s.db.QueryRowContext(ctx,
		`SELECT lat, lng, confidence FROM address_geocodes
		  WHERE address_key = $1 AND (expires_at IS NULL OR expires_at > now())`, key).Scan(&p.Lat, &p.Lng, &conf)
	if errors.Is(err, sql.ErrNoRows) {
		return p, 0, false, nil
	}
	return p, conf, err == nil, err
}

func (s *Store) StoreGeocode(ctx context.Context, key string, p geo.Point, conf float64) error {
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO address_geocodes (address_key, lat, lng, confidence, expires_at)
		 VALUES ($1, $2, $3, $4, now() + interval '180 days')
		 ON CONFLICT (address_key) DO UPDATE
		    SET lat = EXCLUDED.lat, lng = EXCLUDED.lng, confidence = EXCLUDED.confidence,
		        expires_at = EXCLUDED.expires_at
		  WHERE address_geocodes.confidence <= EXCLUDED.confidence`,
		key, p.Lat, p.Lng, conf)
	return err
}

// ZoneForPostalCode picks the zone with the longest matching postal prefix.
func (s *Store) ZoneForPostalCode(ctx context.Context, country, postal string) (da.Zone, error) {
	compact := strings.ReplaceAll(postal, " ", "")
	var z da.Zone
	var prefixes string
	err := s.db.QueryRowContext(ctx,
		`SELECT z.code, z.depot_id, z.country, z.serviceable, z.same_day,
		        (SELECT string_agg(p.prefix, ',') FROM delivery_zone_prefixes p WHERE p.zone_code = z.code)
		   FROM delivery_zones z
		   JOIN delivery_zone_prefixes zp ON zp.zone_code = z.code
		  WHERE z.country = $1 AND $2 LIKE zp.prefix || '%'
		  ORDER BY length(zp.prefix) DESC
		  LIMIT 1`, country, compact).
		Scan(&z.Code, &z.DepotID, &z.Country, &z.Serviceable, &z.SameDay, &prefixes)
	if err != nil {
		return z, db.NotFound(err, "zone")
	}
	z.PostalPrefixes = strings.Split(prefixes, ",")
	return z, nil
}

func (s *Store) Zones(ctx context.Context, country string) ([]da.Zone, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT z.code, z.depot_id, z.country, z.serviceable, z.same_day,
		        COALESCE(string_agg(p.prefix, ',' ORDER BY p.prefix), '')
		   FROM delivery_zones z
		   LEFT JOIN delivery_zone_prefixes p ON p.zone_code = z.code
		  WHERE ($1 = '' OR z.country = $1)
		  GROUP BY z.code, z.depot_id, z.country, z.serviceable, z.same_day
		  ORDER BY z.code`, country)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []da.Zone
	for rows.Next() {
		var z da.Zone
		var prefixes string
		if err := rows.Scan(&z.Code, &z.DepotID, &z.Country, &z.Serviceable, &z.SameDay, &prefixes); err != nil {
			return nil, err
		}
		if prefixes != "" {
			z.PostalPrefixes = strings.Split(prefixes, ",")
		}
		out = append(out, z)
	}
	return out, rows.Err()
}
