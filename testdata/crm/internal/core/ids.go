// Package core holds the domain types shared across the CRM.
//
// It started as "the models package" in 2019 and every team added their
// structs here, so it now spans tenants, contacts, deals, activities,
// email and billing. New code should prefer package-local types.
package core

import (
	"crypto/rand"
	"encoding/hex"
)

// ID is an opaque, prefixed identifier ("ct_8f3a...").
type ID string

// NewID returns a random identifier with the given prefix.
func NewID(prefix string) ID {
	var b [12]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	return ID(prefix + "_" + hex.EncodeToString(b[:]))
}

// IsZero reports whether the ID is empty.
func (id ID) IsZero() bool { return id == "" }

func (id ID) String() string { return string(id) }

// ID prefixes in use. Keep in sync with the API docs.
const (
	PrefixTenant     = "tn"
	PrefixUser       = "us"
	PrefixTeam       = "tm"
	PrefixContact    = "ct"
	PrefixCompany    = "co"
	PrefixDeal       = "dl"
	PrefixPipeline   = "pl"
	PrefixStage      = "st"
	PrefixActivity   = "ac"
	PrefixTask       = "tk"
	PrefixMailbox    = "mb"
	PrefixMessage    = "em"
	PrefixSequence   = "sq"
	PrefixEnrollment = "en"
	PrefixInvoice    = "in"
	PrefixWebhook    = "wh"
)
