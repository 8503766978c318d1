// Package ratecard prices warehouse activity according to each client's
// contract.
package ratecard

import (
	"math"

	"shipwell.io/wms/pkg/money"
)

// RateCard amounts are in cents of Currency.
type RateCard struct {
	ClientID            string
	Currency            string
	ReceivingPerUnit    int64
	ReceivingPerPallet  int64
	StoragePerCBMDay    int64 // per cubic metre per day
	StorageMinCBM       float64
	PickPerOrder        int64
	PickPerUnit         int64
	PickTierUnits       int   // units per order at full price
	PickTierDiscountBps int64 // discount on units beyond the tier
	PackPerCarton       int64
	ShippingMarkupBps   int64
	ReturnPerRMA        int64
	ReturnPerUnit       int64
	MonthlyMinimum      int64
}

func (rc RateCard) m(c int64) money.Money { return money.New(c, rc.Currency) }

// Receiving: per unit, or per pallet if that is cheaper for the client.
func (rc RateCard) Receiving(units, pallets int) money.Money {
	byUnit := rc.m(rc.ReceivingPerUnit).Mul(float64(units))
	if rc.ReceivingPerPallet > 0 && pallets > 0 {
		byPallet := rc.m(rc.ReceivingPerPallet).Mul(float64(pallets))
		if byPallet.Cents < byUnit.Cents {
			return byPallet
		}
	}
	return byUnit
}

// Storage for one day, subject to the contract minimum volume.
func (rc RateCard) Storage(cbm float64) money.Money {
	cbm = math.Max(cbm, rc.StorageMinCBM)
	return rc.m(rc.StoragePerCBMDay).Mul(cbm)
}

// Pick: per-order fee plus tiered per-unit fee.
func (rc RateCard) Pick(units int) money.Money {
	full := units
	if rc.PickTierUnits > 0 && units > rc.PickTierUnits {
		full = rc.PickTierUnits
	}
	fee := rc.m(rc.PickPerOrder).Add(rc.m(rc.PickPerUnit).Mul(float64(full)))
	if extra := units - full; extra > 0 {
		unit := rc.m(rc.PickPerUnit)
		discounted := unit.Add(money.New(-unit.Pct(rc.PickTierDiscountBps).Cents, rc.Currency))
		fee = fee.Add(discounted.Mul(float64(extra)))
	}
	return fee
}

func (rc RateCard) Pack(cartons int) money.Money { return rc.m(rc.PackPerCarton).Mul(float64(cartons)) }

// Shipping passes the label cost through with the contracted markup.
func (rc RateCard) Shipping(labelCost money.Money) money.Money {
	return labelCost.Add(labelCost.Pct(rc.ShippingMarkupBps))
}

func (rc RateCard) Return(units int) money.Money {
	return rc.m(rc.ReturnPerRMA).Add(rc.m(rc.ReturnPerUnit).Mul(float64(units)))
}

// MinimumTopUp is the amount needed to reach the monthly minimum.
func (rc RateCard) MinimumTopUp(total money.Money) money.Money {
	if total.Cents >= rc.MonthlyMinimum {
		return rc.m(0)
	}
	return rc.m(rc.MonthlyMinimum - total.Cents)
}
