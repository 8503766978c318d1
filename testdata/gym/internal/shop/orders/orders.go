// Package orders takes shop orders at reception and in the app (click & collect).
package orders

import (
	"context"
	"database/sql"
	"time"

	billingstore "github.com/pulsefit/clubs/internal/billing/store"
	"github.com/pulsefit/clubs/internal/models"
	"github.com/pulsefit/clubs/internal/shop/catalog"
	"github.com/pulsefit/clubs/internal/shop/stock"
	"github.com/pulsefit/clubs/pkg/db"
	"github.com/pulsefit/clubs/pkg/errs"
	"github.com/pulsefit/clubs/pkg/events"
	"github.com/pulsefit/clubs/pkg/ids"
	"github.com/pulsefit/clubs/pkg/money"
)

// MaxAccountSpend caps what can be put on a member's account per order.
var MaxAccountSpend = money.GBP(5000)

// CardPayer is billing's card-payment API.
type CardPayer interface {
	PayByCard(ctx context.Context, memberID, token string, lines []models.InvoiceLine) (models.Invoice, error)
}

type Service struct {
	db       *sql.DB
	catalog  *catalog.Catalog
	stock    *stock.Ledger
	invoices *billingstore.Store // "put it on my account" writes straight onto the draft invoice
	cards    CardPayer
	bus      *events.Bus
}

func New(conn *sql.DB, c *catalog.Catalog, st *stock.Ledger, inv *billingstore.Store, cards CardPayer, bus *events.Bus) *Service {
	return &Service{db: conn, catalog: c, stock: st, invoices: inv, cards: cards, bus: bus}
}

type PlaceRequest struct {
	MemberID  string             `json:"member_id"`
	ClubID    string             `json:"club_id"`
	Lines     []models.OrderLine `json:"lines"`
	PayMethod string             `json:"pay_method"`
	CardToken string             `json:"card_token,omitempty"`
}

func (s *Service) price(ctx context.Context, lines []models.OrderLine) ([]models.OrderLine, []models.InvoiceLine, money.Money, error) {
	total := money.GBP(0)
	var inv []models.InvoiceLine
	for i, l := range lines {
		if l.Quantity <= 0 || l.Quantity > 20 {
			return nil, nil, total, errs.Invalid("line %d: quantity must be 1..20", i+1)
		}
		p, err := s.catalog.Get(ctx, l.ProductID)
		if err != nil {
			return nil, nil, total, err
		}
		if !p.Active {
			return nil, nil, total, errs.Conflict("%s is no longer sold", p.Name)
		}
		lines[i].UnitPrice = p.Price
		total = total.Add(p.Price.Mul(int64(l.Quantity)))
		inv = append(inv, models.InvoiceLine{Description: p.Name, Quantity: int64(l.Quantity), UnitPrice: p.Price, Source: "shop"})
	}
	return lines, inv, total, nil
}

// Place prices, reserves stock and takes payment.
func (s *Service) Place(ctx context.Context, r PlaceRequest) (models.Order, error) {
	if len(r.Lines) == 0 {
		return models.Order{}, errs.Invalid("order is empty")
	}
	lines, invLines, total, err := s.price(ctx, r.Lines)
	if err != nil {
		return models.Order{}, err
	}
	o := models.Order{ID: ids.New(ids.Order), MemberID: r.MemberID, ClubID: r.ClubID, Lines: lines, Total: total,
		PayMethod: r.PayMethod, Status: "placed", CreatedAt: time.Now().UTC()}
	for i := range invLines {
		invLines[i].SourceRef = o.ID
	}
	switch r.PayMethod {
	case "account":
		if total.Amount > MaxAccountSpend.Amount {
			return o, errs.Invalid("account orders are limited to %s", MaxAccountSpend)
		}
	case "card":
		if r.CardToken == "" {
			return o, errs.Invalid("card token required")
		}
	default:
		return o, errs.Invalid("pay_method must be card or account")
	}
	err = db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		for _, l := range lines {
			if err := s.stock.Reserve(ctx, tx, r.ClubID, l.ProductID, l.Quantity); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO shop_orders (id, member_id, club_id, total_minor, pay_method, status, created_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7)`, o.ID, o.MemberID, o.ClubID, o.Total.Amount, o.PayMethod, o.Status, o.CreatedAt); err != nil {
			return err
		}
		for _, l := range lines {
			if _, err := tx.ExecContext(ctx, `INSERT INTO shop_order_lines (order_id, product_id, quantity, unit_price_minor) VALUES ($1,$2,$3,$4)`,
				o.ID, l.ProductID, l.Quantity, l.UnitPrice.Amount); err != nil {
				return err
			}
		}
		if r.PayMethod == "account" {
			draftID, n, err := s.invoices.OpenDraft(ctx, tx, r.MemberID, ids.New(ids.Invoice), "PF-SHOP-"+o.ID[4:])
			if err != nil {
				return err
			}
			for i, l := range invLines {
				if err := s.invoices.InsertLine(ctx, tx, draftID, n+i+1, l); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return o, err
	}
	if r.PayMethod == "card" {
		if _, err := s.cards.PayByCard(ctx, r.MemberID, r.CardToken, invLines); err != nil {
			_ = s.setStatus(ctx, o.ID, "payment_failed")
			return o, err
		}
		o.Status = "paid"
		_ = s.setStatus(ctx, o.ID, o.Status)
	}
	_ = s.bus.Publish(ctx, events.OrderPlaced, o.ID, o)
	return o, nil
}

func (s *Service) setStatus(ctx context.Context, id, status string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE shop_orders SET status = $2 WHERE id = $1`, id, status)
	return err
}

// Collect marks a click-and-collect order handed over.
func (s *Service) Collect(ctx context.Context, id string) error {
	res, err := s.db.ExecContext(ctx, `UPDATE shop_orders SET status = 'collected', collected_at = now()
		WHERE id = $1 AND status IN ('placed','paid')`, id)
	if err != nil {
		return err
	}
	return db.RowsAffected(res, "open order")
}

func (s *Service) ForMember(ctx context.Context, memberID string) ([]models.Order, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, member_id, club_id, total_minor, pay_method, status, created_at
		FROM shop_orders WHERE member_id = $1 ORDER BY created_at DESC LIMIT 50`, memberID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Order
	for rows.Next() {
		var o models.Order
		var total int64
		if err := rows.Scan(&o.ID, &o.MemberID, &o.ClubID, &total, &o.PayMethod, &o.Status, &o.CreatedAt); err != nil {
			return nil, err
		}
		o.Total = money.GBP(total)
		out = append(out, o)
	}
	return out, rows.Err()
}
