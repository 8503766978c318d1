// Package model contains the driver context's persistence models.
package model

import (
	"strings"
	"time"

	"github.com/zipcab/backend/app/common/entity"
)

// DriverRecord is a row of the drivers table joined with its active vehicle.
type DriverRecord struct {
	ID            int64
	UserID        int64
	Phone         string
	Email         string
	FirstName     string
	LastName      string
	Status        entity.DriverStatus
	City          string
	RideTypes     string // comma separated, e.g. "standard,xl"
	RatingAvg     float64
	RatingCount   int
	PayoutAccount string // PayStream connected account id
	LicenseNumber string
	LicenseState  string
	VehicleID     int64
	ApprovedAt    time.Time
	CreatedAt     time.Time
	Vehicle       *entity.Vehicle
}

// ToEntity converts the record into the shared driver type.
func (d DriverRecord) ToEntity() entity.Driver {
	out := entity.Driver{
		ID:        d.ID,
		Phone:     d.Phone,
		FirstName: d.FirstName,
		LastName:  d.LastName,
		Status:    d.Status,
		Rating:    d.RatingAvg,
		City:      d.City,
		Vehicle:   d.Vehicle,
	}
	for _, rt := range strings.Split(d.RideTypes, ",") {
		if rt = strings.TrimSpace(rt); rt != "" {
			out.RideTypes = append(out.RideTypes, entity.RideType(rt))
		}
	}
	return out
}

// Offers reports whether the driver is enabled for a ride type.
func (d DriverRecord) Offers(rt entity.RideType) bool {
	for _, x := range strings.Split(d.RideTypes, ",") {
		if entity.RideType(strings.TrimSpace(x)) == rt {
			return true
		}
	}
	return false
}

// DocumentType enumerates required compliance documents.
type DocumentType string

const (
	DocLicense      DocumentType = "drivers_license"
	DocInsurance    DocumentType = "insurance"
	DocRegistration DocumentType = "vehicle_registration"
	DocInspection   DocumentType = "vehicle_inspection"
	DocFoodHygiene  DocumentType = "food_hygiene" // couriers only
)

// RequiredDocs are the documents every rideshare driver must keep valid.
var RequiredDocs = []DocumentType{DocLicense, DocInsurance, DocRegistration, DocInspection}

// Document is an uploaded compliance document.
type Document struct {
	ID         int64
	DriverID   int64
	Type       DocumentType
	StorageKey string
	Status     string // pending | approved | rejected | expired
	ExpiresAt  time.Time
	ReviewedBy int64
	UploadedAt time.Time
}

// Expired reports whether the document is past expiry at t.
func (d Document) Expired(t time.Time) bool { return !d.ExpiresAt.IsZero() && t.After(d.ExpiresAt) }
