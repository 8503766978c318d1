// Package feeds renders RSS and sitemaps for syndication and search engines.
package feeds

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"time"

	"github.com/dailyherald/newsroom/internal/editorial/store"
	"github.com/dailyherald/newsroom/internal/editorial/taxonomy"
	"github.com/dailyherald/newsroom/internal/models"
	"github.com/dailyherald/newsroom/pkg/clock"
)

const siteURL = "https://www.dailyherald.example"

type rss struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Channel channel  `xml:"channel"`
}

type channel struct {
	Title       string `xml:"title"`
	Link        string `xml:"link"`
	Description string `xml:"description"`
	Items       []item `xml:"item"`
}

type item struct {
	Title       string `xml:"title"`
	Link        string `xml:"link"`
	GUID        string `xml:"guid"`
	Description string `xml:"description"`
	PubDate     string `xml:"pubDate"`
}

type urlset struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
}

type Service struct {
	Articles *store.ArticleStore
	Taxonomy *taxonomy.Service
	Clock    clock.Clock
}

func articleURL(a models.Article) string { return fmt.Sprintf("%s/%s", siteURL, a.Slug) }

// SectionRSS writes the 50 latest free-to-read articles for a section.
// Premium pieces are syndicated with the standfirst only.
func (s *Service) SectionRSS(ctx context.Context, w io.Writer, sectionID string) error {
	sec, err := s.Taxonomy.Section(ctx, sectionID)
	if err != nil {
		return err
	}
	list, err := s.Articles.List(ctx, store.Filter{SectionID: sectionID, Status: models.StatusPublished, Limit: 50})
	if err != nil {
		return err
	}
	feed := rss{Version: "2.0", Channel: channel{
		Title: "The Daily Herald – " + sec.Name, Link: siteURL + "/" + sec.Slug,
		Description: "Latest from " + sec.Name,
	}}
	for _, a := range list {
		desc := a.Standfirst
		if a.Premium {
			desc += " (subscribers only)"
		}
		var pub string
		if a.PublishedAt != nil {
			pub = a.PublishedAt.Format(time.RFC1123Z)
		}
		feed.Channel.Items = append(feed.Channel.Items, item{
			Title: a.Headline, Link: articleURL(a), GUID: a.ID, Description: desc, PubDate: pub,
		})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	return xml.NewEncoder(w).Encode(feed)
}

// NewsSitemap lists articles published in the last 48 hours.
func (s *Service) NewsSitemap(ctx context.Context, w io.Writer) error {
	list, err := s.Articles.ListPublishedSince(ctx, s.Clock.Now().Add(-48*time.Hour), 1000)
	if err != nil {
		return err
	}
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, a := range list {
		set.URLs = append(set.URLs, sitemapURL{Loc: articleURL(a), LastMod: a.UpdatedAt.Format(time.RFC3339)})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	return xml.NewEncoder(w).Encode(set)
}
