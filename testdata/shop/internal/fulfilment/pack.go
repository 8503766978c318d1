package fulfilment

import (
	"context"
	"fmt"
	"sort"

	"example.com/shop/internal/models"
	"example.com/shop/internal/shipping/store"
)

// Box is a carton size.
type Box struct {
	Name               string
	LengthCM, WidthCM  int
	HeightCM, MaxGrams int
	TareGrams          int
}

// boxes are the cartons on the packing bench, smallest first.
var boxes = []Box{
	{Name: "S", LengthCM: 25, WidthCM: 18, HeightCM: 10, MaxGrams: 2000, TareGrams: 120},
	{Name: "M", LengthCM: 35, WidthCM: 25, HeightCM: 15, MaxGrams: 5000, TareGrams: 250},
	{Name: "L", LengthCM: 50, WidthCM: 35, HeightCM: 25, MaxGrams: 12000, TareGrams: 450},
	{Name: "XL", LengthCM: 60, WidthCM: 40, HeightCM: 40, MaxGrams: 20000, TareGrams: 700},
}

// pack splits the lines into parcels by weight (first fit, heaviest units
// first), using product weights from the catalog.
func (s *Service) pack(ctx context.Context, lines []store.Line) ([]models.Parcel, error) {
	skus := make([]string, 0, len(lines))
	for _, l := range lines {
		skus = append(skus, l.SKU)
	}
	products, err := s.catalog.ProductsBySKU(ctx, skus)
	if err != nil {
		return nil, err
	}
	var units []int
	for _, l := range lines {
		p, ok := products[l.SKU]
		if !ok {
			return nil, fmt.Errorf("fulfilment: unknown product %s", l.SKU)
		}
		for range l.Quantity {
			units = append(units, max(p.WeightGrams, 1))
		}
	}
	limit := s.maxGrams
	if limit <= 0 || limit > boxes[len(boxes)-1].MaxGrams {
		limit = boxes[len(boxes)-1].MaxGrams
	}
	sort.Sort(sort.Reverse(sort.IntSlice(units)))
	var loads []int
	for _, w := range units {
		if w > limit {
			return nil, fmt.Errorf("fulfilment: a %dg item exceeds the %dg parcel limit", w, limit)
		}
		placed := false
		for i := range loads {
			if loads[i]+w <= limit {
				loads[i] += w
				placed = true
				break
			}
		}
		if !placed {
			loads = append(loads, w)
		}
	}
	parcels := make([]models.Parcel, 0, len(loads))
	for _, load := range loads {
		b := boxFor(load)
		p := models.Parcel{WeightGrams: load + b.TareGrams, LengthCM: b.LengthCM, WidthCM: b.WidthCM, HeightCM: b.HeightCM}
		if err := p.Validate(); err != nil {
			return nil, err
		}
		parcels = append(parcels, p)
	}
	return parcels, nil
}

func boxFor(grams int) Box {
	for _, b := range boxes {
		if grams+b.TareGrams <= b.MaxGrams {
			return b
		}
	}
	return boxes[len(boxes)-1]
}
