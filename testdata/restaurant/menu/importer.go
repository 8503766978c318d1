package menu

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"tablecraft.io/ops/internal/platform/money"
	"tablecraft.io/ops/models"
)

// ImportResult summarises a CSV import.
type ImportResult struct {
	Created int
	Updated int
	Skipped []string
}

// ImportCSV loads items from a spreadsheet export with the header
// plu,category,name,description,price,station,prep_seconds,alcohol.
// Items are matched on PLU so the import is idempotent.
func (s *Service) ImportCSV(ctx context.Context, r io.Reader) (*ImportResult, error) {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("menu import: header: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, need := range []string{"plu", "category", "name", "price"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("menu import: missing column %q", need)
		}
	}
	cats, err := s.Categories(ctx)
	if err != nil {
		return nil, err
	}
	catByName := map[string]int64{}
	for _, c := range cats {
		catByName[strings.ToLower(c.Name)] = c.ID
	}
	get := func(rec []string, name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	res := &ImportResult{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return res, fmt.Errorf("menu import: line %d: %w", line, err)
		}
		catID, ok := catByName[strings.ToLower(get(rec, "category"))]
		if !ok {
			res.Skipped = append(res.Skipped, fmt.Sprintf("line %d: unknown category %q", line, get(rec, "category")))
			continue
		}
		price, err := money.Parse(get(rec, "price"))
		if err != nil {
			res.Skipped = append(res.Skipped, fmt.Sprintf("line %d: %v", line, err))
			continue
		}
		prep, _ := strconv.Atoi(get(rec, "prep_seconds"))
		it := &models.MenuItem{
			CategoryID: catID, Name: get(rec, "name"), Description: get(rec, "description"),
			BasePrice: price, PLU: get(rec, "plu"), Station: get(rec, "station"),
			PrepSeconds: prep, Alcohol: get(rec, "alcohol") == "yes", Active: true,
		}
		var existing int64
		_ = s.db.QueryRowContext(ctx, `SELECT id FROM menu_items WHERE plu = $1`, it.PLU).Scan(&existing)
		it.ID = existing
		if err := s.SaveItem(ctx, it); err != nil {
			res.Skipped = append(res.Skipped, fmt.Sprintf("line %d: %v", line, err))
			continue
		}
		if existing == 0 {
			res.Created++
		} else {
			res.Updated++
		}
	}
	return res, nil
}
