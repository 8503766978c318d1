// Package service decides which ads to insert for viewers on the ad-supported tier.
package service

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/url"
	"time"

	"github.com/flickstream/api/legacy/util"
	"github.com/flickstream/api/models"
	"github.com/flickstream/api/pkg/errs"
	"github.com/flickstream/api/pkg/ids"
	"github.com/flickstream/api/services/ads/store"
	profilestore "github.com/flickstream/api/services/profiles/store"
)

const (
	midrollEvery     = 15 * 60 // seconds
	noAdsInLast      = 5 * 60
	adsPerMidroll    = 2
	maxBreakDuration = 90
)

// Service is the ads API.
type Service struct {
	store       *store.Store
	profiles    *profilestore.Store
	trackingURL string
	log         *slog.Logger
	now         func() time.Time
	rnd         *rand.Rand
}

// New returns the service. Profiles are read directly for targeting (age, kids flag).
func New(s *store.Store, profiles *profilestore.Store, trackingBase string, log *slog.Logger) *Service {
	return &Service{store: s, profiles: profiles, trackingURL: trackingBase, log: log, now: time.Now,
		rnd: rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 42))}
}

// Breaks returns ad break offsets for content of the given length.
func Breaks(durationSec int) []int {
	if durationSec <= 0 {
		return nil
	}
	offsets := []int{0}
	for t := midrollEvery; t < durationSec-noAdsInLast; t += midrollEvery {
		offsets = append(offsets, t)
	}
	return offsets
}

// DecideBreaks fills the ad breaks for a session.
func (s *Service) DecideBreaks(ctx context.Context, profileID, sessionID string, title models.Title, durationSec int) ([]models.AdBreak, error) {
	p, err := s.profiles.GetProfile(ctx, profileID)
	if err != nil {
		return nil, errs.Wrap("ads.DecideBreaks", err)
	}
	now := s.now().UTC()
	minor := p.Kids || (p.BirthYear > 0 && util.AgeFromBirthYear(p.BirthYear, now) < 18)
	camps, err := s.store.Eligible(ctx, now, title.Genres)
	if err != nil {
		return nil, err
	}
	seen, err := s.store.ImpressionsSince(ctx, profileID, now.Add(-24*time.Hour))
	if err != nil {
		return nil, err
	}
	var pool []store.Campaign
	for _, c := range camps {
		if minor && !c.KidSafe {
			continue
		}
		if title.Rating.Level() > c.MaxRating.Level() {
			continue // advertiser does not want to appear next to this content
		}
		if c.FreqCapPerDay > 0 && seen[c.ID] >= c.FreqCapPerDay {
			continue
		}
		pool = append(pool, c)
	}
	var out []models.AdBreak
	for i, off := range Breaks(durationSec) {
		n := adsPerMidroll
		if i == 0 {
			n = 1
		}
		br := models.AdBreak{OffsetSec: off}
		total := 0
		for range n {
			c, cr, ok := s.pick(pool, seen, maxBreakDuration-total)
			if !ok {
				break
			}
			seen[c.ID]++
			total += cr.DurationSec
			br.Ads = append(br.Ads, models.AdDecision{
				CampaignID: c.ID, CreativeID: cr.ID, DurationSec: cr.DurationSec, MediaURI: cr.MediaURI,
				TrackingURL: s.tracking(c.ID, cr.ID, sessionID),
			})
		}
		if len(br.Ads) > 0 {
			out = append(out, br)
		}
	}
	return out, nil
}

// pick chooses a campaign weighted by CPM, respecting caps and remaining break time.
func (s *Service) pick(pool []store.Campaign, seen map[string]int, budgetSec int) (store.Campaign, store.Creative, bool) {
	var total int64
	var cands []store.Campaign
	for _, c := range pool {
		if c.FreqCapPerDay > 0 && seen[c.ID] >= c.FreqCapPerDay {
			continue
		}
		cands = append(cands, c)
		total += c.CPMCents
	}
	if total == 0 {
		return store.Campaign{}, store.Creative{}, false
	}
	r := s.rnd.Int64N(total)
	for _, c := range cands {
		r -= c.CPMCents
		if r >= 0 {
			continue
		}
		for _, cr := range c.Creatives {
			if cr.DurationSec <= budgetSec {
				return c, cr, true
			}
		}
		break
	}
	return store.Campaign{}, store.Creative{}, false
}

func (s *Service) tracking(campaignID, creativeID, sessionID string) string {
	q := url.Values{"c": {campaignID}, "cr": {creativeID}, "s": {sessionID}}
	return fmt.Sprintf("%s/v1/ads/impressions?%s", s.trackingURL, q.Encode())
}

// RecordImpression handles a player beacon.
func (s *Service) RecordImpression(ctx context.Context, campaignID, creativeID, profileID, sessionID string) error {
	if campaignID == "" || creativeID == "" || sessionID == "" {
		return errs.E(errs.Invalid, "ads.RecordImpression", "campaign, creative and session are required")
	}
	at := s.now().UTC().Truncate(time.Second)
	return s.store.RecordImpression(ctx, ids.New(ids.Impression), campaignID, creativeID, profileID, sessionID, at)
}

// CreateCampaign validates and stores a campaign.
func (s *Service) CreateCampaign(ctx context.Context, c store.Campaign) (store.Campaign, error) {
	const op = "ads.CreateCampaign"
	switch {
	case c.Advertiser == "":
		return c, errs.E(errs.Invalid, op, "advertiser required")
	case !c.EndsAt.After(c.StartsAt):
		return c, errs.E(errs.Invalid, op, "campaign must end after it starts")
	case c.BudgetCents <= 0 || c.CPMCents <= 0:
		return c, errs.E(errs.Invalid, op, "budget and CPM must be positive")
	case !c.MaxRating.Valid():
		return c, errs.E(errs.Invalid, op, "max_rating must be a known rating")
	case len(c.Creatives) == 0:
		return c, errs.E(errs.Invalid, op, "at least one creative required")
	}
	for i := range c.Creatives {
		if d := c.Creatives[i].DurationSec; d < 5 || d > 60 {
			return c, errs.E(errs.Invalid, op, "creatives must be 5-60 seconds")
		}
		c.Creatives[i].ID = ids.New("crv")
	}
	c.ID = ids.New(ids.Campaign)
	return c, s.store.CreateCampaign(ctx, c)
}
