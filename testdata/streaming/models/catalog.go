package models

import "time"

// MaturityRating is a content rating, MPA or US TV guidelines.
type MaturityRating string

const (
	RatingTVY   MaturityRating = "TV-Y"
	RatingTVY7  MaturityRating = "TV-Y7"
	RatingG     MaturityRating = "G"
	RatingTVG   MaturityRating = "TV-G"
	RatingPG    MaturityRating = "PG"
	RatingTVPG  MaturityRating = "TV-PG"
	RatingPG13  MaturityRating = "PG-13"
	RatingTV14  MaturityRating = "TV-14"
	RatingR     MaturityRating = "R"
	RatingTVMA  MaturityRating = "TV-MA"
	RatingNC17  MaturityRating = "NC-17"
	RatingUnset MaturityRating = ""
)

var ratingLevels = map[MaturityRating]int{
	RatingTVY: 0, RatingTVY7: 1, RatingG: 1, RatingTVG: 1,
	RatingPG: 2, RatingTVPG: 2, RatingPG13: 3, RatingTV14: 3,
	RatingR: 4, RatingTVMA: 4, RatingNC17: 5,
}

// Level returns a comparable severity; unknown ratings are treated as most severe.
func (r MaturityRating) Level() int {
	if l, ok := ratingLevels[r]; ok {
		return l
	}
	return 5
}

// Valid reports whether r is a known rating.
func (r MaturityRating) Valid() bool {
	_, ok := ratingLevels[r]
	return ok
}

// TitleKind distinguishes movies from series.
type TitleKind string

const (
	KindMovie  TitleKind = "movie"
	KindSeries TitleKind = "series"
)

// Title is a movie or series in the catalog.
type Title struct {
	ID             string         `json:"id"`
	Kind           TitleKind      `json:"kind"`
	Name           string         `json:"name"`
	Synopsis       string         `json:"synopsis"`
	ReleaseYear    int            `json:"release_year"`
	Rating         MaturityRating `json:"rating"`
	RuntimeMinutes int            `json:"runtime_minutes,omitempty"`
	Genres         []string       `json:"genres"`
	OriginalLang   string         `json:"original_language"`
	Playable       bool           `json:"playable"`
	PosterURL      string         `json:"poster_url,omitempty"`
	CreatedAt      time.Time      `json:"created_at"`
	UpdatedAt      time.Time      `json:"updated_at"`
}

// Episode belongs to a series title.
type Episode struct {
	ID             string    `json:"id"`
	TitleID        string    `json:"title_id"`
	SeasonNumber   int       `json:"season_number"`
	Number         int       `json:"number"`
	Name           string    `json:"name"`
	Synopsis       string    `json:"synopsis,omitempty"`
	RuntimeMinutes int       `json:"runtime_minutes"`
	Playable       bool      `json:"playable"`
	AirDate        time.Time `json:"air_date,omitzero"`
}

// LicenseWindow is a period during which we may stream a title in a territory.
type LicenseWindow struct {
	ID            string    `json:"id"`
	TitleID       string    `json:"title_id"`
	PartnerID     string    `json:"partner_id"`
	Territory     string    `json:"territory"`
	StartsAt      time.Time `json:"starts_at"`
	EndsAt        time.Time `json:"ends_at"`
	Exclusive     bool      `json:"exclusive"`
	AdTierAllowed bool      `json:"ad_tier_allowed"`
	Status        string    `json:"status"`
}

// Active reports whether the window covers t.
func (w LicenseWindow) Active(t time.Time) bool {
	return w.Status == "active" && !t.Before(w.StartsAt) && t.Before(w.EndsAt)
}
