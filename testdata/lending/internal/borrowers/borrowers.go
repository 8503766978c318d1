// Package borrowers owns borrower onboarding: registration, identity
// verification (KYC) and bank account linking.
package borrowers

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"time"

	"lendwise.io/platform/internal/borrowers/kyc"
	"lendwise.io/platform/internal/borrowers/store"
	"lendwise.io/platform/internal/models"
	"lendwise.io/platform/internal/platform/errs"
	"lendwise.io/platform/internal/platform/events"
	"lendwise.io/platform/internal/platform/ids"
)

const minAge = 18

var (
	ssnRe   = regexp.MustCompile(`^\d{3}-?\d{2}-?\d{4}$`)
	phoneRe = regexp.MustCompile(`^\+1\d{10}$`)
)

type Service struct {
	store  *store.Store
	kyc    *kyc.Checker
	bus    *events.Bus
	states []string
	now    func() time.Time
}

func NewService(s *store.Store, k *kyc.Checker, bus *events.Bus, servicedStates []string) *Service {
	return &Service{store: s, kyc: k, bus: bus, states: servicedStates, now: time.Now}
}

// RegisterInput is the onboarding form.
type RegisterInput struct {
	FirstName    string         `json:"first_name"`
	LastName     string         `json:"last_name"`
	Email        string         `json:"email"`
	Phone        string         `json:"phone"`
	DateOfBirth  string         `json:"date_of_birth"`
	SSN          string         `json:"ssn"`
	Address      models.Address `json:"address"`
	AnnualIncome int64          `json:"annual_income_cents"`
	TimeZone     string         `json:"time_zone"`
	PartnerID    string         `json:"-"`
}

// Register validates and creates a borrower in KYC-pending state.
func (s *Service) Register(ctx context.Context, in RegisterInput) (*models.Borrower, error) {
	if strings.TrimSpace(in.FirstName) == "" || strings.TrimSpace(in.LastName) == "" {
		return nil, errs.Invalid("name is required")
	}
	if _, err := mail.ParseAddress(in.Email); err != nil {
		return nil, errs.Invalid("invalid email")
	}
	if !phoneRe.MatchString(in.Phone) {
		return nil, errs.Invalid("phone must be E.164 US number")
	}
	if !ssnRe.MatchString(in.SSN) {
		return nil, errs.Invalid("invalid SSN")
	}
	dob, err := time.Parse("2006-01-02", in.DateOfBirth)
	if err != nil {
		return nil, errs.Invalid("date_of_birth must be YYYY-MM-DD")
	}
	if !slices.Contains(s.states, strings.ToUpper(in.Address.State)) {
		return nil, errs.Ineligible("we do not lend in %s", in.Address.State)
	}
	if in.AnnualIncome <= 0 {
		return nil, errs.Invalid("annual income is required")
	}
	if dup, err := s.store.FindByEmail(ctx, in.Email); err != nil {
		return nil, err
	} else if dup != nil {
		return nil, errs.Conflict("a borrower with this email already exists")
	}
	digits := strings.ReplaceAll(in.SSN, "-", "")
	b := &models.Borrower{
		ID: ids.New("bor"), FirstName: in.FirstName, LastName: in.LastName, Email: strings.ToLower(in.Email),
		Phone: in.Phone, DateOfBirth: dob, SSNLast4: digits[5:], SSNToken: tokenize(digits),
		Address: in.Address, AnnualIncome: in.AnnualIncome, KYCStatus: models.KYCPending,
		PartnerID: in.PartnerID, CreatedAt: s.now().UTC(), TimeZone: in.TimeZone,
	}
	b.Address.State = strings.ToUpper(b.Address.State)
	if b.TimeZone == "" {
		b.TimeZone = "America/Chicago"
	}
	if b.AgeOn(s.now()) < minAge {
		return nil, errs.Ineligible("borrower must be at least %d", minAge)
	}
	if err := s.store.Create(ctx, b); err != nil {
		return nil, err
	}
	return b, nil
}

// Verify runs KYC and updates the borrower's status.
func (s *Service) Verify(ctx context.Context, id string) (*models.Borrower, error) {
	b, err := s.store.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if b.KYCStatus == models.KYCVerified {
		return b, nil
	}
	res, err := s.kyc.Run(ctx, b)
	if err != nil {
		return nil, err
	}
	now := s.now().UTC()
	if err := s.store.SetKYCStatus(ctx, id, res.Status, now); err != nil {
		return nil, err
	}
	b.KYCStatus = res.Status
	if res.Status == models.KYCVerified {
		b.VerifiedAt = now
		_ = s.bus.Publish(ctx, events.BorrowerVerified, b.ID, map[string]string{"borrower_id": b.ID})
	}
	return b, nil
}

// Get returns a borrower by id.
func (s *Service) Get(ctx context.Context, id string) (*models.Borrower, error) {
	return s.store.Get(ctx, id)
}

// PrimaryBankAccount exposes the disbursement/autopay account.
func (s *Service) PrimaryBankAccount(ctx context.Context, id string) (*models.BankAccount, error) {
	return s.store.PrimaryBankAccount(ctx, id)
}

// LinkBankAccount validates the ABA routing checksum and stores the account.
func (s *Service) LinkBankAccount(ctx context.Context, borrowerID, routing, account, kind string) (*models.BankAccount, error) {
	if !ValidRouting(routing) {
		return nil, errs.Invalid("invalid routing number")
	}
	if len(account) < 4 || len(account) > 17 {
		return nil, errs.Invalid("invalid account number")
	}
	if kind != "checking" && kind != "savings" {
		return nil, errs.Invalid("kind must be checking or savings")
	}
	if _, err := s.store.Get(ctx, borrowerID); err != nil {
		return nil, err
	}
	a := &models.BankAccount{
		ID: ids.New("bnk"), BorrowerID: borrowerID, RoutingNumber: routing, AccountLast4: account[len(account)-4:],
		AccountToken: tokenize(routing + ":" + account), Kind: kind, Verified: true, CreatedAt: s.now().UTC(),
	}
	return a, s.store.AddBankAccount(ctx, a)
}

// ValidRouting checks the ABA 3-7-1 checksum.
func ValidRouting(r string) bool {
	if len(r) != 9 {
		return false
	}
	w := []int{3, 7, 1, 3, 7, 1, 3, 7, 1}
	sum := 0
	for i, c := range r {
		if c < '0' || c > '9' {
			return false
		}
		sum += int(c-'0') * w[i]
	}
	return sum%10 == 0
}

func tokenize(s string) string {
	h := sha256.Sum256([]byte("lw-vault:" + s))
	return "tok_" + hex.EncodeToString(h[:12])
}
