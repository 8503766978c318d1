package accounts

import (
	"context"
	"database/sql"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"gridline.energy/platform/core/db"
	"gridline.energy/platform/core/models"
	"gridline.energy/platform/core/notify"
	"gridline.energy/platform/core/util"
	"gridline.energy/platform/kit/errs"
	"gridline.energy/platform/kit/events"
	"gridline.energy/platform/kit/ids"
)

type Service struct {
	db     *sql.DB
	store  *Store
	bus    *events.Bus
	notify *notify.Sender
}

func NewService(d *sql.DB, store *Store, bus *events.Bus, n *notify.Sender) *Service {
	return &Service{db: d, store: store, bus: bus, notify: n}
}

type OpenRequest struct {
	Title         string         `json:"title"`
	FirstName     string         `json:"first_name"`
	LastName      string         `json:"last_name"`
	Email         string         `json:"email"`
	Phone         string         `json:"phone"`
	DOB           string         `json:"dob"`
	Address       models.Address `json:"billing_address"`
	PaymentMethod string         `json:"payment_method"`
}

func (r *OpenRequest) validate() error {
	const op = "accounts.Open"
	if strings.TrimSpace(r.FirstName) == "" || strings.TrimSpace(r.LastName) == "" {
		return errs.Invalid(op, "name is required")
	}
	if _, err := mail.ParseAddress(r.Email); err != nil {
		return errs.Invalid(op, "email %q is not valid", r.Email)
	}
	pc := util.NormalisePostcode(r.Address.Postcode)
	if pc == "" {
		return errs.Invalid(op, "postcode %q is not a UK postcode", r.Address.Postcode)
	}
	r.Address.Postcode = pc
	switch r.PaymentMethod {
	case "":
		r.PaymentMethod = models.PayOnReceipt
	case models.PayDirectDebit, models.PayOnReceipt, models.PayPrepayment:
	default:
		return errs.Invalid(op, "unknown payment method %q", r.PaymentMethod)
	}
	if r.DOB != "" {
		dob, err := time.Parse("2006-01-02", r.DOB)
		if err != nil {
			return errs.Invalid(op, "dob must be YYYY-MM-DD")
		}
		if time.Since(dob) < 18*365*24*time.Hour {
			return errs.Invalid(op, "account holder must be 18 or over")
		}
	}
	return nil
}

// Open creates a customer and their first account. The account number is a
// nine-digit sequence value plus a Luhn check digit.
func (s *Service) Open(ctx context.Context, req OpenRequest) (models.Account, error) {
	if err := req.validate(); err != nil {
		return models.Account{}, err
	}
	now := time.Now().UTC()
	cust := models.Customer{
		ID: ids.New(ids.PrefixCustomer), Title: req.Title, FirstName: req.FirstName,
		LastName: req.LastName, Email: strings.ToLower(req.Email), Phone: util.DigitsOnly(req.Phone), CreatedAt: now,
	}
	if req.DOB != "" {
		dob, _ := time.Parse("2006-01-02", req.DOB)
		cust.DOB = &dob
	}
	acc := models.Account{
		ID: ids.New(ids.PrefixAccount), CustomerID: cust.ID, Status: models.AccountPending,
		BillingAddress: req.Address, PaymentMethod: req.PaymentMethod,
		BillingDay: billingDayFor(now), OpenedAt: now,
	}
	err := db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		n, err := s.store.nextNumber(ctx, tx)
		if err != nil {
			return err
		}
		base := fmt.Sprintf("%09d", n)
		acc.Number = base + string(ids.LuhnDigit(base))
		if err := s.store.insertCustomer(ctx, tx, cust); err != nil {
			return err
		}
		if err := s.store.insertAccount(ctx, tx, acc); err != nil {
			return err
		}
		return s.bus.PublishTx(ctx, tx, models.EventAccountOpened, acc.ID,
			models.AccountOpened{AccountID: acc.ID, CustomerID: cust.ID})
	})
	if err != nil {
		return models.Account{}, errs.Wrap("accounts.Open", err)
	}
	_ = s.notify.Email(ctx, acc.ID, cust.Email, "welcome", map[string]string{"Name": cust.FirstName, "Account": acc.Number})
	return acc, nil
}

// billingDayFor spreads bill runs across days 1..28.
func billingDayFor(t time.Time) int {
	d := t.Day()
	if d > 28 {
		return 28
	}
	return d
}

func (s *Service) Get(ctx context.Context, id string) (models.Account, error) {
	return s.store.Get(ctx, id)
}

func (s *Service) Holder(ctx context.Context, accountID string) (models.Customer, error) {
	a, err := s.store.Get(ctx, accountID)
	if err != nil {
		return models.Customer{}, err
	}
	return s.store.Customer(ctx, a.CustomerID)
}

// Close moves an account to final or closed depending on its balance. A
// closed account must have no debt and no credit left on it.
func (s *Service) Close(ctx context.Context, id string) error {
	a, err := s.store.Get(ctx, id)
	if err != nil {
		return err
	}
	switch a.Status {
	case models.AccountClosed:
		return nil
	case models.AccountPending:
		return s.store.SetStatus(ctx, id, models.AccountClosed)
	}
	if a.Balance != 0 {
		return s.store.SetStatus(ctx, id, models.AccountFinal)
	}
	if err := s.store.SetStatus(ctx, id, models.AccountClosed); err != nil {
		return err
	}
	return s.bus.Publish(ctx, models.EventAccountClosed, id, map[string]string{"account_id": id})
}

func (s *Service) GetByNumber(ctx context.Context, number string) (models.Account, error) {
	return s.store.GetByNumber(ctx, number)
}

func (s *Service) SetPaymentMethod(ctx context.Context, accountID, method string) error {
	return s.store.SetPaymentMethod(ctx, accountID, method)
}
