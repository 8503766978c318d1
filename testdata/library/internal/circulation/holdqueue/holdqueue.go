// Package holdqueue allocates copies to waiting holds: trapping returned
// items, sending copies between branches, and expiring uncollected holds.
package holdqueue

import (
	"context"

	"citylib.org/ils/internal/platform/clock"
	"citylib.org/ils/internal/platform/eventbus"
	transfers "citylib.org/ils/internal/transfers/service"
	"citylib.org/ils/models"
	"citylib.org/ils/repositories/copies"
	"citylib.org/ils/repositories/holds"
)

// Routing tells the desk what to do with an item in hand.
const (
	RouteShelve    = "shelve"
	RouteHoldShelf = "hold_shelf"
	RouteTransit   = "transit"
)

type Decision struct {
	Routing  string
	Hold     *models.Hold
	ToBranch int64
}

type Allocator struct {
	holds     *holds.Repo
	copies    *copies.Repo
	transfers *transfers.Service
	bus       *eventbus.Bus
	clock     clock.Clock
	shelfDays int
}

func New(h *holds.Repo, c *copies.Repo, t *transfers.Service, bus *eventbus.Bus, clk clock.Clock, shelfDays int) *Allocator {
	a := &Allocator{holds: h, copies: c, transfers: t, bus: bus, clock: clk, shelfDays: shelfDays}
	bus.Subscribe(models.TopicTransferReceived, a.onTransferReceived)
	return a
}

// pick chooses the hold to fill: first waiting hold for pickup at the
// item's current branch, otherwise the head of the queue.
func pick(queue []models.Hold, branchID int64) *models.Hold {
	if len(queue) == 0 {
		return nil
	}
	for i := range queue {
		if queue[i].PickupBranchID == branchID {
			// Local holds win only if they are within the first five in line,
			// so distant patrons are not starved.
			if i < 5 {
				return &queue[i]
			}
			break
		}
	}
	return &queue[0]
}

// Allocate decides where copy c (currently at its branch_id, status
// available) should go, and applies the decision.
func (a *Allocator) Allocate(ctx context.Context, c *models.Copy) (*Decision, error) {
	queue, err := a.holds.Queue(ctx, c.TitleID)
	if err != nil {
		return nil, err
	}
	h := pick(queue, c.BranchID)
	if h == nil {
		return &Decision{Routing: RouteShelve}, nil
	}
	if h.PickupBranchID == c.BranchID {
		if err := a.trap(ctx, h, c.ID); err != nil {
			return nil, err
		}
		return &Decision{Routing: RouteHoldShelf, Hold: h}, nil
	}
	holdID := h.ID
	if _, err := a.transfers.Request(ctx, c.ID, c.BranchID, h.PickupBranchID, transfers.ReasonHold, &holdID); err != nil {
		return nil, err
	}
	if err := a.holds.Assign(ctx, h.ID, c.ID, models.HoldInTransit, nil); err != nil {
		return nil, err
	}
	return &Decision{Routing: RouteTransit, Hold: h, ToBranch: h.PickupBranchID}, nil
}

// trap puts the copy on the hold shelf for h and notifies the member.
func (a *Allocator) trap(ctx context.Context, h *models.Hold, copyID int64) error {
	expires := clock.EndOfDay(a.clock.Now().AddDate(0, 0, a.shelfDays))
	if err := a.copies.SetStatus(ctx, copyID, []models.CopyStatus{models.CopyAvailable, models.CopyInTransit, models.CopyOnHoldShelf},
		models.CopyOnHoldShelf); err != nil {
		return err
	}
	if err := a.holds.Assign(ctx, h.ID, copyID, models.HoldReady, &expires); err != nil {
		return err
	}
	a.bus.Publish(ctx, models.TopicHoldReady, models.HoldEvent{
		HoldID: h.ID, MemberID: h.MemberID, TitleID: h.TitleID, Title: h.Title,
		PickupBranchID: h.PickupBranchID, ExpiresAt: expires,
	})
	return nil
}

func (a *Allocator) onTransferReceived(ctx context.Context, e eventbus.Event) error {
	ev, ok := e.Payload.(models.TransferEvent)
	if !ok || ev.HoldID == nil {
		return nil
	}
	h, err := a.holds.Get(ctx, *ev.HoldID)
	if err != nil {
		return err
	}
	if h.Status != models.HoldInTransit {
		// Hold was cancelled while the item travelled: reallocate.
		c, err := a.copies.Get(ctx, ev.CopyID)
		if err != nil {
			return err
		}
		c.Status = models.CopyAvailable
		if err := a.copies.SetStatus(ctx, c.ID, nil, models.CopyAvailable); err != nil {
			return err
		}
		_, err = a.Allocate(ctx, c)
		return err
	}
	return a.trap(ctx, h, ev.CopyID)
}

// TryFill is called when a new hold is placed: if a copy is sitting on a
// shelf somewhere, claim it now instead of waiting for a return.
func (a *Allocator) TryFill(ctx context.Context, h *models.Hold) error {
	local, err := a.copies.AvailableAt(ctx, h.TitleID, h.PickupBranchID)
	if err != nil {
		return err
	}
	if len(local) > 0 {
		return a.trap(ctx, h, local[0].ID)
	}
	counts, err := a.copies.CountAvailableByBranch(ctx, h.TitleID)
	if err != nil {
		return err
	}
	var best int64
	for b, n := range counts {
		if n > 0 && (best == 0 || n > counts[best]) {
			best = b
		}
	}
	if best == 0 {
		return nil
	}
	remote, err := a.copies.AvailableAt(ctx, h.TitleID, best)
	if err != nil || len(remote) == 0 {
		return err
	}
	_, err = a.Allocate(ctx, &remote[0])
	return err
}

// ExpireUncollected expires holds left on the shelf past their date and
// passes each copy on to the next person in line.
func (a *Allocator) ExpireUncollected(ctx context.Context) (int, error) {
	expired, err := a.holds.ExpiredReady(ctx, a.clock.Now())
	if err != nil {
		return 0, err
	}
	for _, h := range expired {
		if err := a.holds.SetStatus(ctx, h.ID, models.HoldExpired); err != nil {
			return 0, err
		}
		a.bus.Publish(ctx, models.TopicHoldExpired, models.HoldEvent{HoldID: h.ID, MemberID: h.MemberID, TitleID: h.TitleID, Title: h.Title})
		if h.CopyID == nil {
			continue
		}
		c, err := a.copies.Get(ctx, *h.CopyID)
		if err != nil {
			return 0, err
		}
		if err := a.copies.SetStatus(ctx, c.ID, nil, models.CopyAvailable); err != nil {
			return 0, err
		}
		if _, err := a.Allocate(ctx, c); err != nil {
			return 0, err
		}
	}
	return len(expired), nil
}
