// Package images issues signed upload URLs for listing photos and builds CDN
// URLs with resize parameters.
package images

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"loomly.com/api/platform/ids"
)

var allowed = map[string]string{
	"image/jpeg": ".jpg",
	"image/png":  ".png",
	"image/webp": ".webp",
}

const MaxBytes = 10 << 20

type Signer struct {
	bucketURL string
	cdnURL    string
	secret    []byte
}

func NewSigner(bucketURL, cdnURL, secret string) *Signer {
	return &Signer{bucketURL: strings.TrimRight(bucketURL, "/"), cdnURL: strings.TrimRight(cdnURL, "/"), secret: []byte(secret)}
}

type Upload struct {
	Key       string    `json:"key"`
	UploadURL string    `json:"upload_url"`
	ExpiresAt time.Time `json:"expires_at"`
}

// NewUpload returns a pre-signed PUT URL valid for 15 minutes.
func (s *Signer) NewUpload(shopID, contentType string, size int64, now time.Time) (Upload, error) {
	ext, ok := allowed[contentType]
	if !ok {
		return Upload{}, fmt.Errorf("images: unsupported content type %q", contentType)
	}
	if size <= 0 || size > MaxBytes {
		return Upload{}, fmt.Errorf("images: size %d out of range", size)
	}
	key := path.Join("listings", shopID, ids.New("img")+ext)
	exp := now.Add(15 * time.Minute)
	q := url.Values{}
	q.Set("expires", strconv.FormatInt(exp.Unix(), 10))
	q.Set("content-type", contentType)
	q.Set("content-length", strconv.FormatInt(size, 10))
	q.Set("sig", s.sign(key, q.Encode()))
	return Upload{Key: key, UploadURL: s.bucketURL + "/" + key + "?" + q.Encode(), ExpiresAt: exp}, nil
}

func (s *Signer) sign(key, payload string) string {
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte(key + "\n" + payload))
	return hex.EncodeToString(m.Sum(nil))
}

// OwnedBy reports whether an uploaded key belongs to the shop.
func OwnedBy(key, shopID string) bool {
	return strings.HasPrefix(key, "listings/"+shopID+"/")
}

// URL returns the CDN URL for key at the given width (0 = original).
func (s *Signer) URL(key string, width int) string {
	if width <= 0 {
		return s.cdnURL + "/" + key
	}
	return fmt.Sprintf("%s/%s?w=%d&fit=cover&auto=format", s.cdnURL, key, width)
}
