// Package domain is the payments context's model: Direct Debit mandates and
// collections, BACS return codes, and bank-detail checks.
package domain

import (
	"fmt"
	"strings"
	"time"

	"gridline.energy/platform/kit/money"
)

const (
	MandatePending   = "pending" // lodged with AUDDIS, not yet confirmed
	MandateActive    = "active"
	MandateCancelled = "cancelled"

	CollScheduled = "scheduled"
	CollSubmitted = "submitted"
	CollPaid      = "paid"
	CollReturned  = "returned"
)

type Mandate struct {
	ID            string    `json:"id"`
	AccountID     string    `json:"account_id"`
	HolderName    string    `json:"holder_name"`
	SortCode      string    `json:"sort_code"`
	AccountNumber string    `json:"account_number"` // stored masked outside the vault
	Reference     string    `json:"reference"`
	Status        string    `json:"status"`
	CreatedAt     time.Time `json:"created_at"`
}

type Collection struct {
	ID        string      `json:"id"`
	MandateID string      `json:"mandate_id"`
	AccountID string      `json:"account_id"`
	BillID    string      `json:"bill_id"`
	Amount    money.Pence `json:"amount"`
	DueDate   time.Time   `json:"due_date"`
	Status    string      `json:"status"`
}

// ARUDD return reason codes.
var ReturnReasons = map[string]string{
	"0": "refer to payer",
	"1": "instruction cancelled",
	"2": "payer deceased",
	"3": "account transferred",
	"5": "no account",
	"6": "no instruction",
	"B": "account closed",
}

// CancelsMandate reports whether a return reason ends the mandate.
func CancelsMandate(code string) bool {
	switch code {
	case "1", "2", "5", "6", "B":
		return true
	}
	return false
}

// NormaliseBankDetails strips separators, pads 7-digit account numbers and
// rejects obviously invalid details. Full modulus checking is done by the
// bureau on lodgement.
func NormaliseBankDetails(sortCode, accountNo string) (string, string, error) {
	clean := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, s)
	}
	sc, an := clean(sortCode), clean(accountNo)
	if len(sc) != 6 {
		return "", "", fmt.Errorf("sort code must be 6 digits")
	}
	if len(an) == 7 {
		an = "0" + an
	}
	if len(an) != 8 {
		return "", "", fmt.Errorf("account number must be 8 digits")
	}
	if an == "00000000" || sc == "000000" {
		return "", "", fmt.Errorf("bank details are not valid")
	}
	return sc, an, nil
}

// MandateReference is the 18-character BACS reference: our prefix plus the
// customer account number, padded.
func MandateReference(accountNumber string) string {
	ref := "GRIDLINE" + accountNumber
	if len(ref) > 18 {
		ref = ref[:18]
	}
	return fmt.Sprintf("%-18s", ref)
}
