// Package grpcapi exposes the pharmacy over the PharmacyService RPC
// interface (see proto/pharmacy/v1/pharmacy.proto in the api repo). The
// message types mirror the generated ones; the e-prescribing gateway
// calls us through the JSON transcoding in gateway.go.
package grpcapi

import "fmt"

// Code mirrors google.golang.org/grpc/codes for the subset we return.
type Code uint32

const (
	OK                 Code = 0
	InvalidArgument    Code = 3
	NotFound           Code = 5
	AlreadyExists      Code = 6
	PermissionDenied   Code = 7
	FailedPrecondition Code = 9
	Internal           Code = 13
	Unavailable        Code = 14
)

// Status is an RPC error.
type Status struct {
	Code    Code     `json:"code"`
	Message string   `json:"message"`
	Details []string `json:"details,omitempty"`
}

func (s *Status) Error() string {
	return fmt.Sprintf("rpc error: code = %d desc = %s", s.Code, s.Message)
}

type Prescription struct {
	Id           string `json:"id"`
	PatientId    string `json:"patient_id"`
	PrescriberId string `json:"prescriber_id"`
	DrugCode     string `json:"drug_code"`
	DrugName     string `json:"drug_name"`
	Dose         string `json:"dose"`
	Frequency    string `json:"frequency"`
	Quantity     int32  `json:"quantity"`
	Refills      int32  `json:"refills"`
	Status       string `json:"status"`
	WrittenAt    string `json:"written_at"`
	ExpiresAt    string `json:"expires_at"`
}

type CreatePrescriptionRequest struct {
	PatientId            string `json:"patient_id"`
	PrescriberId         string `json:"prescriber_id"`
	DrugCode             string `json:"drug_code"`
	Dose                 string `json:"dose"`
	Frequency            string `json:"frequency"`
	Quantity             int32  `json:"quantity"`
	Refills              int32  `json:"refills"`
	OverrideInteractions bool   `json:"override_interactions"`
}

type Warning struct {
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

type CreatePrescriptionResponse struct {
	Prescription *Prescription `json:"prescription"`
	Warnings     []*Warning    `json:"warnings,omitempty"`
}

type DispenseRequest struct {
	PrescriptionId string `json:"prescription_id"`
	PharmacistId   string `json:"pharmacist_id"`
}

type DispenseResponse struct {
	DispensationId int64    `json:"dispensation_id"`
	Lots           []string `json:"lots"`
	RefillsLeft    int32    `json:"refills_left"`
}

// PharmacyServiceServer is the server API for PharmacyService.
type PharmacyServiceServer interface {
	CreatePrescription(ctx Context, req *CreatePrescriptionRequest) (*CreatePrescriptionResponse, error)
	Dispense(ctx Context, req *DispenseRequest) (*DispenseResponse, error)
}
