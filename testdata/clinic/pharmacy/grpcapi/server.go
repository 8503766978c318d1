package grpcapi

import (
	"context"
	"errors"
	"time"

	"github.com/acme/clinic/pharmacy/prescriptions"
	"github.com/acme/clinic/pharmacy/usecase"
	"github.com/acme/clinic/pkg/domain"
	"github.com/acme/clinic/pkg/errs"
	"github.com/acme/clinic/pkg/logger"
)

// Context is an alias so the generated-style signatures stay short.
type Context = context.Context

type Server struct {
	uc  *usecase.Pharmacy
	log *logger.Logger
}

var _ PharmacyServiceServer = (*Server)(nil)

func NewServer(uc *usecase.Pharmacy, log *logger.Logger) *Server {
	return &Server{uc: uc, log: log.Named("pharmacy-rpc")}
}

func toStatus(err error) error {
	if err == nil {
		return nil
	}
	var allergy *usecase.AllergyError
	if errors.As(err, &allergy) {
		return &Status{Code: FailedPrecondition, Message: allergy.Error(), Details: []string{"ALLERGY"}}
	}
	code := Internal
	switch errs.KindOf(err) {
	case errs.KindInvalid:
		code = InvalidArgument
	case errs.KindNotFound:
		code = NotFound
	case errs.KindConflict:
		code = FailedPrecondition
	case errs.KindPermission:
		code = PermissionDenied
	case errs.KindUnavailable:
		code = Unavailable
	}
	return &Status{Code: code, Message: err.Error()}
}

func rxMsg(p domain.Prescription) *Prescription {
	return &Prescription{
		Id: string(p.ID), PatientId: string(p.PatientID), PrescriberId: string(p.PrescriberID),
		DrugCode: p.DrugCode, DrugName: p.DrugName, Dose: p.Dose, Frequency: p.Frequency,
		Quantity: int32(p.Quantity), Refills: int32(p.Refills), Status: string(p.Status),
		WrittenAt: p.WrittenAt.Format(time.RFC3339), ExpiresAt: p.ExpiresAt.Format(time.RFC3339),
	}
}

func warnMsgs(list []prescriptions.Interaction) []*Warning {
	out := make([]*Warning, 0, len(list))
	for _, i := range list {
		out = append(out, &Warning{Severity: string(i.Severity), Message: i.DrugA + " + " + i.DrugB + ": " + i.Reason})
	}
	return out
}

func (s *Server) CreatePrescription(ctx Context, req *CreatePrescriptionRequest) (*CreatePrescriptionResponse, error) {
	if req.PatientId == "" || req.PrescriberId == "" {
		return nil, &Status{Code: InvalidArgument, Message: "patient_id and prescriber_id are required"}
	}
	rx, warnings, err := s.uc.Prescribe(ctx, usecase.PrescribeCmd{
		PatientID:    domain.PatientID(req.PatientId),
		PrescriberID: domain.StaffID(req.PrescriberId),
		DrugCode:     req.DrugCode,
		Dose:         req.Dose,
		Frequency:    req.Frequency,
		Quantity:     int(req.Quantity),
		Refills:      int(req.Refills),
		Override:     req.OverrideInteractions,
	})
	if err != nil {
		st := toStatus(err).(*Status)
		for _, w := range warnMsgs(warnings) {
			st.Details = append(st.Details, w.Severity+": "+w.Message)
		}
		return nil, st
	}
	return &CreatePrescriptionResponse{Prescription: rxMsg(rx), Warnings: warnMsgs(warnings)}, nil
}

func (s *Server) Dispense(ctx Context, req *DispenseRequest) (*DispenseResponse, error) {
	d, err := s.uc.Dispense(ctx, domain.PrescriptionID(req.PrescriptionId), domain.StaffID(req.PharmacistId))
	if err != nil {
		s.log.WarnContext(ctx, "dispense failed", "rx_id", req.PrescriptionId, "err", err)
		return nil, toStatus(err)
	}
	resp := &DispenseResponse{DispensationId: d.ID, RefillsLeft: int32(max(d.Prescription.Refills-1, 0))}
	for _, a := range d.Allocations {
		resp.Lots = append(resp.Lots, a.Lot)
	}
	return resp, nil
}
