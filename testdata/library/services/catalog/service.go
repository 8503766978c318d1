// Package catalog implements cataloguing rules: titles, copies, withdrawal.
package catalog

import (
	"context"
	"strings"

	"citylib.org/ils/apperr"
	"citylib.org/ils/internal/catalog/search"
	"citylib.org/ils/internal/platform/ids"
	"citylib.org/ils/models"
	catrepo "citylib.org/ils/repositories/catalog"
	"citylib.org/ils/repositories/copies"
	"citylib.org/ils/repositories/holds"
	branchsvc "citylib.org/ils/services/branches"
)

type Service struct {
	titles   *catrepo.TitleRepo
	copies   *copies.Repo
	holds    *holds.Repo
	index    *search.Index
	branches *branchsvc.Service
}

func NewService(t *catrepo.TitleRepo, c *copies.Repo, h *holds.Repo, ix *search.Index, b *branchsvc.Service) *Service {
	return &Service{titles: t, copies: c, holds: h, index: ix, branches: b}
}

// ValidISBN checks ISBN-10 and ISBN-13 check digits.
func ValidISBN(isbn string) bool {
	isbn = strings.ReplaceAll(strings.ReplaceAll(isbn, "-", ""), " ", "")
	switch len(isbn) {
	case 10:
		sum := 0
		for i := 0; i < 10; i++ {
			c := isbn[i]
			var d int
			switch {
			case c >= '0' && c <= '9':
				d = int(c - '0')
			case (c == 'X' || c == 'x') && i == 9:
				d = 10
			default:
				return false
			}
			sum += d * (10 - i)
		}
		return sum%11 == 0
	case 13:
		sum := 0
		for i := 0; i < 13; i++ {
			c := isbn[i]
			if c < '0' || c > '9' {
				return false
			}
			d := int(c - '0')
			if i%2 == 1 {
				d *= 3
			}
			sum += d
		}
		return sum%10 == 0
	}
	return false
}

func (s *Service) CreateTitle(ctx context.Context, t *models.Title) error {
	t.Title = strings.TrimSpace(t.Title)
	if t.Title == "" {
		return apperr.Invalid("title_required", "title is required")
	}
	if t.ISBN != "" {
		if !ValidISBN(t.ISBN) {
			return apperr.Invalid("bad_isbn", "invalid ISBN "+t.ISBN)
		}
		if existing, err := s.titles.GetByISBN(ctx, t.ISBN); err == nil {
			return apperr.Conflict("duplicate_isbn", "ISBN already catalogued as title "+existing.Title)
		}
	}
	if t.Format == "" {
		t.Format = models.FormatBook
	}
	if t.Language == "" {
		t.Language = "eng"
	}
	if err := s.titles.Create(ctx, t); err != nil {
		return err
	}
	return s.index.Reindex(ctx, t)
}

// AddCopy attaches a new item. A barcode is generated when none is given.
func (s *Service) AddCopy(ctx context.Context, c *models.Copy) error {
	if _, err := s.titles.Get(ctx, c.TitleID); err != nil {
		return err
	}
	if err := s.branches.MustBeActive(ctx, c.HomeBranchID); err != nil {
		return err
	}
	if c.Barcode == "" {
		bc, err := ids.NewItemBarcode()
		if err != nil {
			return err
		}
		c.Barcode = bc
	} else if !ids.ValidItemBarcode(c.Barcode) {
		return apperr.Invalid("bad_barcode", "invalid item barcode "+c.Barcode)
	}
	if c.CallNumber == "" {
		return apperr.Invalid("call_number_required", "call number is required")
	}
	return s.copies.Create(ctx, c)
}

// Withdraw removes a copy from circulation (weeding, damage).
func (s *Service) Withdraw(ctx context.Context, barcode string) (*models.Copy, error) {
	c, err := s.copies.GetByBarcode(ctx, barcode)
	if err != nil {
		return nil, err
	}
	switch c.Status {
	case models.CopyOnLoan, models.CopyInTransit, models.CopyOnHoldShelf:
		return nil, apperr.Conflict("copy_in_use", "cannot withdraw an item that is "+string(c.Status))
	}
	if err := s.copies.SetStatus(ctx, c.ID, nil, models.CopyWithdrawn); err != nil {
		return nil, err
	}
	c.Status = models.CopyWithdrawn
	return c, nil
}

// Availability is the OPAC "where is it" view of a title.
func (s *Service) Availability(ctx context.Context, titleID int64) (*models.TitleAvailability, error) {
	t, err := s.titles.Get(ctx, titleID)
	if err != nil {
		return nil, err
	}
	cs, err := s.copies.ListByTitle(ctx, titleID)
	if err != nil {
		return nil, err
	}
	avail, err := s.copies.CountAvailableByBranch(ctx, titleID)
	if err != nil {
		return nil, err
	}
	n, err := s.holds.CountWaiting(ctx, titleID)
	if err != nil {
		return nil, err
	}
	return &models.TitleAvailability{Title: *t, Copies: cs, Available: avail, HoldCount: n}, nil
}

func (s *Service) Search(ctx context.Context, q string, f search.Filter, limit, offset int) ([]search.Hit, error) {
	return s.index.Query(ctx, q, f, limit, offset)
}

func (s *Service) Title(ctx context.Context, id int64) (*models.Title, error) {
	return s.titles.Get(ctx, id)
}

func (s *Service) DeleteTitle(ctx context.Context, id int64) error {
	return s.titles.Delete(ctx, id)
}
