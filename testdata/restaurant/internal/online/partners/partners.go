// Package partners defines the adapter interface for third-party delivery
// marketplaces and a registry of configured adapters.
package partners

import (
	"context"
	"net/http"
	"sort"

	"tablecraft.io/ops/internal/platform/money"
	"tablecraft.io/ops/models"
)

// MenuEntry is one item pushed to a marketplace.
type MenuEntry struct {
	PLU       string      `json:"plu"`
	Name      string      `json:"name"`
	Category  string      `json:"category"`
	Price     money.Cents `json:"price"`
	Available bool        `json:"available"`
}

// Partner is a delivery marketplace integration.
type Partner interface {
	Name() string
	// ParseWebhook authenticates and decodes an inbound order webhook.
	ParseWebhook(r *http.Request) (*models.OnlineOrder, error)
	// PushMenu replaces the store's menu on the marketplace.
	PushMenu(ctx context.Context, storeRef string, items []MenuEntry) error
	// UpdateStatus tells the marketplace the order is accepted/ready.
	UpdateStatus(ctx context.Context, externalID, status string) error
}

// Registry holds configured partners by name.
type Registry struct{ byName map[string]Partner }

// NewRegistry builds a registry from adapters.
func NewRegistry(ps ...Partner) *Registry {
	r := &Registry{byName: map[string]Partner{}}
	for _, p := range ps {
		r.byName[p.Name()] = p
	}
	return r
}

// Get returns a partner by name.
func (r *Registry) Get(name string) (Partner, bool) {
	p, ok := r.byName[name]
	return p, ok
}

// All returns partners sorted by name.
func (r *Registry) All() []Partner {
	out := make([]Partner, 0, len(r.byName))
	for _, p := range r.byName {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out
}
