package newsletter

import (
	"bytes"
	"context"
	"html/template"
	"time"

	"github.com/dailyherald/newsroom/pkg/clock"
	"github.com/dailyherald/newsroom/pkg/ids"
)

type editionItem struct {
	Headline   string
	Standfirst string
	URL        string
	Premium    bool
}

var editionTmpl = template.Must(template.New("edition").Parse(`<!doctype html>
<html><body style="font-family: Georgia, serif">
<h1>{{.Name}}</h1><p>{{.Date}}</p>
{{range .Items}}<h2><a href="{{.URL}}">{{.Headline}}</a>{{if .Premium}} <small>★</small>{{end}}</h2><p>{{.Standfirst}}</p>
{{end}}
<p><a href="{{.UnsubURL}}">Unsubscribe</a></p>
</body></html>`))

// BuildEdition assembles today's edition for a newsletter from the most-read
// published articles of the last day, optionally restricted to its section.
func (s *Service) BuildEdition(ctx context.Context, slug string, sendAt time.Time) (string, error) {
	n, err := s.bySlug(ctx, slug)
	if err != nil {
		return "", err
	}
	since := s.Clock.Now().Add(-24 * time.Hour)
	rows, err := s.DB.QueryContext(ctx, `
		SELECT a.headline, a.standfirst, a.slug, a.premium
		FROM articles a
		LEFT JOIN article_daily_stats st ON st.article_id = a.id AND st.day = $3::date
		WHERE a.status = 'published' AND a.published_at >= $1 AND ($2 = '' OR a.section_id = $2)
		ORDER BY coalesce(st.views, 0) DESC, a.published_at DESC
		LIMIT 8`, since, n.SectionID, clock.StartOfDay(since))
	if err != nil {
		return "", err
	}
	var items []editionItem
	for rows.Next() {
		var it editionItem
		var sl string
		if err := rows.Scan(&it.Headline, &it.Standfirst, &sl, &it.Premium); err != nil {
			rows.Close()
			return "", err
		}
		it.URL = s.BaseURL + "/" + sl + "?utm_source=newsletter&utm_campaign=" + n.Slug
		items = append(items, it)
	}
	rows.Close()
	if len(items) < 3 {
		return "", nil // too thin to send; editors are alerted by the dashboard
	}
	var buf bytes.Buffer
	err = editionTmpl.Execute(&buf, map[string]any{
		"Name": n.Name, "Date": sendAt.Format("Monday 2 January 2006"), "Items": items,
		"UnsubURL": s.BaseURL + "/newsletters/unsubscribe?t={{token}}",
	})
	if err != nil {
		return "", err
	}
	id := ids.New("edn")
	_, err = s.DB.ExecContext(ctx, `
		INSERT INTO newsletter_editions (id, newsletter_id, subject, html, send_at, status, created_at)
		VALUES ($1, $2, $3, $4, $5, 'scheduled', now())`,
		id, n.ID, n.Name+": "+items[0].Headline, buf.String(), sendAt)
	return id, err
}
