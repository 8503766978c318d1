// Package contactsapi serves contacts, companies, segments, duplicates,
// imports and exports.
package contactsapi

import (
	"net/http"

	"pipelinelabs.io/crm/internal/accounts/permissions"
	"pipelinelabs.io/crm/internal/contacts"
	"pipelinelabs.io/crm/internal/contacts/companies"
	"pipelinelabs.io/crm/internal/contacts/dedupe"
	"pipelinelabs.io/crm/internal/contacts/importer"
	"pipelinelabs.io/crm/internal/contacts/segments"
	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/deals"
	"pipelinelabs.io/crm/internal/platform/errs"
	"pipelinelabs.io/crm/internal/platform/httpx"
	"pipelinelabs.io/crm/internal/platform/pagination"
	"pipelinelabs.io/crm/internal/platform/tenancy"
)

// Handler serves the contacts area.
type Handler struct {
	Contacts  *contacts.Service
	Companies *companies.Store
	Segments  *segments.Service
	Dedupe    *dedupe.Service
	Importer  *importer.Service
	Deals     *deals.Service // for the "deals" tab of the contact page
}

func (h *Handler) Register(r httpx.Registrar) {
	r.Private("GET /v1/contacts", h.list)
	r.Private("POST /v1/contacts", h.create)
	r.Private("GET /v1/contacts/{id}", h.get)
	r.Private("PATCH /v1/contacts/{id}", h.update)
	r.Private("DELETE /v1/contacts/{id}", h.delete)
	r.Private("GET /v1/contacts/{id}/deals", h.contactDeals)
	r.Private("POST /v1/contacts/{id}/merge", h.merge)
	r.Private("GET /v1/duplicates", h.duplicates)
	r.Private("GET /v1/companies", h.companies)
	r.Private("POST /v1/companies", h.createCompany)
	r.Private("GET /v1/segments", h.segments)
	r.Private("POST /v1/segments", h.createSegment)
	r.Private("GET /v1/segments/{id}/members", h.members)
	r.Private("POST /v1/imports", h.importCSV)
	r.Private("GET /v1/exports/contacts.csv", h.export)
}

func filter(r *http.Request) contacts.ListFilter {
	q := r.URL.Query()
	return contacts.ListFilter{CompanyID: core.ID(q.Get("company_id")), Stage: q.Get("stage"), Query: q.Get("q")}
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request) error {
	page, err := h.Contacts.List(r.Context(), filter(r), pagination.FromRequest(r))
	return httpx.Reply(w, http.StatusOK, page, err)
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) error {
	var in contacts.Input
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	c, err := h.Contacts.Create(r.Context(), in)
	return httpx.Reply(w, http.StatusCreated, c, err)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) error {
	c, err := h.Contacts.Get(r.Context(), httpx.PathID(r, "id"))
	return httpx.Reply(w, http.StatusOK, c, err)
}

func (h *Handler) update(w http.ResponseWriter, r *http.Request) error {
	var in contacts.Input
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	c, err := h.Contacts.Update(r.Context(), httpx.PathID(r, "id"), in)
	return httpx.Reply(w, http.StatusOK, c, err)
}

func (h *Handler) delete(w http.ResponseWriter, r *http.Request) error {
	return httpx.Reply(w, http.StatusNoContent, nil, h.Contacts.Delete(r.Context(), httpx.PathID(r, "id")))
}

func (h *Handler) contactDeals(w http.ResponseWriter, r *http.Request) error {
	c, err := h.Contacts.Get(r.Context(), httpx.PathID(r, "id"))
	if err != nil {
		return err
	}
	page, err := h.Deals.List(r.Context(), deals.Filter{ContactID: c.ID}, pagination.FromRequest(r))
	return httpx.Reply(w, http.StatusOK, page, err)
}

func (h *Handler) merge(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		LoserID core.ID `json:"merge_id"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	c, err := h.Dedupe.Merge(r.Context(), httpx.PathID(r, "id"), in.LoserID)
	return httpx.Reply(w, http.StatusOK, c, err)
}

func (h *Handler) duplicates(w http.ResponseWriter, r *http.Request) error {
	gs, err := h.Dedupe.Find(r.Context(), httpx.QueryInt(r, "limit", 100))
	return httpx.Reply(w, http.StatusOK, gs, err)
}

func (h *Handler) companies(w http.ResponseWriter, r *http.Request) error {
	p, err := permissions.Require(r.Context(), permissions.ContactsRead)
	if err != nil {
		return err
	}
	pg := pagination.FromRequest(r)
	cs, err := h.Companies.List(r.Context(), p.TenantID, r.URL.Query().Get("q"), pg)
	return httpx.Reply(w, http.StatusOK, pagination.NewPage(cs, pg), err)
}

func (h *Handler) createCompany(w http.ResponseWriter, r *http.Request) error {
	p, err := permissions.Require(r.Context(), permissions.ContactsWrite)
	if err != nil {
		return err
	}
	var c core.Company
	if err := httpx.Decode(r, &c); err != nil {
		return err
	}
	c.ID, c.TenantID = "", p.TenantID
	if c.OwnerID == "" {
		c.OwnerID = p.UserID
	}
	c, err = h.Companies.Create(r.Context(), h.Companies.DB, c)
	return httpx.Reply(w, http.StatusCreated, c, err)
}

func (h *Handler) segments(w http.ResponseWriter, r *http.Request) error {
	ss, err := h.Segments.List(r.Context(), tenancy.TenantID(r.Context()))
	return httpx.Reply(w, http.StatusOK, ss, err)
}

func (h *Handler) createSegment(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Name    string            `json:"name"`
		Filters []segments.Filter `json:"filters"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	s, err := h.Segments.Create(r.Context(), in.Name, in.Filters)
	return httpx.Reply(w, http.StatusCreated, s, err)
}

func (h *Handler) members(w http.ResponseWriter, r *http.Request) error {
	p, err := permissions.Require(r.Context(), permissions.ContactsRead)
	if err != nil {
		return err
	}
	pg := pagination.FromRequest(r)
	cs, err := h.Segments.Members(r.Context(), p.TenantID, httpx.PathID(r, "id"), pg)
	return httpx.Reply(w, http.StatusOK, pagination.NewPage(cs, pg), err)
}

func (h *Handler) importCSV(w http.ResponseWriter, r *http.Request) error {
	f, hdr, err := r.FormFile("file")
	if err != nil {
		return errs.Invalid("multipart field 'file' is required")
	}
	defer f.Close()
	job, err := h.Importer.Import(r.Context(), hdr.Filename, f)
	return httpx.Reply(w, http.StatusCreated, job, err)
}

func (h *Handler) export(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "text/csv")
	w.Header().Set("Content-Disposition", `attachment; filename="contacts.csv"`)
	return h.Importer.Export(r.Context(), w, filter(r))
}
