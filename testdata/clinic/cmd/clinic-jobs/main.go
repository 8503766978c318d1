// Command clinic-jobs runs the background jobs: appointment reminders,
// the lab overdue sweep and prescription expiry.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	_ "github.com/go-sql-driver/mysql"

	"github.com/acme/clinic/labs/jobs"
	"github.com/acme/clinic/labs/orders"
	labstore "github.com/acme/clinic/labs/sqlstore"
	patientrepo "github.com/acme/clinic/patients/repo"
	"github.com/acme/clinic/pharmacy/inventory"
	rxrepo "github.com/acme/clinic/pharmacy/repo"
	pharmacy "github.com/acme/clinic/pharmacy/usecase"
	"github.com/acme/clinic/pkg/config"
	"github.com/acme/clinic/pkg/database"
	"github.com/acme/clinic/pkg/logger"
	"github.com/acme/clinic/pkg/notify"
	"github.com/acme/clinic/pkg/timeutil"
	"github.com/acme/clinic/scheduling/reminders"
	schedstore "github.com/acme/clinic/scheduling/sqlstore"
)

// Job is one periodic task.
type Job interface {
	Name() string
	Run(ctx context.Context) error
}

type funcJob struct {
	name string
	fn   func(context.Context) error
}

func (f funcJob) Name() string                  { return f.name }
func (f funcJob) Run(ctx context.Context) error { return f.fn(ctx) }

func main() {
	cfg, err := config.Load()
	if err != nil {
		fmt.Fprintln(os.Stderr, "clinic-jobs:", err)
		os.Exit(1)
	}
	log := logger.New(os.Stderr, "clinic-jobs", cfg.LogLevel, "json")
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	db, err := database.Open(ctx, cfg.DB)
	if err != nil {
		log.Err(ctx, "database", err)
		os.Exit(1)
	}
	defer db.Close()

	loc, _ := cfg.Clinic.Location()
	clock := timeutil.SystemClock{}
	sender := notify.FromConfig(cfg.Notify, log)
	// ExpireStale needs neither patients nor staff.
	rx := pharmacy.NewPharmacy(rxrepo.New(db), inventory.NewStore(db), nil, nil, clock, log)

	schedule := map[Job]time.Duration{
		reminders.NewJob(schedstore.NewAppointmentStore(db), patientrepo.New(db), sender, clock,
			cfg.Jobs.ReminderLead, loc, cfg.Clinic.Name, log): cfg.Jobs.ReminderEvery,
		&jobs.OverdueSweeper{
			Store: labstore.New(db), Catalog: orders.DefaultCatalog, Sender: sender,
			DeskTo: cfg.Notify.LabDeskEmail, After: cfg.Jobs.LabOverdueAfter, Clock: clock, Log: log.Named("labs"),
		}: cfg.Jobs.LabSweepEvery,
		funcJob{"rx-expiry", rx.ExpireStale}: cfg.Jobs.RxExpiryEvery,
	}

	var wg sync.WaitGroup
	for job, every := range schedule {
		wg.Add(1)
		go func() {
			defer wg.Done()
			loop(ctx, log.With("job", job.Name()), job, every)
		}()
	}
	wg.Wait()
}

func loop(ctx context.Context, log *logger.Logger, job Job, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		start := time.Now()
		if err := job.Run(ctx); err != nil {
			log.Err(ctx, "job run failed", err)
		} else {
			log.Debug("job run ok", "dur_ms", time.Since(start).Milliseconds())
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
