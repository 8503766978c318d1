// Package storage stores documents and photos (lease PDFs, inspection photos).
package storage

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

type Store interface {
	Put(ctx context.Context, key string, r io.Reader) (string, error)
	Open(ctx context.Context, key string) (io.ReadCloser, error)
	SignedURL(key string, ttl time.Duration) string
}

type Local struct {
	Root      string
	PublicURL string
	Secret    []byte
}

func NewLocal(root, publicURL string, secret []byte) *Local {
	return &Local{Root: root, PublicURL: publicURL, Secret: secret}
}

func (l *Local) Put(ctx context.Context, key string, r io.Reader) (string, error) {
	p := filepath.Join(l.Root, filepath.Clean("/"+key))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", err
	}
	f, err := os.Create(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	if _, err := io.Copy(f, r); err != nil {
		return "", err
	}
	return key, nil
}

func (l *Local) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	return os.Open(filepath.Join(l.Root, filepath.Clean("/"+key)))
}

func (l *Local) SignedURL(key string, ttl time.Duration) string {
	exp := time.Now().Add(ttl).Unix()
	mac := hmac.New(sha256.New, l.Secret)
	fmt.Fprintf(mac, "%s:%d", key, exp)
	return fmt.Sprintf("%s/files/%s?exp=%d&sig=%s", l.PublicURL, key, exp, hex.EncodeToString(mac.Sum(nil)))
}
