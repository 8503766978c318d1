package models

import (
	"time"

	"shipwell.io/wms/pkg/money"
)

type ShipmentStatus string

const (
	ShipmentPending    ShipmentStatus = "pending"
	ShipmentLabelled   ShipmentStatus = "labelled"
	ShipmentManifested ShipmentStatus = "manifested"
	ShipmentDispatched ShipmentStatus = "dispatched"
	ShipmentDelivered  ShipmentStatus = "delivered"
	ShipmentException  ShipmentStatus = "exception"
)

type Shipment struct {
	ID           string         `json:"id"`
	OrderID      string         `json:"order_id"`
	ClientID     string         `json:"client_id"`
	Carrier      string         `json:"carrier"`
	Service      string         `json:"service"`
	Status       ShipmentStatus `json:"status"`
	ShipTo       Address        `json:"ship_to"`
	Packages     []Package      `json:"packages"`
	Cost         money.Money    `json:"cost"`
	ManifestID   string         `json:"manifest_id,omitempty"`
	CreatedAt    time.Time      `json:"created_at"`
	DispatchedAt *time.Time     `json:"dispatched_at,omitempty"`
}

type Package struct {
	CartonID   string     `json:"carton_id"`
	Dims       Dimensions `json:"dims"`
	TrackingNo string     `json:"tracking_no,omitempty"`
	LabelURL   string     `json:"label_url,omitempty"`
}

type RateQuote struct {
	Carrier     string      `json:"carrier"`
	Service     string      `json:"service"`
	Cost        money.Money `json:"cost"`
	TransitDays int         `json:"transit_days"`
}

type TrackingEvent struct {
	TrackingNo string    `json:"tracking_no"`
	Code       string    `json:"code"`
	Detail     string    `json:"detail"`
	OccurredAt time.Time `json:"occurred_at"`
}
