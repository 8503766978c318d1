// Command hmadmin is the operations CLI.
//
//	hmadmin rates import FILE.json
//	hmadmin policy cancel ID REASON [YYYY-MM-DD]
//	hmadmin watchlist add KIND VALUE REASON...
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/user"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"harbormutual.com/core/events"
	"harbormutual.com/core/fraud/signals"
	"harbormutual.com/core/platform/config"
	"harbormutual.com/core/platform/dates"
	"harbormutual.com/core/platform/db"
	"harbormutual.com/core/platform/log"
	"harbormutual.com/core/policy/cancel"
	"harbormutual.com/core/policy/policydb"
	"harbormutual.com/core/rating/tables"
)

type env struct {
	cfg   *config.Config
	db    *db.DB
	bus   *events.Bus
	actor string
	out   *tabwriter.Writer
}

type command func(ctx context.Context, e *env, args []string) error

var commands = map[string]map[string]command{
	"rates":     {"import": ratesImport},
	"policy":    {"cancel": policyCancel},
	"watchlist": {"add": watchlistAdd},
}

func main() {
	if len(os.Args) < 3 || commands[os.Args[1]][os.Args[2]] == nil {
		fmt.Fprintln(os.Stderr, "usage: hmadmin GROUP COMMAND [ARGS]  (see package doc)")
		os.Exit(2)
	}
	cmd := commands[os.Args[1]][os.Args[2]]
	log.UseText()
	cfg := config.MustLoad()
	log.SetLevel(cfg.LogLevel)
	pool, err := db.Open(cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "database:", err)
		os.Exit(1)
	}
	defer pool.Close()
	actor := "hmadmin"
	if u, err := user.Current(); err == nil {
		actor = "staff/" + u.Username
	}
	e := &env{cfg: cfg, db: pool, bus: events.NewBus(), actor: actor, out: tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)}
	ctx, cancelFn := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancelFn()
	err = cmd(ctx, e, os.Args[3:])
	e.out.Flush()
	e.bus.Drain()
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func need(args []string, n int, what string) error {
	if len(args) < n {
		return fmt.Errorf("expected %s", what)
	}
	return nil
}

func ratesImport(ctx context.Context, e *env, args []string) error {
	if err := need(args, 1, "FILE.json"); err != nil {
		return err
	}
	raw, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	var t tables.Table
	if err := json.Unmarshal(raw, &t); err != nil {
		return fmt.Errorf("parse %s: %w", args[0], err)
	}
	if err := tables.NewRepo(e.db).Import(ctx, &t); err != nil {
		return err
	}
	fmt.Fprintf(e.out, "filed %s %s version %s as table %d\n", t.LOB, t.State, t.Version, t.ID)
	return nil
}

func policyCancel(ctx context.Context, e *env, args []string) error {
	if err := need(args, 2, "ID REASON [DATE]"); err != nil {
		return err
	}
	id, err := strconv.ParseInt(args[0], 10, 64)
	if err != nil {
		return err
	}
	req := cancel.Request{PolicyID: id, Reason: cancel.Reason(strings.ToUpper(args[1])), Note: "via hmadmin by " + e.actor}
	if len(args) > 2 {
		if req.Effective, err = dates.Parse(args[2]); err != nil {
			return err
		}
	}
	// Billing and correspondence are not subscribed here on purpose: the
	// admin CLI is used for clean-up, and the nightly reconcile picks up refunds.
	out, err := cancel.New(e.db, policydb.New(e.db), e.bus, dates.SystemClock{}).Cancel(ctx, req)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.out, "cancelled (%s), return premium %s\n", out.Method, out.ReturnPremium)
	return nil
}

func watchlistAdd(ctx context.Context, e *env, args []string) error {
	if err := need(args, 3, "KIND VALUE REASON"); err != nil {
		return err
	}
	entry := &signals.Entry{Kind: strings.ToUpper(args[0]), Value: args[1], Reason: strings.Join(args[2:], " "), AddedBy: e.actor}
	if err := signals.NewWatchlist(e.db).Add(ctx, entry); err != nil {
		return err
	}
	fmt.Fprintf(e.out, "watchlist entry %d added\n", entry.ID)
	return nil
}
