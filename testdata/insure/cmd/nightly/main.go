// Command nightly runs the overnight batch: expiries, renewals, autopay,
// dunning, reserve review, fraud rescoring and commission accounting.
//
//	nightly                 # run everything as of today
//	nightly -as-of 2024-03-01 -job dunning
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"harbormutual.com/core/agents"
	"harbormutual.com/core/agents/commission"
	"harbormutual.com/core/batch"
	"harbormutual.com/core/billing"
	"harbormutual.com/core/billing/billingdb"
	"harbormutual.com/core/billing/dunning"
	"harbormutual.com/core/billing/payments"
	"harbormutual.com/core/claims"
	"harbormutual.com/core/claims/adjuster"
	"harbormutual.com/core/claims/claimsdb"
	"harbormutual.com/core/claims/reserve"
	"harbormutual.com/core/correspondence"
	"harbormutual.com/core/events"
	"harbormutual.com/core/fraud"
	"harbormutual.com/core/fraud/signals"
	"harbormutual.com/core/party"
	"harbormutual.com/core/party/partydb"
	"harbormutual.com/core/platform/config"
	"harbormutual.com/core/platform/dates"
	"harbormutual.com/core/platform/db"
	"harbormutual.com/core/platform/log"
	"harbormutual.com/core/policy"
	"harbormutual.com/core/policy/policydb"
	"harbormutual.com/core/policy/renewal"
	"harbormutual.com/core/quote"
	"harbormutual.com/core/quote/quotedb"
	"harbormutual.com/core/rating"
	"harbormutual.com/core/rating/tables"
	"harbormutual.com/core/underwriting"
	"harbormutual.com/core/underwriting/rules"
	"harbormutual.com/core/underwriting/uwdb"
)

func main() {
	asOfFlag := flag.String("as-of", "", "business date YYYY-MM-DD (default today)")
	only := flag.String("job", "", "run a single job")
	list := flag.Bool("list", false, "list jobs and exit")
	flag.Parse()

	cfg := config.MustLoad()
	log.SetLevel(cfg.LogLevel)
	lg := log.New("nightly")

	var clock dates.Clock = dates.SystemClock{}
	if *asOfFlag != "" {
		t, err := dates.Parse(*asOfFlag)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bad -as-of:", err)
			os.Exit(2)
		}
		clock = dates.FixedClock{T: t}
	}

	pool, err := db.Open(cfg)
	if err != nil {
		lg.Error("database", err)
		os.Exit(1)
	}
	defer pool.Close()

	bus := events.NewBus()
	policyRepo := policydb.New(pool)
	claimRepo := claimsdb.New(pool)
	billRepo := billingdb.New(pool)
	watchlist := signals.NewWatchlist(pool)

	partySvc := party.NewService(pool, partydb.New(pool), policyRepo, party.StaticBureau{Score: 700})
	agentSvc := agents.NewService(agents.NewRepo(pool))
	engine := rating.NewEngine(tables.NewCache(tables.NewRepo(pool), time.Hour), claimRepo)
	uw := underwriting.NewService(pool, rules.Default(watchlist), uwdb.New(pool))
	quotes := quote.NewService(quotedb.New(pool), engine, uw, partySvc, agentSvc, bus, clock)
	policies := policy.NewService(pool, policyRepo, quotes, engine, uw, partySvc, bus, clock)
	letters := correspondence.NewService(pool, correspondence.NewSMTPMailer(cfg), cfg)
	renewer := renewal.New(pool, policyRepo, engine, uw, partySvc, letters, bus, cfg.RenewalLeadDays)

	var gw payments.Gateway = &payments.FakeGateway{}
	if cfg.IsProd() {
		gw = payments.NewHTTPGateway(cfg)
	}
	billingSvc := billing.NewService(pool, billRepo, gw, policyRepo, bus, clock)
	dunner := dunning.New(pool, billRepo, letters, bus, cfg.DunningGraceDays)
	claimSvc := claims.NewService(pool, claimRepo, adjuster.NewAssigner(adjuster.NewRepo(pool)), billRepo, bus, clock)
	reviewer := reserve.NewReviewer(claimRepo)
	scorer := fraud.NewScorer(pool, claimRepo, policies, partySvc, watchlist, bus, cfg)
	comm := commission.NewService(pool, agentSvc, policies)

	// The batch publishes the same events as the API; keep these in sync
	// with cmd/api-server/wire.go.
	bus.Subscribe(events.PolicyRenewed, "billing.renewal", billingSvc.OnPolicyRenewed)
	bus.Subscribe(events.PolicyCancelled, "billing.cancellation", billingSvc.OnPolicyCancelled)
	bus.Subscribe(events.PolicyCancelled, "commission.chargeback", comm.OnPolicyCancelled)
	bus.Subscribe(events.PaymentReceived, "policy.activate", policies.OnPaymentReceived)
	bus.Subscribe(events.PaymentReceived, "commission.accrue", comm.OnPaymentReceived)
	bus.Subscribe(events.ClaimFlagged, "claims.siu", claimSvc.OnClaimFlagged)
	letters.Subscribe(bus)

	r := batch.NewRunner(pool, clock)
	r.Register(10, count("quote-expiry", quotes.ExpireStale))
	r.Register(11, count("uw-referral-expiry", uw.ExpireReferrals))
	r.Register(20, count("policy-term-expiry", policies.ExpireTerms))
	r.Register(30, batch.Func{JobName: "renewals", Fn: func(ctx context.Context, asOf time.Time) (batch.Result, error) {
		st, err := renewer.Run(ctx, asOf)
		return batch.Result{Processed: st.Renewed + st.NonRenewed, Failed: st.Failed,
			Notes: fmt.Sprintf("renewed=%d nonrenewed=%d capped=%d", st.Renewed, st.NonRenewed, st.Capped)}, err
	}})
	r.Register(40, batch.Func{JobName: "autopay", Fn: func(ctx context.Context, asOf time.Time) (batch.Result, error) {
		ok, failed, err := billingSvc.RunAutopay(ctx, asOf)
		return batch.Result{Processed: ok, Failed: failed}, err
	}})
	r.Register(41, batch.Func{JobName: "dunning", Fn: func(ctx context.Context, asOf time.Time) (batch.Result, error) {
		st, err := dunner.Run(ctx, asOf)
		return batch.Result{Processed: st.Reminders + st.Finals + st.Lapsed, Failed: st.Errors,
			Notes: fmt.Sprintf("past_due=%d reminders=%d finals=%d lapsed=%d", st.MarkedPastDue, st.Reminders, st.Finals, st.Lapsed)}, err
	}})
	r.Register(50, batch.Func{JobName: "reserve-review", Fn: func(ctx context.Context, asOf time.Time) (batch.Result, error) {
		reviewed, changed, err := reviewer.Review(ctx, asOf)
		return batch.Result{Processed: reviewed, Notes: fmt.Sprintf("changed=%d", changed)}, err
	}})
	r.Register(51, batch.Func{JobName: "fraud-rescore", Fn: func(ctx context.Context, asOf time.Time) (batch.Result, error) {
		scored, flagged, err := scorer.Rescore(ctx, asOf)
		return batch.Result{Processed: scored, Notes: fmt.Sprintf("flagged=%d", flagged)}, err
	}})
	r.Register(60, batch.Func{JobName: "commission-reconcile", Fn: func(ctx context.Context, asOf time.Time) (batch.Result, error) {
		n, err := comm.Reconcile(ctx, asOf.AddDate(0, 0, -7))
		return batch.Result{Processed: n}, err
	}})
	r.Register(61, batch.Func{JobName: "commission-month-close", Fn: func(ctx context.Context, asOf time.Time) (batch.Result, error) {
		if asOf.Day() != 1 {
			return batch.Result{Notes: "not month start"}, nil
		}
		n, err := comm.CloseMonth(ctx, asOf)
		return batch.Result{Processed: n}, err
	}})

	if *list {
		for _, n := range r.Names() {
			fmt.Println(n)
		}
		return
	}
	ctx := context.Background()
	if *only != "" {
		err = r.RunOne(ctx, *only)
	} else {
		err = r.RunAll(ctx)
	}
	bus.Drain()
	if err != nil {
		lg.Error("nightly finished with failures", err)
		os.Exit(1)
	}
}

// count adapts "returns rows affected" jobs.
func count(name string, fn func(ctx context.Context, asOf time.Time) (int64, error)) batch.Job {
	return batch.Func{JobName: name, Fn: func(ctx context.Context, asOf time.Time) (batch.Result, error) {
		n, err := fn(ctx, asOf)
		return batch.Result{Processed: int(n)}, err
	}}
}
