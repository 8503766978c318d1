// Package insurance adjudicates pharmacy claims and computes co-pays.
package insurance

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"rxnow.health/backend/domain/insurance"
	"rxnow.health/backend/domain/models"
	"rxnow.health/backend/infrastructure/pbm"
	pgcatalog "rxnow.health/backend/infrastructure/postgres/catalog"
	pginsurance "rxnow.health/backend/infrastructure/postgres/insurance"
	"rxnow.health/backend/kernel/errs"
	"rxnow.health/backend/kernel/logging"
	"rxnow.health/backend/kernel/money"
)

// DispensingFee is what we submit per claim.
var DispensingFee = money.USD(175)

// Switch is the claims switch.
type Switch interface {
	Bill(ctx context.Context, req pbm.Request) (pbm.Response, error)
	Reverse(ctx context.Context, bin, pcn, authNumber string) error
}

// Service handles coverage and claims.
type Service struct {
	store *pginsurance.Store
	// Products are read straight from the catalog tables: the catalog
	// service has no AWP endpoint and the claim path is latency sensitive.
	products *pgcatalog.Store
	sw       Switch
	log      *slog.Logger
	now      func() time.Time
}

// NewService builds the service.
func NewService(store *pginsurance.Store, products *pgcatalog.Store, sw Switch, log *slog.Logger) *Service {
	return &Service{store: store, products: products, sw: sw, log: log, now: time.Now}
}

// AddCoverage records a benefit card.
func (s *Service) AddCoverage(ctx context.Context, c insurance.Coverage) (insurance.Coverage, error) {
	if err := c.Validate(); err != nil {
		return c, err
	}
	if c.EffectiveOn.IsZero() {
		c.EffectiveOn = s.now()
	}
	return c, s.store.AddCoverage(ctx, &c)
}

// Coverages lists a customer's cards.
func (s *Service) Coverages(ctx context.Context, customerID int64) ([]insurance.Coverage, error) {
	return s.store.Coverages(ctx, customerID)
}

// AdjudicateRequest is one prescription line to bill.
type AdjudicateRequest struct {
	OrderID        int64
	CustomerID     int64
	PrescriptionID int64
	ProductID      int64
	Quantity       int
	DaysSupply     int
	FillNumber     int
}

// Adjudicate bills the primary plan for a line. Without coverage the
// patient pays cash at our usual & customary price.
func (s *Service) Adjudicate(ctx context.Context, req AdjudicateRequest) (models.ClaimResult, error) {
	const op = "insurance.Adjudicate"
	product, err := s.products.Get(ctx, req.ProductID)
	if err != nil {
		return models.ClaimResult{}, errs.Wrap(op, err)
	}
	usual := product.UnitPrice.Mul(req.Quantity)
	awp, err := s.products.AverageWholesalePrice(ctx, product.NDC)
	if err != nil {
		awp = product.UnitPrice
	}
	claim := insurance.Claim{OrderID: req.OrderID, PrescriptionID: req.PrescriptionID, NDC: product.NDC, Quantity: req.Quantity,
		DaysSupply: req.DaysSupply, FillNumber: req.FillNumber, Billed: awp.Mul(req.Quantity).Add(DispensingFee), SubmittedAt: s.now()}

	cov, ok, err := s.primary(ctx, req.CustomerID)
	if err != nil {
		return models.ClaimResult{}, err
	}
	if !ok {
		claim.Status, claim.Copay, claim.PlanPaid = insurance.ClaimCash, usual, money.Zero
		if err := s.store.SaveClaim(ctx, &claim); err != nil {
			return models.ClaimResult{}, err
		}
		return toResult(claim), nil
	}
	claim.CoverageID = cov.ID
	resp, err := s.sw.Bill(ctx, pbm.Request{BIN: cov.BIN, PCN: cov.PCN, GroupID: cov.GroupID, MemberID: cov.MemberID,
		RxNumber: fmt.Sprintf("%07d", req.PrescriptionID), FillNumber: req.FillNumber, NDC: product.NDC, Quantity: req.Quantity,
		DaysSupply: req.DaysSupply, IngredientFee: awp.Mul(req.Quantity).Cents, DispensingFee: DispensingFee.Cents, UsualCustom: usual.Cents})
	if err != nil {
		return models.ClaimResult{}, errs.Wrap(op, err)
	}
	logging.From(ctx).Info("claim adjudicated", "order", req.OrderID, "member", logging.Redact(cov.MemberID), "status", resp.Status)
	if resp.Status != "P" {
		claim.Status = insurance.ClaimRejected
		if len(resp.RejectCodes) > 0 {
			claim.RejectCode = resp.RejectCodes[0]
		}
		if err := s.store.SaveClaim(ctx, &claim); err != nil {
			return models.ClaimResult{}, err
		}
		return toResult(claim), nil
	}
	year := s.now().Year()
	acc, err := s.store.Accumulator(ctx, cov.ID, year)
	if err != nil {
		return models.ClaimResult{}, err
	}
	copay, planPaid := insurance.ApplyOOPMax(money.USD(resp.PatientPay), money.USD(resp.PlanPaid), acc, cov.OOPMax)
	// Never charge more than the cash price (the "clawback" rule).
	if usual.Less(copay) {
		copay = usual
	}
	claim.Status, claim.Copay, claim.PlanPaid, claim.AuthNumber = insurance.ClaimPaid, copay, planPaid, resp.AuthNumber
	if err := s.store.SaveClaim(ctx, &claim); err != nil {
		return models.ClaimResult{}, err
	}
	if err := s.store.AddToAccumulator(ctx, cov.ID, year, copay); err != nil {
		s.log.Error("accumulator update failed", "coverage", cov.ID, "err", err)
	}
	return toResult(claim), nil
}

// ReverseOrder reverses every paid claim of an order (order cancelled or
// returned to stock before pickup by the carrier).
func (s *Service) ReverseOrder(ctx context.Context, orderID int64, customerID int64) error {
	claims, err := s.store.ClaimsForOrder(ctx, orderID)
	if err != nil {
		return err
	}
	covs, err := s.store.Coverages(ctx, customerID)
	if err != nil {
		return err
	}
	byID := map[int64]insurance.Coverage{}
	for _, c := range covs {
		byID[c.ID] = c
	}
	for _, c := range claims {
		if c.Status != insurance.ClaimPaid {
			continue
		}
		cov := byID[c.CoverageID]
		if err := s.sw.Reverse(ctx, cov.BIN, cov.PCN, c.AuthNumber); err != nil {
			return err
		}
		if err := s.store.MarkReversed(ctx, c.ID); err != nil {
			return err
		}
		if err := s.store.AddToAccumulator(ctx, c.CoverageID, c.SubmittedAt.Year(), money.Zero.Sub(c.Copay)); err != nil {
			return err
		}
	}
	return nil
}

func (s *Service) primary(ctx context.Context, customerID int64) (insurance.Coverage, bool, error) {
	covs, err := s.store.Coverages(ctx, customerID)
	if err != nil {
		return insurance.Coverage{}, false, err
	}
	for _, c := range covs {
		if c.Priority == 1 && c.InForce(s.now()) {
			return c, true, nil
		}
	}
	return insurance.Coverage{}, false, nil
}

func toResult(c insurance.Claim) models.ClaimResult {
	r := models.ClaimResult{ClaimID: c.ID, Status: c.Status, Billed: c.Billed, PlanPaid: c.PlanPaid, Copay: c.Copay, RejectCode: c.RejectCode}
	if c.RejectCode != "" {
		r.RejectReason = insurance.RejectReason(c.RejectCode)
	}
	return r
}
