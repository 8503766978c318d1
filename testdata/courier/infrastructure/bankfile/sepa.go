// Package bankfile produces SEPA credit-transfer files (pain.001.001.03)
// for driver payouts.
package bankfile

import (
	"encoding/xml"
	"fmt"
	"math/big"
	"strings"
	"time"

	"parcelgo.com/platform/shared/errs"
)

type Payment struct {
	EndToEndID  string
	Name        string
	IBAN        string
	AmountCents int64
	Currency    string
	Remittance  string
}

type Writer struct {
	DebtorName string
	DebtorIBAN string
	now        func() time.Time
}

func NewWriter(name, iban string) *Writer {
	return &Writer{DebtorName: name, DebtorIBAN: iban, now: time.Now}
}

// ValidIBAN checks length and the ISO 13616 mod-97 checksum.
func ValidIBAN(iban string) bool {
	s := strings.ToUpper(strings.ReplaceAll(iban, " ", ""))
	if len(s) < 15 || len(s) > 34 {
		return false
	}
	s = s[4:] + s[:4]
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			fmt.Fprintf(&b, "%d", r-'A'+10)
		default:
			return false
		}
	}
	n, ok := new(big.Int).SetString(b.String(), 10)
	return ok && new(big.Int).Mod(n, big.NewInt(97)).Int64() == 1
}

type document struct {
	XMLName xml.Name `xml:"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03 Document"`
	Init    struct {
		Header struct {
			MsgID   string `xml:"MsgId"`
			Created string `xml:"CreDtTm"`
			NbTxs   int    `xml:"NbOfTxs"`
			CtrlSum string `xml:"CtrlSum"`
			Party   string `xml:"InitgPty>Nm"`
		} `xml:"GrpHdr"`
		PmtInf struct {
			ID        string `xml:"PmtInfId"`
			Method    string `xml:"PmtMtd"`
			ExecDate  string `xml:"ReqdExctnDt"`
			Debtor    string `xml:"Dbtr>Nm"`
			DebtorAcc string `xml:"DbtrAcct>Id>IBAN"`
			Txs       []tx   `xml:"CdtTrfTxInf"`
		} `xml:"PmtInf"`
	} `xml:"CstmrCdtTrfInitn"`
}

type tx struct {
	EndToEnd string `xml:"PmtId>EndToEndId"`
	Amount   struct {
		Ccy   string `xml:"Ccy,attr"`
		Value string `xml:",chardata"`
	} `xml:"Amt>InstdAmt"`
	Creditor    string `xml:"Cdtr>Nm"`
	CreditorAcc string `xml:"CdtrAcct>Id>IBAN"`
	Remittance  string `xml:"RmtInf>Ustrd"`
}

func amount(c int64) string { return fmt.Sprintf("%d.%02d", c/100, c%100) }

// Build renders the batch; payments with invalid IBANs are rejected.
func (w *Writer) Build(batchID string, execDate time.Time, payments []Payment) ([]byte, error) {
	if len(payments) == 0 {
		return nil, errs.Invalid("empty payout batch")
	}
	var d document
	var sum int64
	for _, p := range payments {
		if !ValidIBAN(p.IBAN) {
			return nil, errs.Invalid("invalid IBAN for %s", p.Name)
		}
		if p.AmountCents <= 0 {
			return nil, errs.Invalid("non-positive payout for %s", p.Name)
		}
		if p.Currency != "EUR" {
			return nil, errs.Invalid("SEPA batches are EUR only, got %s", p.Currency)
		}
		var t tx
		t.EndToEnd = p.EndToEndID
		t.Amount.Ccy, t.Amount.Value = p.Currency, amount(p.AmountCents)
		t.Creditor, t.CreditorAcc = truncate(p.Name, 70), strings.ReplaceAll(p.IBAN, " ", "")
		t.Remittance = truncate(p.Remittance, 140)
		d.Init.PmtInf.Txs = append(d.Init.PmtInf.Txs, t)
		sum += p.AmountCents
	}
	h := &d.Init.Header
	h.MsgID, h.Created, h.NbTxs, h.CtrlSum, h.Party = batchID, w.now().UTC().Format(time.RFC3339), len(payments), amount(sum), w.DebtorName
	pi := &d.Init.PmtInf
	pi.ID, pi.Method, pi.ExecDate, pi.Debtor, pi.DebtorAcc = batchID, "TRF", execDate.Format("2006-01-02"), w.DebtorName, w.DebtorIBAN
	out, err := xml.MarshalIndent(d, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), out...), nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
