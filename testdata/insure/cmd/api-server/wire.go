package main

import (
	"time"

	"harbormutual.com/core/agents"
	"harbormutual.com/core/agents/commission"
	"harbormutual.com/core/billing"
	"harbormutual.com/core/billing/billingdb"
	"harbormutual.com/core/billing/payments"
	"harbormutual.com/core/claims"
	"harbormutual.com/core/claims/adjuster"
	"harbormutual.com/core/claims/claimsdb"
	"harbormutual.com/core/claims/fnol"
	"harbormutual.com/core/correspondence"
	"harbormutual.com/core/events"
	"harbormutual.com/core/fraud"
	"harbormutual.com/core/fraud/signals"
	"harbormutual.com/core/party"
	"harbormutual.com/core/party/partydb"
	"harbormutual.com/core/platform/config"
	"harbormutual.com/core/platform/dates"
	"harbormutual.com/core/platform/db"
	"harbormutual.com/core/policy"
	"harbormutual.com/core/policy/cancel"
	"harbormutual.com/core/policy/endorse"
	"harbormutual.com/core/policy/policydb"
	"harbormutual.com/core/quote"
	"harbormutual.com/core/quote/quotedb"
	"harbormutual.com/core/rating"
	"harbormutual.com/core/rating/tables"
	"harbormutual.com/core/underwriting"
	"harbormutual.com/core/underwriting/rules"
	"harbormutual.com/core/underwriting/uwdb"
)

// app holds every service the HTTP server needs.
type app struct {
	cfg *config.Config
	db  *db.DB
	bus *events.Bus

	policyRepo *policydb.Repo

	party      *party.Service
	agents     *agents.Service
	commission *commission.Service
	engine     *rating.Engine
	uw         *underwriting.Service
	quotes     *quote.Service
	policies   *policy.Service
	endorser   *endorse.Endorser
	canceller  *cancel.Canceller
	billing    *billing.Service
	intake     *fnol.Intake
	claims     *claims.Service
	fraud      *fraud.Scorer
	letters    *correspondence.Service
}

func wire(cfg *config.Config, pool *db.DB) *app {
	clock := dates.SystemClock{}
	bus := events.NewBus()
	a := &app{cfg: cfg, db: pool, bus: bus}

	// repositories
	a.policyRepo = policydb.New(pool)
	claimRepo := claimsdb.New(pool)
	billRepo := billingdb.New(pool)
	watchlist := signals.NewWatchlist(pool)

	// party & agents
	var bureau party.CreditBureau = party.StaticBureau{Score: 700}
	a.party = party.NewService(pool, partydb.New(pool), a.policyRepo, bureau)
	a.agents = agents.NewService(agents.NewRepo(pool))

	// rating, underwriting, quoting
	a.engine = rating.NewEngine(tables.NewCache(tables.NewRepo(pool), 10*time.Minute), claimRepo)
	a.uw = underwriting.NewService(pool, rules.Default(watchlist), uwdb.New(pool))
	a.quotes = quote.NewService(quotedb.New(pool), a.engine, a.uw, a.party, a.agents, bus, clock)

	// policy administration
	a.policies = policy.NewService(pool, a.policyRepo, a.quotes, a.engine, a.uw, a.party, bus, clock)
	a.endorser = endorse.New(pool, a.policyRepo, a.engine, a.uw, a.party, bus)
	a.canceller = cancel.New(pool, a.policyRepo, bus, clock)

	// billing
	var gw payments.Gateway = &payments.FakeGateway{}
	if cfg.IsProd() || cfg.Flag("real_paygw") {
		gw = payments.NewHTTPGateway(cfg)
	}
	a.billing = billing.NewService(pool, billRepo, gw, a.policyRepo, bus, clock)

	// claims & fraud
	assigner := adjuster.NewAssigner(adjuster.NewRepo(pool))
	a.intake = fnol.New(pool, claimRepo, a.policies, assigner, bus, clock)
	a.claims = claims.NewService(pool, claimRepo, assigner, billRepo, bus, clock)
	a.fraud = fraud.NewScorer(pool, claimRepo, a.policies, a.party, watchlist, bus, cfg)

	// agents' commission & correspondence
	a.commission = commission.NewService(pool, a.agents, a.policies)
	a.letters = correspondence.NewService(pool, correspondence.NewSMTPMailer(cfg), cfg)

	a.subscribe()
	return a
}

// subscribe registers event handlers. Order matters for synchronous
// handlers: billing must create invoices before anything reads them.
func (a *app) subscribe() {
	b := a.bus
	b.Subscribe(events.PolicyIssued, "billing.schedule", a.billing.OnPolicyIssued)
	b.Subscribe(events.PolicyRenewed, "billing.renewal", a.billing.OnPolicyRenewed)
	b.Subscribe(events.PolicyEndorsed, "billing.endorsement", a.billing.OnPolicyEndorsed)
	b.Subscribe(events.PolicyCancelled, "billing.cancellation", a.billing.OnPolicyCancelled)
	b.Subscribe(events.PolicyCancelled, "commission.chargeback", a.commission.OnPolicyCancelled)
	b.Subscribe(events.PaymentReceived, "policy.activate", a.policies.OnPaymentReceived)
	b.Subscribe(events.PaymentReceived, "commission.accrue", a.commission.OnPaymentReceived)
	b.SubscribeAsync(events.ClaimFiled, "fraud.score", a.fraud.OnClaimFiled)
	b.Subscribe(events.ClaimFlagged, "claims.siu", a.claims.OnClaimFlagged)
	a.letters.Subscribe(b)
}
