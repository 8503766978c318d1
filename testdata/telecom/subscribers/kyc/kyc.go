// Package kyc performs identity verification (know-your-customer) checks
// required before a line may be activated.
package kyc

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"mvno.telco/core/models"
	"mvno.telco/core/platform/ids"
)

const (
	MinAge         = 18
	MinVendorScore = 70
	VendorName     = "idcheckr"
)

// Document is the identity document captured in the app or in store.
type Document struct {
	Type      string    `json:"type"` // passport | driving_licence | national_id
	Number    string    `json:"number"`
	Expiry    time.Time `json:"expiry"`
	FirstName string    `json:"first_name"`
	LastName  string    `json:"last_name"`
	DOB       time.Time `json:"dob"`
	ImageRef  string    `json:"image_ref"`
}

type vendorResult struct {
	Score      int    `json:"score"`
	Authentic  bool   `json:"authentic"`
	Sanctioned bool   `json:"sanctioned"`
	Reference  string `json:"reference"`
}

type Checker struct {
	url, key string
	http     *http.Client
	now      func() time.Time
}

func NewChecker(url, key string, timeout time.Duration) *Checker {
	return &Checker{url: url, key: key, http: &http.Client{Timeout: timeout}, now: time.Now}
}

// Check validates the document locally and with the vendor. A "review"
// result sends the case to the back-office queue instead of failing.
func (c *Checker) Check(ctx context.Context, sub models.Subscriber, doc Document) (models.KYCCheck, error) {
	chk := models.KYCCheck{
		ID: ids.New("kyc"), SubscriberID: sub.ID, Vendor: VendorName,
		DocumentType: doc.Type, DocumentNumber: mask(doc.Number), DocumentExpiry: doc.Expiry, CheckedAt: c.now().UTC(),
	}
	if reason := c.localRules(sub, doc); reason != "" {
		chk.Result, chk.Reason = "failed", reason
		return chk, nil
	}
	res, err := c.callVendor(ctx, doc)
	if err != nil {
		return chk, err
	}
	switch {
	case res.Sanctioned:
		chk.Result, chk.Reason = "failed", "sanctions list match"
	case !res.Authentic:
		chk.Result, chk.Reason = "failed", "document not authentic"
	case res.Score < MinVendorScore:
		chk.Result, chk.Reason = "review", fmt.Sprintf("low confidence score %d", res.Score)
	default:
		chk.Result = "passed"
	}
	return chk, nil
}

func (c *Checker) localRules(sub models.Subscriber, doc Document) string {
	now := c.now()
	switch doc.Type {
	case "passport", "driving_licence", "national_id":
	default:
		return "unsupported document type"
	}
	if !doc.Expiry.After(now) {
		return "document expired"
	}
	if age(doc.DOB, now) < MinAge {
		return "applicant under minimum age"
	}
	if !strings.EqualFold(strings.TrimSpace(doc.LastName), strings.TrimSpace(sub.LastName)) {
		return "surname does not match registration"
	}
	if !sub.DateOfBirth.IsZero() && !sameDay(sub.DateOfBirth, doc.DOB) {
		return "date of birth does not match registration"
	}
	return ""
}

func (c *Checker) callVendor(ctx context.Context, doc Document) (vendorResult, error) {
	body, _ := json.Marshal(doc)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url+"/v2/verify", bytes.NewReader(body))
	if err != nil {
		return vendorResult{}, err
	}
	req.Header.Set("Authorization", "Bearer "+c.key)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return vendorResult{}, fmt.Errorf("kyc vendor: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return vendorResult{}, fmt.Errorf("kyc vendor: status %d", resp.StatusCode)
	}
	var r vendorResult
	return r, json.NewDecoder(resp.Body).Decode(&r)
}

func age(dob, now time.Time) int {
	y := now.Year() - dob.Year()
	if now.YearDay() < dob.YearDay() {
		y--
	}
	return y
}

func sameDay(a, b time.Time) bool {
	return a.Year() == b.Year() && a.YearDay() == b.YearDay()
}

func mask(n string) string {
	if len(n) <= 4 {
		return "****"
	}
	return strings.Repeat("*", len(n)-4) + n[len(n)-4:]
}
