// Package emailapi serves mailboxes, templates and sequences.
package emailapi

import (
	"net/http"
	"time"

	"pipelinelabs.io/crm/internal/accounts/permissions"
	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/email/mailboxes"
	"pipelinelabs.io/crm/internal/email/sequences"
	"pipelinelabs.io/crm/internal/email/templates"
	"pipelinelabs.io/crm/internal/platform/httpx"
	"pipelinelabs.io/crm/internal/platform/tenancy"
)

// Handler serves the email area.
type Handler struct {
	Mailboxes *mailboxes.Store
	Templates *templates.Store
	Sequences *sequences.Service
}

func (h *Handler) Register(r httpx.Registrar) {
	r.Private("GET /v1/mailboxes", h.mailboxes)
	r.Private("POST /v1/mailboxes", h.connect)
	r.Private("GET /v1/templates", h.templates)
	r.Private("POST /v1/templates", h.saveTemplate)
	r.Private("GET /v1/sequences", h.sequences)
	r.Private("POST /v1/sequences", h.createSequence)
	r.Private("POST /v1/sequences/{id}/enroll", h.enroll)
}

func (h *Handler) mailboxes(w http.ResponseWriter, r *http.Request) error {
	p, _ := tenancy.From(r.Context())
	ms, err := h.Mailboxes.ForUser(r.Context(), p.TenantID, p.UserID)
	return httpx.Reply(w, http.StatusOK, ms, err)
}

// connect is called by the web app after the OAuth dance completes.
func (h *Handler) connect(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Provider     string `json:"provider"`
		Address      string `json:"address"`
		AccessToken  string `json:"access_token"`
		RefreshToken string `json:"refresh_token"`
		ExpiresIn    int    `json:"expires_in"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	m, err := h.Mailboxes.Connect(r.Context(), mailboxes.Mailbox{Provider: in.Provider, Address: in.Address, AccessToken: in.AccessToken,
		RefreshToken: in.RefreshToken, TokenExpiry: time.Now().Add(time.Duration(in.ExpiresIn) * time.Second)})
	return httpx.Reply(w, http.StatusCreated, m, err)
}

func (h *Handler) templates(w http.ResponseWriter, r *http.Request) error {
	ts, err := h.Templates.List(r.Context(), tenancy.TenantID(r.Context()))
	return httpx.Reply(w, http.StatusOK, ts, err)
}

func (h *Handler) saveTemplate(w http.ResponseWriter, r *http.Request) error {
	p, err := permissions.Require(r.Context(), permissions.SequencesManage)
	if err != nil {
		return err
	}
	var t templates.Template
	if err := httpx.Decode(r, &t); err != nil {
		return err
	}
	t.TenantID, t.CreatedBy = p.TenantID, p.UserID
	t, err = h.Templates.Save(r.Context(), t)
	return httpx.Reply(w, http.StatusCreated, t, err)
}

func (h *Handler) sequences(w http.ResponseWriter, r *http.Request) error {
	ss, err := h.Sequences.List(r.Context(), tenancy.TenantID(r.Context()))
	return httpx.Reply(w, http.StatusOK, ss, err)
}

func (h *Handler) createSequence(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Name  string           `json:"name"`
		Steps []sequences.Step `json:"steps"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	s, err := h.Sequences.Create(r.Context(), in.Name, in.Steps)
	return httpx.Reply(w, http.StatusCreated, s, err)
}

func (h *Handler) enroll(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		ContactID core.ID `json:"contact_id"`
		SegmentID core.ID `json:"segment_id"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	seqID := httpx.PathID(r, "id")
	if in.SegmentID != "" {
		n, skipped, err := h.Sequences.EnrollSegment(r.Context(), seqID, in.SegmentID)
		return httpx.Reply(w, http.StatusOK, map[string]int{"enrolled": n, "skipped": skipped}, err)
	}
	e, err := h.Sequences.Enroll(r.Context(), sequences.EnrollInput{SequenceID: seqID, ContactID: in.ContactID})
	return httpx.Reply(w, http.StatusCreated, e, err)
}
