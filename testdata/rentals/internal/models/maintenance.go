package models

import (
	"time"

	"github.com/keystoneprop/platform/internal/money"
)

type Priority string

const (
	PriorityEmergency Priority = "emergency"
	PriorityUrgent    Priority = "urgent"
	PriorityRoutine   Priority = "routine"
)

type RequestStatus string

const (
	ReqOpen      RequestStatus = "open"
	ReqTriaged   RequestStatus = "triaged"
	ReqScheduled RequestStatus = "scheduled"
	ReqCompleted RequestStatus = "completed"
	ReqCancelled RequestStatus = "cancelled"
)

type MaintenanceRequest struct {
	ID                string        `json:"id"`
	UnitID            string        `json:"unit_id"`
	PropertyID        string        `json:"property_id"`
	TenantID          string        `json:"tenant_id,omitempty"`
	Category          string        `json:"category"`
	Description       string        `json:"description"`
	Priority          Priority      `json:"priority"`
	PermissionToEnter bool          `json:"permission_to_enter"`
	Status            RequestStatus `json:"status"`
	CreatedAt         time.Time     `json:"created_at"`
}

type WorkOrderStatus string

const (
	WOUnassigned WorkOrderStatus = "unassigned"
	WOAssigned   WorkOrderStatus = "assigned"
	WOInProgress WorkOrderStatus = "in_progress"
	WOCompleted  WorkOrderStatus = "completed"
	WOCancelled  WorkOrderStatus = "cancelled"
)

type WorkOrder struct {
	ID           string          `json:"id"`
	RequestID    string          `json:"request_id,omitempty"`
	PropertyID   string          `json:"property_id"`
	UnitID       string          `json:"unit_id,omitempty"`
	VendorID     string          `json:"vendor_id,omitempty"`
	Trade        string          `json:"trade"`
	Scope        string          `json:"scope"`
	Priority     Priority        `json:"priority"`
	NotToExceed  money.Cents     `json:"not_to_exceed"`
	Status       WorkOrderStatus `json:"status"`
	TenantCaused bool            `json:"tenant_caused"`
	ScheduledFor *time.Time      `json:"scheduled_for,omitempty"`
	CompletedAt  *time.Time      `json:"completed_at,omitempty"`
}

type Vendor struct {
	ID              string    `json:"id"`
	Name            string    `json:"name"`
	Trades          []string  `json:"trades"`
	Email           string    `json:"email"`
	Phone           string    `json:"phone"`
	InsuranceExpiry time.Time `json:"insurance_expiry"`
	W9OnFile        bool      `json:"w9_on_file"`
	Rating          float64   `json:"rating"`
	Active          bool      `json:"active"`
}

type VendorInvoice struct {
	ID          string      `json:"id"`
	VendorID    string      `json:"vendor_id"`
	WorkOrderID string      `json:"work_order_id"`
	PropertyID  string      `json:"property_id"`
	Number      string      `json:"number"`
	Amount      money.Cents `json:"amount"`
	Status      string      `json:"status"`
	ReceivedOn  time.Time   `json:"received_on"`
	ApprovedBy  string      `json:"approved_by,omitempty"`
}

type InspectionKind string

const (
	InspectMoveIn  InspectionKind = "move_in"
	InspectMoveOut InspectionKind = "move_out"
	InspectAnnual  InspectionKind = "annual"
)

type Inspection struct {
	ID          string           `json:"id"`
	UnitID      string           `json:"unit_id"`
	LeaseID     string           `json:"lease_id,omitempty"`
	Kind        InspectionKind   `json:"kind"`
	Inspector   string           `json:"inspector"`
	ScheduledOn time.Time        `json:"scheduled_on"`
	CompletedAt *time.Time       `json:"completed_at,omitempty"`
	Items       []InspectionItem `json:"items,omitempty"`
}

type InspectionItem struct {
	Room         string      `json:"room"`
	Item         string      `json:"item"`
	Condition    string      `json:"condition"`
	Notes        string      `json:"notes,omitempty"`
	PhotoKey     string      `json:"photo_key,omitempty"`
	RepairCost   money.Cents `json:"repair_cost"`
	ChargeTenant bool        `json:"charge_tenant"`
}
