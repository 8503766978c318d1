// Package pricing computes shipment prices from rate cards.
package pricing

import (
	"sort"

	"parcelgo.com/platform/domain/model"
	"parcelgo.com/platform/shared/errs"
	"parcelgo.com/platform/shared/money"
)

// WeightBand prices parcels up to a chargeable weight.
type WeightBand struct {
	UpToGrams int   `json:"up_to_grams"`
	Price     int64 `json:"price"`
}

// RateCard is a versioned price list referenced by merchant contracts.
type RateCard struct {
	ID                   string                     `json:"id"`
	Name                 string                     `json:"name"`
	Currency             string                     `json:"currency"`
	Bands                []WeightBand               `json:"bands"`
	ZoneSurcharge        map[string]int64           `json:"zone_surcharge"`
	ServiceMultiplierBps map[model.ServiceLevel]int `json:"service_multiplier_bps"`
	FuelSurchargeBps     int                        `json:"fuel_surcharge_bps"`
	CODFeeBps            int                        `json:"cod_fee_bps"`
	MinCODFee            int64                      `json:"min_cod_fee"`
	ReturnPriceBps       int                        `json:"return_price_bps"`
	ExtraParcelPrice     int64                      `json:"extra_parcel_price"`
}

// QuoteRequest describes what is being priced.
type QuoteRequest struct {
	ServiceLevel    model.ServiceLevel `json:"service_level"`
	ZoneCode        string             `json:"zone_code"`
	ChargeableGrams int                `json:"chargeable_grams"`
	Parcels         int                `json:"parcels"`
	CODAmount       int64              `json:"cod_amount"`
	IsReturn        bool               `json:"is_return"`
}

// QuoteLine is one component of a price.
type QuoteLine struct {
	Code   string      `json:"code"`
	Amount money.Money `json:"amount"`
}

// Quote is the itemised price.
type Quote struct {
	Lines []QuoteLine `json:"lines"`
	Total money.Money `json:"total"`
}

func (q *Quote) add(code string, m money.Money) {
	if m.IsZero() {
		return
	}
	q.Lines = append(q.Lines, QuoteLine{Code: code, Amount: m})
	q.Total = q.Total.Add(m)
}

// Price computes a quote; discountBps comes from the merchant contract.
func (rc RateCard) Price(req QuoteRequest, discountBps int) (Quote, error) {
	if req.Parcels < 1 {
		req.Parcels = 1
	}
	bands := append([]WeightBand(nil), rc.Bands...)
	sort.Slice(bands, func(i, j int) bool { return bands[i].UpToGrams < bands[j].UpToGrams })
	var base int64 = -1
	for _, b := range bands {
		if req.ChargeableGrams <= b.UpToGrams {
			base = b.Price
			break
		}
	}
	if base < 0 {
		return Quote{}, errs.Invalid("chargeable weight %dg exceeds rate card %s", req.ChargeableGrams, rc.ID)
	}
	mult, ok := rc.ServiceMultiplierBps[req.ServiceLevel]
	if !ok {
		return Quote{}, errs.Invalid("rate card %s has no price for %s", rc.ID, req.ServiceLevel)
	}
	q := Quote{Total: money.Zero(rc.Currency)}
	baseM := money.New(base, rc.Currency).Bps(mult)
	if req.IsReturn {
		baseM = baseM.Bps(rc.ReturnPriceBps)
	}
	q.add("base", baseM)
	q.add("extra_parcels", money.New(rc.ExtraParcelPrice, rc.Currency).Mul(int64(req.Parcels-1)))
	q.add("zone", money.New(rc.ZoneSurcharge[req.ZoneCode], rc.Currency))
	q.add("fuel", q.Total.Bps(rc.FuelSurchargeBps))
	if req.CODAmount > 0 {
		fee := money.New(req.CODAmount, rc.Currency).Bps(rc.CODFeeBps)
		if fee.Amount < rc.MinCODFee {
			fee.Amount = rc.MinCODFee
		}
		q.add("cod_fee", fee)
	}
	if discountBps > 0 {
		q.add("contract_discount", q.Total.Bps(discountBps).Neg())
	}
	return q, nil
}
