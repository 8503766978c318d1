// Package documents renders the loan documents a borrower signs: the TILA
// disclosure box and the promissory note.
package documents

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"text/template"
	"time"

	"lendwise.io/platform/internal/models"
	"lendwise.io/platform/internal/platform/money"
	"lendwise.io/platform/internal/servicing/schedule"
)

// Document is a rendered, hash-sealed document.
type Document struct {
	Kind   string `json:"kind"`
	Title  string `json:"title"`
	Body   string `json:"body"`
	SHA256 string `json:"sha256"`
}

var tila = template.Must(template.New("tila").Parse(`TRUTH IN LENDING DISCLOSURE
Borrower: {{.Name}}    Loan: {{.AppID}}
ANNUAL PERCENTAGE RATE: {{.APR}}
FINANCE CHARGE: {{.FinanceCharge}}
Amount Financed: {{.AmountFinanced}}
Total of Payments: {{.TotalOfPayments}}
Your payment schedule: {{.Term}} monthly payments of {{.Payment}} beginning {{.FirstDue}}.
Late charge: if a payment is more than {{.Grace}} days late, you will be charged {{.LateFee}}.
Prepayment: if you pay off early, you will not have to pay a penalty.
`))

var note = template.Must(template.New("note").Parse(`PROMISSORY NOTE
For value received, {{.Name}} ("Borrower") promises to pay LendWise Inc. the principal sum of
{{.Principal}} with interest at {{.Rate}} per annum, in {{.Term}} monthly installments of {{.Payment}}
due on the same day of each month starting {{.FirstDue}}. This note is governed by the laws of {{.State}}.
`))

type Generator struct {
	LateFee   money.Cents
	GraceDays int
}

func pct(bps int64) string {
	return money.Cents(bps).String()[1:] + "%"
}

// Package renders both documents for an offer.
func (g *Generator) Package(o *models.Offer, b *models.Borrower, booked time.Time) ([]Document, error) {
	first := schedule.FirstDueDate(booked)
	insts := schedule.Build("preview", o.Amount, o.APRBps, o.TermMonths, first)
	fee := o.Amount.ApplyBps(o.OriginationFeeBps)
	financed := o.Amount - fee
	var total money.Cents
	for _, i := range insts {
		total += i.Due()
	}
	data := map[string]any{
		"Name": b.FullName(), "AppID": o.ApplicationID, "State": b.Address.State,
		"APR":            pct(schedule.EffectiveAPRBps(financed, o.MonthlyPayment, o.TermMonths)),
		"Rate":           pct(o.APRBps),
		"FinanceCharge":  schedule.FinanceCharge(insts, fee),
		"AmountFinanced": financed, "TotalOfPayments": total, "Principal": o.Amount,
		"Term": o.TermMonths, "Payment": o.MonthlyPayment, "FirstDue": first.Format("January 2, 2006"),
		"Grace": g.GraceDays, "LateFee": g.LateFee,
	}
	var out []Document
	for _, t := range []struct {
		kind, title string
		tpl         *template.Template
	}{{"tila", "Truth in Lending Disclosure", tila}, {"note", "Promissory Note", note}} {
		var buf bytes.Buffer
		if err := t.tpl.Execute(&buf, data); err != nil {
			return nil, err
		}
		sum := sha256.Sum256(buf.Bytes())
		out = append(out, Document{Kind: t.kind, Title: t.title, Body: buf.String(), SHA256: hex.EncodeToString(sum[:])})
	}
	return out, nil
}
