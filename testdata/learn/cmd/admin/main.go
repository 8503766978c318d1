// Command admin is the operator CLI: migrations, role changes, manual grants
// and certificate fixes.
//
//	admin migrate
//	admin set-role <user-id> <role>
//	admin grant <user-id> <course-id>
//	admin issue-cert <user-id> <course-id>
//	admin run-job <name>
package main

import (
	"context"
	"fmt"
	"os"

	"quill.dev/academy/integrations/stripe"
	"quill.dev/academy/jobs/renewals"
	"quill.dev/academy/jobs/runner"
	_ "quill.dev/academy/pkg/assessment/repo" // schema
	billingrepo "quill.dev/academy/pkg/billing/repo"
	billing "quill.dev/academy/pkg/billing/service"
	catrepo "quill.dev/academy/pkg/catalog/repo"
	"quill.dev/academy/pkg/certs/issuer"
	"quill.dev/academy/pkg/common/types"
	enrollment "quill.dev/academy/pkg/enrollment/service"
	enrollstore "quill.dev/academy/pkg/enrollment/store"
	_ "quill.dev/academy/pkg/forum/store"      // schema
	_ "quill.dev/academy/pkg/identity/profile" // schema
	idrepo "quill.dev/academy/pkg/identity/repo"
	identity "quill.dev/academy/pkg/identity/service"
	_ "quill.dev/academy/pkg/media/repo" // schema
	"quill.dev/academy/pkg/platform/clock"
	"quill.dev/academy/pkg/platform/config"
	"quill.dev/academy/pkg/platform/db"
	"quill.dev/academy/pkg/platform/log"
	"quill.dev/academy/pkg/platform/mailer"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: admin <migrate|set-role|grant|issue-cert|run-job> [args]")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func arg(args []string, n int) error {
	if len(args) != n {
		return fmt.Errorf("expected %d arguments, got %d", n, len(args))
	}
	return nil
}

func run(cmd string, args []string) error {
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	logger := log.New(cfg.Env, "admin", os.Stderr)
	ctx := log.WithContext(context.Background(), logger)
	pool, err := db.Open(cfg)
	if err != nil {
		return err
	}
	defer pool.Close()
	clk := clock.Real
	mail := mailer.New(cfg.Env, cfg.SMTPAddr, cfg.MailFrom)
	cat := catrepo.New(pool)
	bill := &billing.Service{Pool: pool, Repo: billingrepo.New(pool), Stripe: stripe.New(cfg.StripeKey), Clock: clk}

	switch cmd {
	case "migrate":
		n, err := db.Migrate(ctx, pool)
		fmt.Printf("applied %d of %d migrations\n", n, len(db.Migrations()))
		return err
	case "set-role":
		if err := arg(args, 2); err != nil {
			return err
		}
		ids := &identity.Service{Pool: pool, Users: idrepo.NewUsers(pool), Sessions: idrepo.NewSessions(pool), Mail: mail, Clock: clk}
		return ids.SetRole(ctx, types.UserID(args[0]), types.Role(args[1]))
	case "grant":
		if err := arg(args, 2); err != nil {
			return err
		}
		enr := &enrollment.Service{Pool: pool, Q: enrollstore.New(pool), Catalog: cat, Billing: bill, Clock: clk}
		e, err := enr.Grant(ctx, types.UserID(args[0]), types.CourseID(args[1]))
		fmt.Printf("enrollment %s status=%s\n", e.ID, e.Status)
		return err
	case "issue-cert":
		if err := arg(args, 2); err != nil {
			return err
		}
		is := &issuer.Issuer{Pool: pool, Courses: cat, Mail: mail, Clock: clk, BaseURL: cfg.PublicBaseURL}
		c, err := is.Issue(ctx, types.UserID(args[0]), types.CourseID(args[1]))
		fmt.Printf("certificate %s for %q\n", c.ID, c.LearnerName)
		return err
	case "run-job":
		if err := arg(args, 1); err != nil {
			return err
		}
		r := &runner.Runner{Clock: clk, Log: logger}
		r.Add(renewals.Job{Billing: bill}, 0)
		found, err := r.RunOnce(ctx, args[0])
		if !found {
			return fmt.Errorf("unknown job %q (have %v)", args[0], r.Jobs())
		}
		return err
	}
	return fmt.Errorf("unknown command %q", cmd)
}
