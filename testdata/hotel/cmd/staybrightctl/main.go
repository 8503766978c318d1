// Command staybrightctl is the operations/admin CLI.
//
//	staybrightctl hotels
//	staybrightctl hotel-create -code LIS01 -name "Staybright Lisboa" -city Lisbon -country PT -tz Europe/Lisbon -currency EUR
//	staybrightctl rates -hotel 1 -room-type 3 -plan 2 -from 2025-06-01 -to 2025-07-01 -amount 129.00
//	staybrightctl guest-erase gst_...
//	staybrightctl channel-connect -hotel 1 -channel bookingcom -ref 1234567
//	staybrightctl channel-map -connection 4 -room-type 3 -plan 2 -plan-code FLEX -room-ref DBL -rate-ref BAR
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"text/tabwriter"

	"github.com/jmoiron/sqlx"

	"github.com/staybright/platform/internal/channel/mapping"
	"github.com/staybright/platform/internal/model"
	"github.com/staybright/platform/internal/pkg/auth"
	"github.com/staybright/platform/internal/pkg/clock"
	"github.com/staybright/platform/internal/pkg/config"
	"github.com/staybright/platform/internal/pkg/db"
	"github.com/staybright/platform/internal/pkg/events"
	"github.com/staybright/platform/internal/pkg/log"
	"github.com/staybright/platform/internal/pkg/money"
	"github.com/staybright/platform/internal/service/availability"
	"github.com/staybright/platform/internal/service/guest"
	"github.com/staybright/platform/internal/service/inventory"
	"github.com/staybright/platform/internal/service/pricing"
	availstore "github.com/staybright/platform/internal/store/availability"
	gueststore "github.com/staybright/platform/internal/store/guest"
	hotelstore "github.com/staybright/platform/internal/store/hotel"
	"github.com/staybright/platform/internal/store/promo"
	"github.com/staybright/platform/internal/store/rateplan"
	"github.com/staybright/platform/internal/store/roomtype"
)

type cli struct {
	inv     *inventory.Service
	pricing *pricing.Service
	guests  *guest.Service
	maps    *mapping.Store
}

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	cfg, err := config.Load()
	if err != nil {
		fatal(err)
	}
	logger := log.New(cfg.LogLevel, false).With("svc", "ctl")
	conn, err := db.Open(cfg.DatabaseURL)
	if err != nil {
		fatal(err)
	}
	defer conn.Close()
	xdb := sqlx.NewDb(conn, "postgres")
	bus := events.NewBus(logger)
	clk := clock.Real{}

	hotels, types, cal := hotelstore.New(conn), roomtype.New(conn), availstore.New(conn)
	inv := inventory.New(hotels, types, cal, bus, clk, logger)
	avail := availability.New(cal, hotels, types, bus, logger)
	guestSvc := guest.New(gueststore.New(conn), logger)
	c := &cli{
		inv:     inv,
		pricing: pricing.New(rateplan.New(conn), promo.New(conn), inv, avail, bus, clk, logger),
		guests:  guestSvc,
		maps:    mapping.New(xdb),
	}
	ctx := auth.WithPrincipal(context.Background(), auth.Principal{StaffID: "cli", Roles: []string{auth.RoleAdmin}})
	if err := c.run(ctx, os.Args[1], os.Args[2:]); err != nil {
		fatal(err)
	}
}

func (c *cli) run(ctx context.Context, cmd string, args []string) error {
	switch cmd {
	case "hotels":
		return c.listHotels(ctx)
	case "hotel-create":
		return c.createHotel(ctx, args)
	case "rates":
		return c.setRates(ctx, args)
	case "guest-erase":
		if len(args) != 1 {
			usage()
		}
		return c.guests.Erase(ctx, args[0])
	case "channel-connect":
		return c.connect(ctx, args)
	case "channel-map":
		return c.mapRoom(ctx, args)
	}
	usage()
	return nil
}

func (c *cli) listHotels(ctx context.Context) error {
	list, err := c.inv.AllHotels(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tCODE\tNAME\tCITY\tACTIVE")
	for _, h := range list {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%t\n", h.ID, h.Code, h.Name, h.City, h.Active)
	}
	return tw.Flush()
}

func (c *cli) createHotel(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("hotel-create", flag.ExitOnError)
	h := model.Hotel{Active: true}
	fs.StringVar(&h.Code, "code", "", "hotel code, e.g. LIS01")
	fs.StringVar(&h.Name, "name", "", "display name")
	fs.StringVar(&h.City, "city", "", "city")
	fs.StringVar(&h.Country, "country", "", "ISO country")
	fs.StringVar(&h.Timezone, "tz", "Europe/Lisbon", "IANA timezone")
	fs.StringVar(&h.Currency, "currency", "EUR", "ISO currency")
	fs.IntVar(&h.StarRating, "stars", 4, "star rating")
	_ = fs.Parse(args)
	if err := c.inv.CreateHotel(ctx, &h); err != nil {
		return err
	}
	fmt.Printf("created hotel %d (%s)\n", h.ID, h.Code)
	return nil
}

func (c *cli) setRates(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("rates", flag.ExitOnError)
	hotelID := fs.Int64("hotel", 0, "hotel id")
	rt := fs.Int64("room-type", 0, "room type id")
	plan := fs.Int64("plan", 0, "rate plan id")
	from := fs.String("from", "", "first night YYYY-MM-DD")
	to := fs.String("to", "", "day after last night YYYY-MM-DD")
	amount := fs.String("amount", "", "nightly price, e.g. 129.00")
	_ = fs.Parse(args)
	h, err := c.inv.Hotel(ctx, *hotelID)
	if err != nil {
		return err
	}
	f, err := clock.ParseDate(*from)
	if err != nil {
		return err
	}
	t, err := clock.ParseDate(*to)
	if err != nil {
		return err
	}
	r, err := clock.NewRange(f, t)
	if err != nil {
		return err
	}
	m, err := money.Parse(*amount, h.Currency)
	if err != nil {
		return err
	}
	if err := c.pricing.SetRates(ctx, h.ID, *rt, *plan, r, m); err != nil {
		return err
	}
	fmt.Printf("loaded %d nights at %s\n", r.Nights(), m)
	return nil
}

func (c *cli) connect(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("channel-connect", flag.ExitOnError)
	var conn mapping.Connection
	fs.Int64Var(&conn.HotelID, "hotel", 0, "hotel id")
	fs.StringVar(&conn.Channel, "channel", "", "bookingcom|expedia")
	fs.StringVar(&conn.HotelRef, "ref", "", "the OTA's property id")
	_ = fs.Parse(args)
	if _, err := c.inv.Hotel(ctx, conn.HotelID); err != nil {
		return err
	}
	if err := c.maps.CreateConnection(ctx, &conn); err != nil {
		return err
	}
	fmt.Printf("connection %d created\n", conn.ID)
	return nil
}

func (c *cli) mapRoom(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("channel-map", flag.ExitOnError)
	var m mapping.Mapping
	fs.Int64Var(&m.ConnectionID, "connection", 0, "connection id")
	fs.Int64Var(&m.RoomTypeID, "room-type", 0, "room type id")
	fs.Int64Var(&m.RatePlanID, "plan", 0, "rate plan id")
	fs.StringVar(&m.RatePlanCode, "plan-code", "", "rate plan code")
	fs.StringVar(&m.RoomRef, "room-ref", "", "OTA room code")
	fs.StringVar(&m.RateRef, "rate-ref", "", "OTA rate code")
	_ = fs.Parse(args)
	return c.maps.Save(ctx, &m)
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: staybrightctl <hotels|hotel-create|rates|guest-erase|channel-connect|channel-map> [flags]")
	os.Exit(2)
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "error:", err)
	os.Exit(1)
}
