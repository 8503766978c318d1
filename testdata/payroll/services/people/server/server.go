// Package server implements people.v1.PeopleService.
package server

import (
	"context"
	"time"

	"github.com/ledgerly/people/pkg/auth"
	"github.com/ledgerly/people/pkg/errs"
	"github.com/ledgerly/people/pkg/models"
	"github.com/ledgerly/people/proto/peoplepb"
	"github.com/ledgerly/people/services/people/lifecycle"
	"github.com/ledgerly/people/services/people/orgchart"
	"github.com/ledgerly/people/services/people/store"
)

// Server is the PeopleService implementation.
type Server struct {
	store     *store.Store
	org       *orgchart.Service
	lifecycle *lifecycle.Service
}

var _ peoplepb.PeopleServiceServer = (*Server)(nil)

// New builds a Server.
func New(s *store.Store, org *orgchart.Service, lc *lifecycle.Service) *Server {
	return &Server{store: s, org: org, lifecycle: lc}
}

// GetEmployee implements PeopleServiceServer.
func (s *Server) GetEmployee(ctx context.Context, in *peoplepb.GetEmployeeRequest) (*peoplepb.GetEmployeeResponse, error) {
	tenant, err := auth.TenantID(ctx)
	if err != nil {
		return nil, err
	}
	e, err := s.store.GetEmployee(ctx, tenant, in.Id)
	if err != nil {
		return nil, err
	}
	return &peoplepb.GetEmployeeResponse{Employee: lifecycle.EmployeeToProto(e)}, nil
}

// ListEmployees implements PeopleServiceServer.
func (s *Server) ListEmployees(ctx context.Context, in *peoplepb.ListEmployeesRequest) (*peoplepb.ListEmployeesResponse, error) {
	tenant, err := auth.TenantID(ctx)
	if err != nil {
		return nil, err
	}
	limit := int(in.PageSize)
	if limit <= 0 {
		limit = 200
	}
	emps, err := s.store.ListEmployees(ctx, tenant, store.Filter{
		Status:       models.EmploymentStatus(in.Status),
		DepartmentID: in.DepartmentId,
		IDs:          in.Ids,
		Limit:        limit,
		AfterID:      in.PageToken,
	})
	if err != nil {
		return nil, err
	}
	resp := &peoplepb.ListEmployeesResponse{}
	for _, e := range emps {
		resp.Employees = append(resp.Employees, lifecycle.EmployeeToProto(e))
	}
	if len(emps) == limit {
		resp.NextPageToken = emps[len(emps)-1].ID
	}
	return resp, nil
}

// CreateEmployee implements PeopleServiceServer.
func (s *Server) CreateEmployee(ctx context.Context, in *peoplepb.CreateEmployeeRequest) (*peoplepb.CreateEmployeeResponse, error) {
	if err := auth.Require(ctx, auth.RoleAdmin); err != nil {
		return nil, err
	}
	if in.Employee == nil || in.Compensation == nil {
		return nil, errs.E(errs.InvalidArgument, "employee and compensation are required")
	}
	tenant, _ := auth.TenantID(ctx)
	e, err := s.lifecycle.Hire(ctx, tenant, lifecycle.HireInput{
		Employee:     lifecycle.EmployeeFromProto(in.Employee),
		Compensation: lifecycle.CompensationFromProto(in.Compensation),
	})
	if err != nil {
		return nil, err
	}
	return &peoplepb.CreateEmployeeResponse{Employee: lifecycle.EmployeeToProto(e)}, nil
}

// TerminateEmployee implements PeopleServiceServer.
func (s *Server) TerminateEmployee(ctx context.Context, in *peoplepb.TerminateEmployeeRequest) (*peoplepb.TerminateEmployeeResponse, error) {
	if err := auth.Require(ctx, auth.RoleAdmin); err != nil {
		return nil, err
	}
	at, err := time.Parse("2006-01-02", in.TerminationDate)
	if err != nil {
		return nil, errs.E(errs.InvalidArgument, "termination_date must be YYYY-MM-DD")
	}
	tenant, _ := auth.TenantID(ctx)
	e, err := s.lifecycle.Terminate(ctx, tenant, in.Id, at, in.Reason)
	if err != nil {
		return nil, err
	}
	return &peoplepb.TerminateEmployeeResponse{Employee: lifecycle.EmployeeToProto(e)}, nil
}

// GetCompensation implements PeopleServiceServer.
func (s *Server) GetCompensation(ctx context.Context, in *peoplepb.GetCompensationRequest) (*peoplepb.GetCompensationResponse, error) {
	if err := auth.Require(ctx, auth.RolePayroll); err != nil {
		return nil, err
	}
	tenant, _ := auth.TenantID(ctx)
	asOf := time.Now()
	if in.AsOf != "" {
		if t, err := time.Parse("2006-01-02", in.AsOf); err == nil {
			asOf = t
		}
	}
	comps, err := s.store.CurrentCompensation(ctx, tenant, in.EmployeeIds, asOf)
	if err != nil {
		return nil, err
	}
	resp := &peoplepb.GetCompensationResponse{}
	for _, c := range comps {
		resp.Compensations = append(resp.Compensations, lifecycle.CompensationToProto(c))
	}
	return resp, nil
}

// GetManagerChain implements PeopleServiceServer.
func (s *Server) GetManagerChain(ctx context.Context, in *peoplepb.GetManagerChainRequest) (*peoplepb.GetManagerChainResponse, error) {
	tenant, err := auth.TenantID(ctx)
	if err != nil {
		return nil, err
	}
	chart, err := s.org.Load(ctx, tenant)
	if err != nil {
		return nil, err
	}
	chain, err := chart.ManagerChain(in.EmployeeId)
	if err != nil {
		return nil, err
	}
	resp := &peoplepb.GetManagerChainResponse{}
	for _, m := range chain {
		resp.Managers = append(resp.Managers, lifecycle.EmployeeToProto(m))
	}
	return resp, nil
}

// CountActiveEmployees implements PeopleServiceServer.
func (s *Server) CountActiveEmployees(ctx context.Context, _ *peoplepb.CountActiveEmployeesRequest) (*peoplepb.CountActiveEmployeesResponse, error) {
	tenant, err := auth.TenantID(ctx)
	if err != nil {
		return nil, err
	}
	n, err := s.store.CountActive(ctx, tenant)
	if err != nil {
		return nil, err
	}
	return &peoplepb.CountActiveEmployeesResponse{Count: int32(n)}, nil
}
