// Package esim talks to the SM-DP+ (GSMA SGP.22 ES2+) to prepare eSIM
// profiles for download.
package esim

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"
)

type Client struct {
	baseURL string
	http    *http.Client
}

func New(baseURL string, timeout time.Duration) *Client {
	return &Client{baseURL: baseURL, http: &http.Client{Timeout: timeout}}
}

type orderReq struct {
	ICCID         string `json:"iccid"`
	EID           string `json:"eid,omitempty"`
	ProfileType   string `json:"profileType"`
	ReleaseFlag   bool   `json:"releaseFlag"`
	FunctionCallN string `json:"functionCallIdentifier"`
}

type orderResp struct {
	Header struct {
		FunctionExecutionStatus struct {
			Status string `json:"status"`
		} `json:"functionExecutionStatus"`
	} `json:"header"`
	MatchingID string `json:"matchingId"`
}

// Profile is a released profile ready for the device to download.
type Profile struct {
	ICCID          string
	MatchingID     string
	ActivationCode string // LPA:1$<smdp-address>$<matching-id>
}

// DownloadOrder combines ES2+ DownloadOrder and ConfirmOrder with release.
func (c *Client) DownloadOrder(ctx context.Context, iccid, eid string) (Profile, error) {
	body, _ := json.Marshal(orderReq{ICCID: iccid, EID: eid, ProfileType: "MVNO_STD", ReleaseFlag: true, FunctionCallN: "confirmOrder"})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+"/gsma/rsp2/es2plus/confirmOrder", bytes.NewReader(body))
	if err != nil {
		return Profile{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Admin-Protocol", "gsma/rsp/v2.2.0")
	resp, err := c.http.Do(req)
	if err != nil {
		return Profile{}, fmt.Errorf("smdp: %w", err)
	}
	defer resp.Body.Close()
	var out orderResp
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return Profile{}, fmt.Errorf("smdp: decode: %w", err)
	}
	if st := out.Header.FunctionExecutionStatus.Status; st != "Executed-Success" {
		return Profile{}, fmt.Errorf("smdp: confirmOrder status %q", st)
	}
	return Profile{ICCID: iccid, MatchingID: out.MatchingID, ActivationCode: ActivationCode(c.baseURL, out.MatchingID)}, nil
}

// ActivationCode builds the LPA string encoded in the QR code.
func ActivationCode(smdpURL, matchingID string) string {
	host := smdpURL
	if u, err := url.Parse(smdpURL); err == nil && u.Host != "" {
		host = u.Host
	}
	return "LPA:1$" + host + "$" + matchingID
}
