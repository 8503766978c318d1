package models

import (
	"time"

	"tablecraft.io/ops/internal/platform/money"
)

// TenderType is how a payment was made.
type TenderType string

const (
	TenderCard     TenderType = "card"
	TenderCash     TenderType = "cash"
	TenderGiftCard TenderType = "gift_card"
	TenderPartner  TenderType = "partner" // paid through a delivery partner
)

// Payment is one tender against an order.
type Payment struct {
	ID         int64       `json:"id"`
	OrderID    int64       `json:"order_id"`
	LocationID int64       `json:"location_id"`
	Tender     TenderType  `json:"tender"`
	Amount     money.Cents `json:"amount"`
	Tip        money.Cents `json:"tip"`
	Reference  string      `json:"reference,omitempty"`
	EmployeeID int64       `json:"employee_id,omitempty"`
	Status     string      `json:"status"` // authorized, captured, refunded, declined
	CreatedAt  time.Time   `json:"created_at"`
}

// StockItem is an inventory ingredient or supply.
type StockItem struct {
	ID       int64   `json:"id"`
	Name     string  `json:"name"`
	Unit     string  `json:"unit"` // each, lb, oz, case
	ParLevel float64 `json:"par_level"`
	OnHand   float64 `json:"on_hand"`
}

// Supplier sells stock items.
type Supplier struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Email     string `json:"email"`
	Phone     string `json:"phone"`
	LeadDays  int    `json:"lead_days"`
	OrderDays string `json:"order_days"` // "mon,thu"
}

// PurchaseOrder to a supplier.
type PurchaseOrder struct {
	ID         int64       `json:"id"`
	LocationID int64       `json:"location_id"`
	SupplierID int64       `json:"supplier_id"`
	Status     string      `json:"status"` // draft, submitted, received, cancelled
	Total      money.Cents `json:"total"`
	Lines      []POLine    `json:"lines"`
	CreatedAt  time.Time   `json:"created_at"`
	ReceivedAt *time.Time  `json:"received_at,omitempty"`
}

// POLine is one line of a purchase order.
type POLine struct {
	StockItemID int64       `json:"stock_item_id"`
	Qty         float64     `json:"qty"`
	UnitCost    money.Cents `json:"unit_cost"`
	ReceivedQty float64     `json:"received_qty"`
}

// OnlineOrder is an order placed through the website or a delivery partner.
type OnlineOrder struct {
	ID         int64       `json:"id"`
	LocationID int64       `json:"location_id"`
	OrderID    int64       `json:"order_id"`
	Source     string      `json:"source"` // web, swiftdash, grubhop
	ExternalID string      `json:"external_id"`
	Customer   string      `json:"customer"`
	Phone      string      `json:"phone"`
	PickupAt   time.Time   `json:"pickup_at"`
	Status     string      `json:"status"`
	Items      []CartItem  `json:"items"`
	Total      money.Cents `json:"total"`
	PaymentRef string      `json:"payment_ref,omitempty"`
}

// CartItem is an item in an online cart.
type CartItem struct {
	MenuItemID  int64   `json:"menu_item_id"`
	Qty         int     `json:"qty"`
	ModifierIDs []int64 `json:"modifier_ids,omitempty"`
	Notes       string  `json:"notes,omitempty"`
}

// DailySales is the reporting rollup row.
type DailySales struct {
	LocationID   int64       `json:"location_id"`
	BusinessDate time.Time   `json:"business_date"`
	Orders       int         `json:"orders"`
	Guests       int         `json:"guests"`
	GrossSales   money.Cents `json:"gross_sales"`
	Discounts    money.Cents `json:"discounts"`
	NetSales     money.Cents `json:"net_sales"`
	Tax          money.Cents `json:"tax"`
	Tips         money.Cents `json:"tips"`
	CardTotal    money.Cents `json:"card_total"`
	CashTotal    money.Cents `json:"cash_total"`
}

// OrderClosedEvent is published when a check is fully paid and closed.
type OrderClosedEvent struct {
	OrderID      int64       `json:"order_id"`
	LocationID   int64       `json:"location_id"`
	Total        money.Cents `json:"total"`
	LoyaltyPhone string      `json:"loyalty_phone,omitempty"`
}

// OrderFiredEvent is published when lines are sent to the kitchen.
type OrderFiredEvent struct {
	OrderID    int64   `json:"order_id"`
	LocationID int64   `json:"location_id"`
	LineIDs    []int64 `json:"line_ids"`
	TicketIDs  []int64 `json:"ticket_ids,omitempty"`
}

// PaymentCapturedEvent is published when a payment succeeds.
type PaymentCapturedEvent struct {
	PaymentID  int64       `json:"payment_id"`
	OrderID    int64       `json:"order_id"`
	Amount     money.Cents `json:"amount"`
	Tip        money.Cents `json:"tip"`
	PaidInFull bool        `json:"paid_in_full"`
}
