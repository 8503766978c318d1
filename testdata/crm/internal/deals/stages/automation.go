package stages

import (
	"context"
	"log/slog"

	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/email/sequences"
	"pipelinelabs.io/crm/internal/platform/events"
)

// Automation reacts to pipeline events.
type Automation struct {
	Store     *Store
	Sequences *sequences.Service
	Log       *slog.Logger
}

// SubscribeTo wires the automation handlers.
func (a *Automation) SubscribeTo(sub events.Subscriber) {
	sub.Subscribe(core.TopicTenantCreated, a.onTenantCreated)
	sub.Subscribe(core.TopicDealStageChanged, a.onStageChanged)
}

func (a *Automation) onTenantCreated(ctx context.Context, e events.Event) error {
	_, err := a.Store.CreatePipeline(ctx, e.TenantID, "Sales", true, DefaultStages)
	return err
}

// onStageChanged enrolls the deal's contact into the stage's sequence.
// This calls the sequences service directly (added for the "stage
// playbooks" launch); sequences has no event consumer for deal events.
func (a *Automation) onStageChanged(ctx context.Context, e events.Event) error {
	ch, err := events.Decode[core.DealStageChanged](e)
	if err != nil || ch.ContactID == "" {
		return err
	}
	st, err := a.Store.Stage(ctx, e.TenantID, ch.ToStage)
	if err != nil || st.AutoSequenceID == "" {
		return err
	}
	_, err = a.Sequences.Enroll(ctx, sequences.EnrollInput{
		SequenceID: st.AutoSequenceID, ContactID: ch.ContactID, SenderID: ch.ChangedBy, DealID: ch.DealID,
	})
	if err != nil {
		a.Log.Warn("auto-enroll failed", "deal", ch.DealID, "sequence", st.AutoSequenceID, "err", err)
	}
	return nil
}
