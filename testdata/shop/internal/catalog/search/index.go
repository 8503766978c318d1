// Package search is the in-memory product search index of the catalog.
package search

import (
	"sort"
	"strings"
	"sync"
	"unicode"

	"example.com/shop/internal/models"
)

var stopwords = map[string]bool{
	"a": true, "an": true, "and": true, "for": true, "in": true, "of": true,
	"on": true, "the": true, "to": true, "with": true,
}

type doc struct {
	id, sku, name string
	terms         []string
}

// Hit is one search result.
type Hit struct {
	ProductID string `json:"product_id"`
	SKU       string `json:"sku"`
	Name      string `json:"name"`
	Score     int    `json:"score"`
}

// Index maps terms to active products.
type Index struct {
	mu       sync.RWMutex
	docs     map[string]doc
	postings map[string]map[string]struct{}
}

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{docs: map[string]doc{}, postings: map[string]map[string]struct{}{}}
}

// Len is the number of indexed products.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.docs)
}

// Add indexes p, replacing an earlier version. Inactive products are removed.
func (ix *Index) Add(p models.Product) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.remove(p.ID)
	if !p.Active {
		return
	}
	text := p.Name + " " + p.Description
	if p.Category != nil {
		text += " " + p.Category.Name
	}
	d := doc{id: p.ID, sku: p.SKU, name: p.Name, terms: tokenize(text)}
	ix.docs[p.ID] = d
	for _, t := range d.terms {
		set := ix.postings[t]
		if set == nil {
			set = map[string]struct{}{}
			ix.postings[t] = set
		}
		set[p.ID] = struct{}{}
	}
}

// Remove drops a product from the index.
func (ix *Index) Remove(id string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.remove(id)
}

func (ix *Index) remove(id string) {
	d, ok := ix.docs[id]
	if !ok {
		return
	}
	for _, t := range d.terms {
		delete(ix.postings[t], id)
		if len(ix.postings[t]) == 0 {
			delete(ix.postings, t)
		}
	}
	delete(ix.docs, id)
}

// Rebuild replaces the whole index.
func (ix *Index) Rebuild(products []models.Product) {
	fresh := NewIndex()
	for _, p := range products {
		fresh.Add(p)
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.docs, ix.postings = fresh.docs, fresh.postings
}

// Search returns up to limit products matching query. An exact SKU match
// ranks first; otherwise products score one point per matched term and half
// a point per prefix match.
func (ix *Index) Search(query string, limit int) []Hit {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	scores := map[string]int{}
	upper := strings.ToUpper(strings.TrimSpace(query))
	for id, d := range ix.docs {
		if d.sku == upper {
			scores[id] += 100
		}
	}
	for _, term := range tokenize(query) {
		for id := range ix.postings[term] {
			scores[id] += 2
		}
		for t, ids := range ix.postings {
			if t != term && strings.HasPrefix(t, term) {
				for id := range ids {
					scores[id]++
				}
			}
		}
	}
	hits := make([]Hit, 0, len(scores))
	for id, score := range scores {
		d := ix.docs[id]
		hits = append(hits, Hit{ProductID: id, SKU: d.sku, Name: d.name, Score: score})
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].Name < hits[j].Name
	})
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	return hits
}

func tokenize(s string) []string {
	fields := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	seen := map[string]bool{}
	out := fields[:0]
	for _, f := range fields {
		if len(f) < 2 || stopwords[f] || seen[f] {
			continue
		}
		seen[f] = true
		out = append(out, f)
	}
	return out
}
