// Package service implements catalog business rules.
package service

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/flickstream/api/models"
	"github.com/flickstream/api/pkg/errs"
	"github.com/flickstream/api/pkg/events"
	"github.com/flickstream/api/pkg/ids"
	"github.com/flickstream/api/services/catalog/store"
	encstore "github.com/flickstream/api/services/encoding/store"
)

const maxGenresPerTitle = 3

// Service is the catalog API used by transports and other contexts.
type Service interface {
	GetTitle(ctx context.Context, id string) (TitleDetail, error)
	Browse(ctx context.Context, q BrowseQuery) ([]models.Title, error)
	CreateTitle(ctx context.Context, t models.Title) (models.Title, error)
	UpdateTitle(ctx context.Context, t models.Title) (models.Title, error)
	AddEpisode(ctx context.Context, e models.Episode) (models.Episode, error)
	Episodes(ctx context.Context, titleID string) ([]models.Episode, error)
	MarkPlayable(ctx context.Context, titleID string, playable bool) error
}

// TitleDetail is a title with its episodes and available formats.
type TitleDetail struct {
	models.Title
	Episodes []models.Episode `json:"episodes,omitempty"`
	Formats  []string         `json:"formats"`
}

// BrowseQuery filters the browse shelf.
type BrowseQuery struct {
	Genre     string
	Kind      models.TitleKind
	MaxRating models.MaturityRating
	Page      models.Page
}

type service struct {
	store      *store.Store
	renditions *encstore.Store
	pub        events.Publisher
	log        *slog.Logger
	now        func() time.Time
}

// New returns the catalog service. The rendition store is used to show the
// available formats (4K/HDR badges) on the title page.
func New(s *store.Store, renditions *encstore.Store, pub events.Publisher, log *slog.Logger) Service {
	return &service{store: s, renditions: renditions, pub: pub, log: log, now: time.Now}
}

func (s *service) GetTitle(ctx context.Context, id string) (TitleDetail, error) {
	t, err := s.store.GetTitle(ctx, id)
	if err != nil {
		return TitleDetail{}, err
	}
	d := TitleDetail{Title: t}
	if t.Kind == models.KindSeries {
		if d.Episodes, err = s.store.ListEpisodes(ctx, id); err != nil {
			return d, err
		}
	}
	rs, err := s.renditions.Renditions(ctx, id, "")
	if err != nil {
		s.log.Warn("catalog: renditions lookup failed", "title", id, "err", err)
		return d, nil
	}
	seen := map[string]bool{}
	for _, r := range rs {
		f := fmt.Sprintf("%dp %s", r.Height, r.Codec)
		if !seen[f] {
			seen[f] = true
			d.Formats = append(d.Formats, f)
		}
	}
	return d, nil
}

func (s *service) Browse(ctx context.Context, q BrowseQuery) ([]models.Title, error) {
	p := q.Page.Normalize()
	maxLevel := -1
	if q.MaxRating != models.RatingUnset {
		if !q.MaxRating.Valid() {
			return nil, errs.E(errs.Invalid, "catalog.Browse", "unknown rating "+string(q.MaxRating))
		}
		maxLevel = q.MaxRating.Level()
	}
	return s.store.ListTitles(ctx, store.Filter{
		Genre: q.Genre, Kind: q.Kind, MaxRating: maxLevel, PlayableOnly: true, Limit: p.Limit, Offset: p.Offset,
	})
}

func (s *service) validate(ctx context.Context, t *models.Title) error {
	const op = "catalog.validate"
	t.Name = strings.TrimSpace(t.Name)
	if t.Name == "" || len(t.Name) > 200 {
		return errs.E(errs.Invalid, op, "name is required and must be at most 200 characters")
	}
	if t.Kind != models.KindMovie && t.Kind != models.KindSeries {
		return errs.E(errs.Invalid, op, "kind must be movie or series")
	}
	if !t.Rating.Valid() {
		return errs.E(errs.Invalid, op, "unknown rating "+string(t.Rating))
	}
	if y := s.now().Year(); t.ReleaseYear < 1888 || t.ReleaseYear > y+2 {
		return errs.E(errs.Invalid, op, fmt.Sprintf("release year %d out of range", t.ReleaseYear))
	}
	if t.Kind == models.KindMovie && t.RuntimeMinutes <= 0 {
		return errs.E(errs.Invalid, op, "movies need a runtime")
	}
	if len(t.Genres) == 0 || len(t.Genres) > maxGenresPerTitle {
		return errs.E(errs.Invalid, op, fmt.Sprintf("a title needs 1 to %d genres", maxGenresPerTitle))
	}
	known, err := s.store.ListGenres(ctx)
	if err != nil {
		return err
	}
	for _, g := range t.Genres {
		if _, ok := known[g]; !ok {
			return errs.E(errs.Invalid, op, "unknown genre "+g)
		}
	}
	slices.Sort(t.Genres)
	t.Genres = slices.Compact(t.Genres)
	if t.OriginalLang == "" {
		t.OriginalLang = "en"
	}
	return nil
}

func (s *service) CreateTitle(ctx context.Context, t models.Title) (models.Title, error) {
	if err := s.validate(ctx, &t); err != nil {
		return t, err
	}
	t.ID = ids.New(ids.Title)
	t.CreatedAt = s.now().UTC()
	t.UpdatedAt = t.CreatedAt
	if err := s.store.CreateTitle(ctx, t); err != nil {
		return t, err
	}
	_ = s.pub.Publish(ctx, events.New(events.TitlePublished, t.ID, "kind", string(t.Kind), "rating", string(t.Rating)))
	return t, nil
}

func (s *service) UpdateTitle(ctx context.Context, t models.Title) (models.Title, error) {
	existing, err := s.store.GetTitle(ctx, t.ID)
	if err != nil {
		return t, err
	}
	t.Kind = existing.Kind // kind is immutable once episodes may exist
	if err := s.validate(ctx, &t); err != nil {
		return t, err
	}
	if err := s.store.UpdateTitle(ctx, t); err != nil {
		return t, err
	}
	return s.store.GetTitle(ctx, t.ID)
}

func (s *service) AddEpisode(ctx context.Context, e models.Episode) (models.Episode, error) {
	const op = "catalog.AddEpisode"
	t, err := s.store.GetTitle(ctx, e.TitleID)
	if err != nil {
		return e, err
	}
	if t.Kind != models.KindSeries {
		return e, errs.E(errs.Invalid, op, "episodes can only be added to series")
	}
	if e.SeasonNumber < 1 || e.Number < 1 {
		return e, errs.E(errs.Invalid, op, "season and episode numbers start at 1")
	}
	if e.RuntimeMinutes <= 0 || e.RuntimeMinutes > 240 {
		return e, errs.E(errs.Invalid, op, "runtime must be between 1 and 240 minutes")
	}
	if strings.TrimSpace(e.Name) == "" {
		e.Name = fmt.Sprintf("Episode %d", e.Number)
	}
	e.ID = ids.New(ids.Episode)
	return e, s.store.CreateEpisode(ctx, e)
}

func (s *service) Episodes(ctx context.Context, titleID string) ([]models.Episode, error) {
	return s.store.ListEpisodes(ctx, titleID)
}

func (s *service) MarkPlayable(ctx context.Context, titleID string, playable bool) error {
	return s.store.SetPlayable(ctx, titleID, playable)
}
