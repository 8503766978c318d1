// Package endpoint adapts the catalog service to kit endpoints.
package endpoint

import (
	"context"
	"log/slog"
	"time"

	"github.com/flickstream/api/models"
	"github.com/flickstream/api/pkg/kit"
	"github.com/flickstream/api/services/catalog/service"
)

// Endpoints groups all catalog endpoints.
type Endpoints struct {
	GetTitle    kit.Endpoint
	Browse      kit.Endpoint
	CreateTitle kit.Endpoint
	UpdateTitle kit.Endpoint
	AddEpisode  kit.Endpoint
}

// GetTitleRequest asks for one title.
type GetTitleRequest struct{ ID string }

// BrowseRequest lists titles.
type BrowseRequest struct {
	Genre     string
	Kind      string
	MaxRating string
	Limit     int
	Offset    int
}

// BrowseResponse wraps the title list.
type BrowseResponse struct {
	Titles []models.Title `json:"titles"`
	Next   int            `json:"next_offset,omitempty"`
}

// UpsertTitleRequest creates or updates a title.
type UpsertTitleRequest struct {
	ID    string       `json:"-"`
	Title models.Title `json:"title"`
}

// AddEpisodeRequest adds an episode to a series.
type AddEpisodeRequest struct {
	TitleID string         `json:"-"`
	Episode models.Episode `json:"episode"`
}

// New builds the endpoints with logging and timeouts applied.
func New(svc service.Service, log *slog.Logger) Endpoints {
	mw := func(name string) kit.Middleware {
		return kit.Chain(kit.Logging(log, "catalog."+name), kit.Timeout(5*time.Second))
	}
	return Endpoints{
		GetTitle:    mw("GetTitle")(makeGetTitle(svc)),
		Browse:      mw("Browse")(makeBrowse(svc)),
		CreateTitle: mw("CreateTitle")(makeCreateTitle(svc)),
		UpdateTitle: mw("UpdateTitle")(makeUpdateTitle(svc)),
		AddEpisode:  mw("AddEpisode")(makeAddEpisode(svc)),
	}
}

func makeGetTitle(svc service.Service) kit.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(GetTitleRequest)
		return svc.GetTitle(ctx, req.ID)
	}
}

func makeBrowse(svc service.Service) kit.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(BrowseRequest)
		titles, err := svc.Browse(ctx, service.BrowseQuery{
			Genre:     req.Genre,
			Kind:      models.TitleKind(req.Kind),
			MaxRating: models.MaturityRating(req.MaxRating),
			Page:      models.Page{Limit: req.Limit, Offset: req.Offset},
		})
		if err != nil {
			return nil, err
		}
		resp := BrowseResponse{Titles: titles}
		if req.Limit > 0 && len(titles) == req.Limit {
			resp.Next = req.Offset + req.Limit
		}
		return resp, nil
	}
}

func makeCreateTitle(svc service.Service) kit.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(UpsertTitleRequest)
		return svc.CreateTitle(ctx, req.Title)
	}
}

func makeUpdateTitle(svc service.Service) kit.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(UpsertTitleRequest)
		req.Title.ID = req.ID
		return svc.UpdateTitle(ctx, req.Title)
	}
}

func makeAddEpisode(svc service.Service) kit.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(AddEpisodeRequest)
		req.Episode.TitleID = req.TitleID
		return svc.AddEpisode(ctx, req.Episode)
	}
}
