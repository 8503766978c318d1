// Package domain holds e-ticket numbering and coupon state rules.
package domain

import (
	"fmt"
	"strconv"

	"skyhop.aero/backend/pkg/models"
	"skyhop.aero/backend/pkg/platform/errs"
)

// TicketNumber formats a 13-digit ticket number from the airline prefix and
// a 10-digit serial.
func TicketNumber(prefix string, serial int64) string {
	return fmt.Sprintf("%s%010d", prefix, serial)
}

// CheckDigit is the IATA modulus-7 check digit over the serial part.
func CheckDigit(number string) (int, error) {
	if len(number) != 13 {
		return 0, errs.Invalid("ticket.check", "ticket number must have 13 digits")
	}
	n, err := strconv.ParseInt(number[3:], 10, 64)
	if err != nil {
		return 0, errs.Invalid("ticket.check", "ticket number must be numeric")
	}
	return int(n % 7), nil
}

var couponMoves = map[models.CouponStatus][]models.CouponStatus{
	models.CouponOpen:      {models.CouponCheckedIn, models.CouponRefunded, models.CouponExchanged},
	models.CouponCheckedIn: {models.CouponOpen, models.CouponBoarded},
	models.CouponBoarded:   {models.CouponFlown, models.CouponCheckedIn},
}

// MoveCoupon validates a coupon status change.
func MoveCoupon(c *models.Coupon, to models.CouponStatus) error {
	for _, s := range couponMoves[c.Status] {
		if s == to {
			c.Status = to
			return nil
		}
	}
	return errs.Conflict("ticket.coupon", "coupon %d cannot go from %s to %s", c.Number, c.Status, to)
}

// Refundable reports whether a ticket can still be refunded: every coupon
// must be open.
func Refundable(t models.Ticket) bool {
	for _, c := range t.Coupons {
		if c.Status != models.CouponOpen {
			return false
		}
	}
	return len(t.Coupons) > 0
}
