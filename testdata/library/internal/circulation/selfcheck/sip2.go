// Package selfcheck speaks a subset of SIP2 over HTTP for the self-service
// kiosks (the vendor's "SIP over HTTPS" mode): 11 checkout, 09 checkin,
// 29 renew, 23 patron status.
package selfcheck

import (
	"crypto/subtle"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"citylib.org/ils/apperr"
	"citylib.org/ils/models"
	loansvc "citylib.org/ils/services/loans"
	membersvc "citylib.org/ils/services/members"
)

const sipDate = "20060102    150405"

type Kiosk struct {
	loans   *loansvc.Service
	members *membersvc.Service
	secret  string
	// KioskBranch maps the AO (institution/location) field to a branch id.
	branchByLocation map[string]int64
}

func New(l *loansvc.Service, m *membersvc.Service, secret string, locations map[string]int64) *Kiosk {
	return &Kiosk{loans: l, members: m, secret: secret, branchByLocation: locations}
}

func (k *Kiosk) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /sip2", k.handle)
}

// fields parses the variable-length "XXvalue|" fields after the fixed part.
func fields(msg string) map[string]string {
	out := map[string]string{}
	for _, f := range strings.Split(msg, "|") {
		if len(f) >= 2 {
			out[f[:2]] = f[2:]
		}
	}
	return out
}

func (k *Kiosk) handle(w http.ResponseWriter, r *http.Request) {
	if subtle.ConstantTimeCompare([]byte(r.Header.Get("X-Kiosk-Secret")), []byte(k.secret)) != 1 || k.secret == "" {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 4096))
	if err != nil || len(body) < 2 {
		http.Error(w, "bad message", http.StatusBadRequest)
		return
	}
	msg := strings.TrimRight(string(body), "\r\n")
	f := fields(msg)
	branch := k.branchByLocation[f["AO"]]
	now := time.Now().Format(sipDate)
	var resp string
	switch msg[:2] {
	case "11":
		resp = k.checkout(r, f, branch, now)
	case "09":
		resp = k.checkin(r, f, branch, now)
	case "23":
		resp = k.patronStatus(r, f, now)
	case "99":
		resp = "98YYYNYN01000" + now + "2.00AO" + f["AO"] + "|"
	default:
		resp = "96"
	}
	w.Header().Set("Content-Type", "text/plain")
	_, _ = io.WriteString(w, resp+"\r")
}

func screenMsg(err error) string {
	switch apperr.KindOf(err) {
	case apperr.KindBlocked:
		return "Please see staff: your account has a block"
	case apperr.KindConflict:
		return "This item cannot be checked out here"
	case apperr.KindNotFound:
		return "Item or card not recognised"
	}
	return "Please see staff"
}

func (k *Kiosk) checkout(r *http.Request, f map[string]string, branch int64, now string) string {
	res, err := k.loans.Checkout(r.Context(), models.CheckoutRequest{CardNumber: f["AA"], Barcode: f["AB"], BranchID: branch})
	if err != nil {
		return fmt.Sprintf("120NUN%sAO%s|AA%s|AB%s|AJ|AH|AF%s|", now, f["AO"], f["AA"], f["AB"], screenMsg(err))
	}
	return fmt.Sprintf("121NNY%sAO%s|AA%s|AB%s|AJ%s|AH%s|", now, f["AO"], f["AA"], f["AB"],
		res.Loan.Title, res.Loan.DueAt.Format("2006-01-02"))
}

func (k *Kiosk) checkin(r *http.Request, f map[string]string, branch int64, now string) string {
	res, err := k.loans.Return(r.Context(), models.ReturnRequest{Barcode: f["AB"], BranchID: branch})
	if err != nil {
		return fmt.Sprintf("100NUN%sAO%s|AB%s|AF%s|", now, f["AO"], f["AB"], screenMsg(err))
	}
	// CV alert type: 01 hold for this branch, 02 hold elsewhere, 04 send home.
	alert := ""
	switch res.Routing {
	case "hold_shelf":
		alert = "|CV01"
	case "transit":
		alert = "|CV02"
	}
	return fmt.Sprintf("101YNN%sAO%s|AB%s|AJ%s%s|", now, f["AO"], f["AB"], res.Loan.Title, alert)
}

func (k *Kiosk) patronStatus(r *http.Request, f map[string]string, now string) string {
	m, err := k.members.ByCard(r.Context(), f["AA"])
	if err != nil {
		return fmt.Sprintf("24YYYY          000%sAO%s|AA%s|BLN|", now, f["AO"], f["AA"])
	}
	blocks, err := k.members.Standing(r.Context(), m)
	flags := "              "
	if err != nil || len(blocks) > 0 {
		flags = "YY            "
	}
	return fmt.Sprintf("24%s000%sAO%s|AA%s|AE%s|BLY|", flags, now, f["AO"], f["AA"], m.FullName())
}
