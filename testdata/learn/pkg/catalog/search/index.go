// Package search is the catalog's in-memory full-text index. It is rebuilt
// nightly by jobs/reindex and kept fresh by course publish events.
package search

import (
	"context"
	"math"
	"sort"
	"strings"
	"sync"
	"unicode"

	"quill.dev/academy/pkg/catalog/domain"
	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/platform/events"
)

var stopwords = map[string]bool{"a": true, "an": true, "the": true, "and": true, "or": true, "of": true, "to": true,
	"in": true, "for": true, "with": true, "on": true, "your": true, "how": true}

// Doc is an indexed course.
type Doc struct {
	Summary     types.CourseSummary
	Subtitle    string
	Description string
	Tags        []string
}

// Hit is a search result.
type Hit struct {
	Course types.CourseSummary `json:"course"`
	Score  float64             `json:"score"`
}

// Index is a simple TF-IDF inverted index.
type Index struct {
	mu       sync.RWMutex
	docs     map[types.CourseID]Doc
	postings map[string]map[types.CourseID]float64
}

// New returns an empty index.
func New() *Index {
	return &Index{docs: map[types.CourseID]Doc{}, postings: map[string]map[types.CourseID]float64{}}
}

// Tokenize lowercases and splits text into index terms.
func Tokenize(s string) []string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '+' && r != '#' })
	out := f[:0]
	for _, t := range f {
		if len(t) > 1 && !stopwords[t] {
			out = append(out, t)
		}
	}
	return out
}

// DocFromCourse builds a Doc.
func DocFromCourse(c domain.Course) Doc {
	return Doc{Summary: c.Summary(), Subtitle: c.Subtitle, Description: c.Description, Tags: c.Tags}
}

// Put adds or replaces a document.
func (ix *Index) Put(d Doc) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.removeLocked(d.Summary.ID)
	ix.docs[d.Summary.ID] = d
	weights := map[string]float64{}
	for _, t := range Tokenize(d.Summary.Title) {
		weights[t] += 3
	}
	for _, t := range Tokenize(d.Subtitle) {
		weights[t] += 2
	}
	for _, t := range Tokenize(d.Description) {
		weights[t] += 1
	}
	for _, t := range d.Tags {
		weights[strings.ToLower(t)] += 4
	}
	for t, w := range weights {
		if ix.postings[t] == nil {
			ix.postings[t] = map[types.CourseID]float64{}
		}
		ix.postings[t][d.Summary.ID] = w
	}
}

// Remove drops a document.
func (ix *Index) Remove(id types.CourseID) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.removeLocked(id)
}

func (ix *Index) removeLocked(id types.CourseID) {
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

// Len returns the number of indexed documents.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.docs)
}

// Query is a search request.
type Query struct {
	Text  string
	Level types.Level
	Tier  types.PlanTier // only courses included in this tier, if set
	Limit int
}

// Search ranks documents for q.
func (ix *Index) Search(q Query) []Hit {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	scores := map[types.CourseID]float64{}
	n := float64(len(ix.docs))
	for _, t := range Tokenize(q.Text) {
		p := ix.postings[t]
		if len(p) == 0 {
			continue
		}
		idf := math.Log(1 + n/float64(len(p)))
		for id, w := range p {
			scores[id] += w * idf
		}
	}
	hits := make([]Hit, 0, len(scores))
	for id, s := range scores {
		d := ix.docs[id]
		if q.Level != "" && d.Summary.Level != q.Level {
			continue
		}
		if q.Tier != "" && !q.Tier.Includes(d.Summary.IncludedIn) {
			continue
		}
		hits = append(hits, Hit{Course: d.Summary, Score: s})
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].Course.Title < hits[j].Course.Title
	})
	if q.Limit > 0 && len(hits) > q.Limit {
		hits = hits[:q.Limit]
	}
	return hits
}

// Loader fetches a course for indexing.
type Loader interface {
	Course(ctx context.Context, id types.CourseID) (domain.Course, error)
}

// Subscribe keeps the index fresh from catalog events.
func (ix *Index) Subscribe(bus *events.Bus, load Loader) {
	bus.Subscribe(types.EventCoursePublished, "search.index", func(ctx context.Context, e events.Event) error {
		var p types.CoursePublished
		if err := e.Decode(&p); err != nil {
			return err
		}
		c, err := load.Course(ctx, p.Course.ID)
		if err != nil {
			return err
		}
		ix.Put(DocFromCourse(c))
		return nil
	})
	bus.Subscribe(types.EventCourseUnpublished, "search.unindex", func(ctx context.Context, e events.Event) error {
		var p types.CoursePublished
		if err := e.Decode(&p); err != nil {
			return err
		}
		ix.Remove(p.Course.ID)
		return nil
	})
}

// ReplaceAll atomically swaps the index contents for docs.
func (ix *Index) ReplaceAll(docs []Doc) {
	fresh := New()
	for _, d := range docs {
		fresh.Put(d)
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.docs, ix.postings = fresh.docs, fresh.postings
}
