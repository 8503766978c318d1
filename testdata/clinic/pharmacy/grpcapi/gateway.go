package grpcapi

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
)

// httpStatus follows the grpc-gateway mapping.
var httpStatus = map[Code]int{
	OK:                 http.StatusOK,
	InvalidArgument:    http.StatusBadRequest,
	NotFound:           http.StatusNotFound,
	AlreadyExists:      http.StatusConflict,
	PermissionDenied:   http.StatusForbidden,
	FailedPrecondition: http.StatusBadRequest,
	Internal:           http.StatusInternalServerError,
	Unavailable:        http.StatusServiceUnavailable,
}

// RegisterGateway exposes the RPCs as JSON over HTTP under
// /rpc/pharmacy.v1.PharmacyService/<Method>.
func RegisterGateway(mux *http.ServeMux, srv PharmacyServiceServer) {
	const base = "POST /rpc/pharmacy.v1.PharmacyService/"
	mux.Handle(base+"CreatePrescription", unary(srv.CreatePrescription))
	mux.Handle(base+"Dispense", unary(srv.Dispense))
}

func unary[Req, Resp any](fn func(Context, *Req) (*Resp, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req := new(Req)
		if err := json.NewDecoder(r.Body).Decode(req); err != nil {
			writeStatus(w, &Status{Code: InvalidArgument, Message: "malformed request: " + err.Error()})
			return
		}
		resp, err := fn(r.Context(), req)
		if err != nil {
			var st *Status
			if !errors.As(err, &st) {
				st = &Status{Code: Internal, Message: "internal error"}
			}
			writeStatus(w, st)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(resp)
	})
}

func writeStatus(w http.ResponseWriter, st *Status) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Grpc-Status", strconv.FormatUint(uint64(st.Code), 10))
	w.WriteHeader(httpStatus[st.Code])
	_ = json.NewEncoder(w).Encode(st)
}
