// Package search keeps an in-memory full-text index of on-sale events for
// the browse page's search box. It is fed from catalog events on the bus
// and warmed from the database at start-up.
package search

import (
	"context"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"gatehouse.events/platform/internal/platform/events"
	"gatehouse.events/platform/internal/shared/model"
)

// Index is a token -> event posting list.
type Index struct {
	mu       sync.RWMutex
	postings map[string]map[string]struct{}
	docs     map[string]model.EventSummary
}

// New returns an empty index.
func New() *Index {
	return &Index{postings: map[string]map[string]struct{}{}, docs: map[string]model.EventSummary{}}
}

func tokenize(s string) []string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	out := f[:0]
	for _, t := range f {
		if len(t) >= 2 {
			out = append(out, t)
		}
	}
	return out
}

// Put adds or replaces an event.
func (ix *Index) Put(e model.EventSummary) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.removeLocked(e.ID)
	ix.docs[e.ID] = e
	for _, t := range tokenize(e.Title + " " + e.VenueName + " " + e.City) {
		if ix.postings[t] == nil {
			ix.postings[t] = map[string]struct{}{}
		}
		ix.postings[t][e.ID] = struct{}{}
	}
}

// Remove deletes an event from the index.
func (ix *Index) Remove(id string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.removeLocked(id)
}

func (ix *Index) removeLocked(id string) {
	if _, ok := ix.docs[id]; !ok {
		return
	}
	delete(ix.docs, id)
	for t, p := range ix.postings {
		delete(p, id)
		if len(p) == 0 {
			delete(ix.postings, t)
		}
	}
}

// Query returns events matching all tokens (prefix match on the last),
// soonest first.
func (ix *Index) Query(q string, limit int) []model.EventSummary {
	toks := tokenize(q)
	if len(toks) == 0 {
		return nil
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	var hits map[string]struct{}
	for i, t := range toks {
		m := map[string]struct{}{}
		if i == len(toks)-1 {
			for tok, p := range ix.postings {
				if strings.HasPrefix(tok, t) {
					for id := range p {
						m[id] = struct{}{}
					}
				}
			}
		} else {
			for id := range ix.postings[t] {
				m[id] = struct{}{}
			}
		}
		if hits == nil {
			hits = m
			continue
		}
		for id := range hits {
			if _, ok := m[id]; !ok {
				delete(hits, id)
			}
		}
	}
	out := make([]model.EventSummary, 0, len(hits))
	for id := range hits {
		out = append(out, ix.docs[id])
	}
	sort.Slice(out, func(i, j int) bool { return out[i].StartsAt.Before(out[j].StartsAt) })
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return slices.Clip(out)
}

// Subscribe keeps the index in sync with catalog events.
func (ix *Index) Subscribe(bus *events.Bus) {
	bus.Subscribe(model.TopicEventPublished, "catalog.search", func(_ context.Context, e events.Envelope) error {
		if p, ok := e.Payload.(model.EventPublished); ok {
			ix.Put(p.Event)
		}
		return nil
	})
	bus.Subscribe(model.TopicEventCancelled, "catalog.search", func(_ context.Context, e events.Envelope) error {
		if p, ok := e.Payload.(model.EventCancelled); ok {
			ix.Remove(p.EventID)
		}
		return nil
	})
}
