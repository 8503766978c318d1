// Package checkout prices carts and turns them into paid orders.
package checkout

import (
	"context"
	"database/sql"
	"time"

	catalogstore "loomly.com/api/internal/catalog/store"
	"loomly.com/api/internal/checkout/cart"
	"loomly.com/api/internal/checkout/cartdb"
	"loomly.com/api/internal/models"
	ordersvc "loomly.com/api/internal/orders/service"
	"loomly.com/api/payments/gateway"
	"loomly.com/api/payments/ledger"
	"loomly.com/api/platform/db"
	"loomly.com/api/platform/errs"
	"loomly.com/api/platform/ids"
	"loomly.com/api/platform/money"
)

type Service struct {
	pool     *sql.DB
	carts    *cartdb.DB
	listings *catalogstore.Store // stock must be decremented in our tx
	orders   *ordersvc.Service
	gw       *gateway.Client
	ledger   *ledger.Ledger
	now      func() time.Time
}

func New(pool *sql.DB, orders *ordersvc.Service, gw *gateway.Client) *Service {
	return &Service{pool: pool, carts: cartdb.New(pool), listings: catalogstore.New(pool),
		orders: orders, gw: gw, ledger: ledger.New(pool), now: time.Now}
}

func (s *Service) Cart(ctx context.Context, buyerID string) (*cart.Cart, error) {
	return s.carts.ForBuyer(ctx, buyerID)
}

func (s *Service) SetItem(ctx context.Context, buyerID, listingID string, qty int) (*cart.Cart, error) {
	if qty < 0 || qty > 99 {
		return nil, errs.Invalid("checkout.SetItem", "quantity must be 0-99")
	}
	c, err := s.carts.ForBuyer(ctx, buyerID)
	if err != nil {
		return nil, err
	}
	if qty > 0 {
		l, err := s.listings.Get(ctx, listingID)
		if err != nil {
			return nil, err
		}
		if l.State != models.ListingActive {
			return nil, errs.Invalid("checkout.SetItem", "listing is not available")
		}
	}
	if !c.Set(listingID, qty, s.now().UTC()) && qty > 0 {
		return nil, errs.Invalid("checkout.SetItem", "cart is full")
	}
	return c, s.carts.Save(ctx, c)
}

// Price joins the cart with current listing prices and shipping fees.
func (s *Service) Price(ctx context.Context, c *cart.Cart) (*cart.Priced, error) {
	p := &cart.Priced{Shipping: map[string]money.Money{}}
	var cur money.Currency
	for _, it := range c.Items {
		l, err := s.listings.Get(ctx, it.ListingID)
		if errs.Is(err, errs.KindNotFound) {
			p.Unavailble = append(p.Unavailble, it.ListingID)
			continue
		}
		if err != nil {
			return nil, err
		}
		if l.State != models.ListingActive || (!l.MadeToOrder && l.Quantity < it.Quantity) {
			p.Unavailble = append(p.Unavailble, it.ListingID)
			continue
		}
		if cur == "" {
			cur = l.Price.Currency
		} else if cur != l.Price.Currency {
			return nil, errs.Invalid("checkout.Price", "mixed currencies are not supported")
		}
		p.Lines = append(p.Lines, models.OrderLine{ListingID: l.ID, ShopID: l.ShopID, Title: l.Title,
			Quantity: it.Quantity, UnitPrice: l.Price})
		// one shipping fee per shop: the highest of its items
		if prev, ok := p.Shipping[l.ShopID]; !ok || l.ShippingFee.Cents > prev.Cents {
			p.Shipping[l.ShopID] = l.ShippingFee
		}
	}
	if cur == "" {
		cur = money.USD
	}
	p.Subtotal = money.Zero(cur)
	for _, l := range p.Lines {
		p.Subtotal = p.Subtotal.Add(l.Total())
	}
	p.Total = p.Subtotal
	for _, f := range p.Shipping {
		p.Total = p.Total.Add(f)
	}
	return p, nil
}

type Result struct {
	CheckoutID string   `json:"checkout_id"`
	PaymentID  string   `json:"payment_id"`
	OrderIDs   []string `json:"order_ids"`
}

// Submit reserves stock, places the orders and authorizes the card.
func (s *Service) Submit(ctx context.Context, buyerID, paymentMethod string, shipTo models.Address) (*Result, error) {
	const op = "checkout.Submit"
	if !shipTo.Valid() {
		return nil, errs.Invalid(op, "incomplete shipping address")
	}
	c, err := s.carts.ForBuyer(ctx, buyerID)
	if err != nil {
		return nil, err
	}
	priced, err := s.Price(ctx, c)
	if err != nil {
		return nil, err
	}
	if len(priced.Unavailble) > 0 || len(priced.Lines) == 0 {
		return nil, errs.Conflict(op, "some items are no longer available")
	}
	res := &Result{CheckoutID: c.ID}
	err = db.WithTx(ctx, s.pool, func(tx *sql.Tx) error {
		ls := s.listings.WithTx(tx)
		for _, l := range priced.Lines {
			if err := ls.DecrementStock(ctx, l.ListingID, l.Quantity); err != nil {
				return err
			}
		}
		return s.carts.WithTx(tx).MarkCheckedOut(ctx, c.ID, s.now().UTC())
	})
	if err != nil {
		return nil, err
	}
	orders, err := s.orders.Place(ctx, ordersvc.PlaceInput{CheckoutID: c.ID, BuyerID: buyerID, ShipTo: shipTo,
		Lines: priced.Lines, Shipping: priced.Shipping})
	if err != nil {
		return nil, err
	}
	for _, o := range orders {
		res.OrderIDs = append(res.OrderIDs, o.ID)
	}
	ch, err := s.gw.Authorize(ctx, "chk-"+c.ID, paymentMethod, priced.Total)
	status := models.PaymentAuthorized
	if err != nil {
		status = models.PaymentFailed
	}
	pay := &ledger.Payment{ID: ids.New(ids.Payment), CheckoutID: c.ID, BuyerID: buyerID, ChargeID: ch.ID,
		Amount: priced.Total, Status: status, CreatedAt: s.now().UTC()}
	if perr := s.ledger.CreatePayment(ctx, pay); perr != nil {
		return nil, perr
	}
	if err != nil {
		return nil, errs.E(errs.KindInvalid, op, "payment was declined")
	}
	res.PaymentID = pay.ID
	if _, err := s.gw.Capture(ctx, ch.ID, priced.Total); err != nil {
		return nil, errs.Wrap(err, op)
	}
	return res, s.orders.MarkPaid(ctx, res.OrderIDs, pay.ID)
}

// PurgeAbandoned is run nightly by the worker.
func (s *Service) PurgeAbandoned(ctx context.Context) (int64, error) {
	return s.carts.PurgeAbandoned(ctx, 90*24*time.Hour)
}
