// Package imports turns client order files into orders. Clients without an
// API integration upload a CSV from their shop platform.
package imports

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"shipwell.io/wms/pkg/models"
)

var required = []string{"order_ref", "sku", "qty", "ship_name", "ship_line1", "ship_city", "ship_postal", "ship_country"}

// ParseCSV groups rows by order_ref, one row per order line.
func ParseCSV(r io.Reader, clientID string) ([]*models.Order, error) {
	cr := csv.NewReader(r)
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read header: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, k := range required {
		if _, ok := col[k]; !ok {
			return nil, fmt.Errorf("missing column %q", k)
		}
	}
	get := func(rec []string, k string) string {
		if i, ok := col[k]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	byRef := map[string]*models.Order{}
	var out []*models.Order
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		ref := get(rec, "order_ref")
		qty, err := strconv.Atoi(get(rec, "qty"))
		if err != nil {
			return nil, fmt.Errorf("line %d: bad qty", line)
		}
		o, ok := byRef[ref]
		if !ok {
			o = &models.Order{ClientID: clientID, ExternalRef: ref, Carrier: get(rec, "carrier"),
				Service: get(rec, "service"), Notes: get(rec, "notes"),
				ShipTo: models.Address{Name: get(rec, "ship_name"), Company: get(rec, "ship_company"),
					Line1: get(rec, "ship_line1"), Line2: get(rec, "ship_line2"), City: get(rec, "ship_city"),
					Region: get(rec, "ship_region"), PostalCode: get(rec, "ship_postal"),
					Country: get(rec, "ship_country"), Phone: get(rec, "ship_phone")}}
			if p := get(rec, "priority"); p != "" {
				o.Priority, _ = strconv.Atoi(p)
			}
			byRef[ref] = o
			out = append(out, o)
		}
		merged := false
		for i := range o.Lines {
			if o.Lines[i].SKU == get(rec, "sku") {
				o.Lines[i].Qty += qty
				merged = true
			}
		}
		if !merged {
			o.Lines = append(o.Lines, models.OrderLine{SKU: get(rec, "sku"), Qty: qty})
		}
	}
	return out, nil
}
