package service

import (
	"context"

	"github.com/flickstream/api/pkg/events"
)

// OnWindowExpired hides a title from browse when its last license window lapses.
// The rights sweeper sets "remaining" to the number of still-active windows.
func OnWindowExpired(svc Service) events.Handler {
	return func(ctx context.Context, e events.Event) error {
		if e.Attrs["remaining"] != "0" {
			return nil
		}
		return svc.MarkPlayable(ctx, e.Attrs["title_id"], false)
	}
}
