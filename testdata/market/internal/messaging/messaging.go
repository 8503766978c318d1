// Package messaging implements conversations between buyers and sellers
// (tables: threads, messages).
package messaging

import (
	"context"
	"database/sql"
	"strings"
	"time"

	shopsvc "loomly.com/api/internal/shops/service"
	"loomly.com/api/platform/db"
	"loomly.com/api/platform/errs"
	"loomly.com/api/platform/events"
	"loomly.com/api/platform/ids"
)

type Thread struct {
	ID        string    `json:"id"`
	BuyerID   string    `json:"buyer_id"`
	ShopID    string    `json:"shop_id"`
	SellerID  string    `json:"seller_id"`
	Subject   string    `json:"subject"`
	OrderID   string    `json:"order_id,omitempty"`
	LastAt    time.Time `json:"last_message_at"`
	UnreadFor string    `json:"-"`
}

type Message struct {
	ID       string    `json:"id"`
	ThreadID string    `json:"thread_id"`
	SenderID string    `json:"sender_id"`
	Body     string    `json:"body"`
	SentAt   time.Time `json:"sent_at"`
}

type Service struct {
	db    *sql.DB
	shops *shopsvc.Service
	bus   *events.Bus
	now   func() time.Time
}

func New(pool *sql.DB, shops *shopsvc.Service, bus *events.Bus) *Service {
	return &Service{db: pool, shops: shops, bus: bus, now: time.Now}
}

// Start opens a thread from a buyer to a shop with a first message.
func (s *Service) Start(ctx context.Context, buyerID, shopID, subject, orderID, body string) (*Thread, error) {
	sh, err := s.shops.Get(ctx, shopID)
	if err != nil {
		return nil, err
	}
	if sh.OwnerID == buyerID {
		return nil, errs.Invalid("messaging.Start", "cannot message your own shop")
	}
	if orderID != "" {
		// Only let buyers attach their own orders with this shop.
		var ok bool
		err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM orders WHERE id=$1 AND buyer_id=$2 AND shop_id=$3)`,
			orderID, buyerID, shopID).Scan(&ok)
		if err != nil {
			return nil, errs.Wrap(err, "messaging.Start")
		}
		if !ok {
			return nil, errs.Invalid("messaging.Start", "order does not belong to this conversation")
		}
	}
	t := &Thread{ID: ids.New(ids.Thread), BuyerID: buyerID, ShopID: shopID, SellerID: sh.OwnerID,
		Subject: strings.TrimSpace(subject), OrderID: orderID, LastAt: s.now().UTC()}
	err = db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO threads (id, buyer_id, shop_id, seller_id, subject, order_id, last_message_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7)`, t.ID, t.BuyerID, t.ShopID, t.SellerID, t.Subject, db.NullString(orderID), t.LastAt); err != nil {
			return errs.Wrap(err, "messaging.Start")
		}
		_, err := s.insert(ctx, tx, t, buyerID, body)
		return err
	})
	return t, err
}

func (s *Service) Get(ctx context.Context, threadID, userID string) (*Thread, error) {
	var t Thread
	var orderID sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT id, buyer_id, shop_id, seller_id, subject, order_id, last_message_at
		FROM threads WHERE id=$1`, threadID).Scan(&t.ID, &t.BuyerID, &t.ShopID, &t.SellerID, &t.Subject, &orderID, &t.LastAt)
	if db.IsNoRows(err) {
		return nil, errs.NotFound("messaging.Get", "thread")
	}
	if err != nil {
		return nil, errs.Wrap(err, "messaging.Get")
	}
	if userID != t.BuyerID && userID != t.SellerID {
		return nil, errs.NotFound("messaging.Get", "thread")
	}
	t.OrderID = orderID.String
	return &t, nil
}

func (s *Service) Reply(ctx context.Context, threadID, userID, body string) (*Message, error) {
	t, err := s.Get(ctx, threadID, userID)
	if err != nil {
		return nil, err
	}
	return s.insert(ctx, s.db, t, userID, body)
}

func (s *Service) insert(ctx context.Context, q db.DBTX, t *Thread, sender, body string) (*Message, error) {
	body = strings.TrimSpace(body)
	if body == "" || len(body) > 5000 {
		return nil, errs.Invalid("messaging.send", "message must be 1-5000 characters")
	}
	m := &Message{ID: ids.New(ids.Message), ThreadID: t.ID, SenderID: sender, Body: body, SentAt: s.now().UTC()}
	recipient := t.SellerID
	if sender == t.SellerID {
		recipient = t.BuyerID
	}
	if _, err := q.ExecContext(ctx, `INSERT INTO messages (id, thread_id, sender_id, body, sent_at) VALUES ($1,$2,$3,$4,$5)`,
		m.ID, m.ThreadID, m.SenderID, m.Body, m.SentAt); err != nil {
		return nil, errs.Wrap(err, "messaging.send")
	}
	if _, err := q.ExecContext(ctx, `UPDATE threads SET last_message_at=$2, unread_for=$3 WHERE id=$1`,
		t.ID, m.SentAt, recipient); err != nil {
		return nil, errs.Wrap(err, "messaging.send")
	}
	s.bus.Publish(ctx, events.Event{Name: events.MessageSent, Key: t.ID, Payload: map[string]any{"to": recipient}})
	return m, nil
}

func (s *Service) Inbox(ctx context.Context, userID string, limit, offset int) ([]Thread, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, buyer_id, shop_id, seller_id, subject, COALESCE(order_id,''),
		last_message_at, COALESCE(unread_for,'') FROM threads WHERE buyer_id=$1 OR seller_id=$1
		ORDER BY last_message_at DESC LIMIT $2 OFFSET $3`, userID, limit, offset)
	if err != nil {
		return nil, errs.Wrap(err, "messaging.Inbox")
	}
	defer rows.Close()
	var out []Thread
	for rows.Next() {
		var t Thread
		if err := rows.Scan(&t.ID, &t.BuyerID, &t.ShopID, &t.SellerID, &t.Subject, &t.OrderID, &t.LastAt, &t.UnreadFor); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func (s *Service) Messages(ctx context.Context, threadID, userID string) ([]Message, error) {
	if _, err := s.Get(ctx, threadID, userID); err != nil {
		return nil, err
	}
	_, _ = s.db.ExecContext(ctx, `UPDATE threads SET unread_for=NULL WHERE id=$1 AND unread_for=$2`, threadID, userID)
	rows, err := s.db.QueryContext(ctx, `SELECT id, thread_id, sender_id, body, sent_at FROM messages
		WHERE thread_id=$1 ORDER BY sent_at`, threadID)
	if err != nil {
		return nil, errs.Wrap(err, "messaging.Messages")
	}
	defer rows.Close()
	var out []Message
	for rows.Next() {
		var m Message
		if err := rows.Scan(&m.ID, &m.ThreadID, &m.SenderID, &m.Body, &m.SentAt); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
