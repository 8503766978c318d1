// Command ats-admin is the operator CLI: provision tenants, rebuild the
// search index and run billing by hand.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	appaccounts "github.com/hirebase/ats/internal/app/accounts"
	appbilling "github.com/hirebase/ats/internal/app/billing"
	"github.com/hirebase/ats/internal/app/billing/payclient"
	dbaccounts "github.com/hirebase/ats/internal/db/accounts"
	dbbilling "github.com/hirebase/ats/internal/db/billing"
	"github.com/hirebase/ats/internal/platform/config"
	"github.com/hirebase/ats/internal/platform/dbx"
	"github.com/hirebase/ats/internal/platform/events"
	"github.com/hirebase/ats/internal/platform/logging"
	"github.com/hirebase/ats/internal/platform/mailer"
	"github.com/hirebase/ats/internal/search"
)

const usage = `usage: ats-admin <command> [flags]
  provision -name NAME -subdomain SUB -email ADMIN_EMAIL [-plan P] [-currency C]
  reindex   -tenant TENANT_ID
  billing   (run one billing cycle now)`

func main() {
	if len(os.Args) < 2 {
		fail(usage)
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	name := fs.String("name", "", "company name")
	sub := fs.String("subdomain", "", "subdomain")
	email := fs.String("email", "", "admin email")
	plan := fs.String("plan", "", "plan code")
	currency := fs.String("currency", "USD", "tenant currency")
	tenant := fs.String("tenant", "", "tenant id")
	_ = fs.Parse(os.Args[2:])

	cfg, err := config.Load()
	if err != nil {
		fail(err.Error())
	}
	log := logging.New(cfg.Env, "admin")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	db, err := dbx.Open(ctx, cfg.DBDriver, cfg.DatabaseURL)
	if err != nil {
		fail(err.Error())
	}
	defer db.Close()

	mail := mailer.New(cfg.SMTPHost, cfg.SMTPPort, cfg.MailFrom, log)
	accountStore := dbaccounts.New(db)
	billing := appbilling.New(dbbilling.New(db), accountStore, payclient.New(cfg.PaymentBaseURL, cfg.PaymentAPIKey), events.NewBus(db, log), mail, log)

	switch os.Args[1] {
	case "provision":
		t, err := appaccounts.New(accountStore, db, billing, mail, log).ProvisionTenant(ctx, appaccounts.ProvisionRequest{
			CompanyName: *name, Subdomain: *sub, AdminEmail: *email, AdminName: "Admin", Plan: *plan, Currency: *currency})
		check(err)
		fmt.Printf("provisioned %s (%s)\n", t.ID, t.Subdomain)
	case "reindex":
		if *tenant == "" {
			fail("-tenant is required")
		}
		n, err := search.New(db).Reindex(ctx, *tenant, "")
		check(err)
		fmt.Printf("reindexed %d candidates\n", n)
	case "billing":
		check(billing.RunCycle(ctx))
	default:
		fail(usage)
	}
}

func check(err error) {
	if err != nil {
		fail("error: " + err.Error())
	}
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, msg)
	os.Exit(1)
}
