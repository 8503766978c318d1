// Package rates holds federal and state payroll tax tables and the
// withholding math built on them. Table: tax_rates (overrides per year).
package rates

import (
	"context"
	"database/sql"
	"sync"

	"github.com/ledgerly/people/pkg/errs"
	"github.com/ledgerly/people/pkg/money"
)

// Bracket is a marginal rate starting at Over (annualized cents).
type Bracket struct {
	Over int64
	Rate float64
}

// Table is a full set of rates for one tax year.
type Table struct {
	Year                   int
	StandardDeduction      map[string]int64 // by filing status, annual cents
	Federal                map[string][]Bracket
	SocialSecurityRate     float64
	SocialSecurityWageCap  int64
	MedicareRate           float64
	AdditionalMedicareOver int64
	FUTARate               float64
	FUTAWageCap            int64
	StateFlat              map[string]float64 // simplified flat state rates
	StateUIRate            map[string]float64
	StateUIWageCap         map[string]int64
}

// Default2025 is the built-in table; the tax_rates table can override it.
var Default2025 = Table{
	Year:              2025,
	StandardDeduction: map[string]int64{"single": 1_500_000, "married": 3_000_000, "head_of_household": 2_250_000},
	Federal: map[string][]Bracket{
		"single":  {{0, 0.10}, {1_192_500, 0.12}, {4_847_500, 0.22}, {10_335_000, 0.24}, {19_730_000, 0.32}, {25_052_500, 0.35}, {62_635_000, 0.37}},
		"married": {{0, 0.10}, {2_385_000, 0.12}, {9_695_000, 0.22}, {20_670_000, 0.24}, {39_460_000, 0.32}, {50_105_000, 0.35}, {75_160_000, 0.37}},
	},
	SocialSecurityRate:     0.062,
	SocialSecurityWageCap:  17_610_000,
	MedicareRate:           0.0145,
	AdditionalMedicareOver: 20_000_000,
	FUTARate:               0.006,
	FUTAWageCap:            700_000,
	StateFlat:              map[string]float64{"CA": 0.06, "NY": 0.055, "IL": 0.0495, "MA": 0.05, "PA": 0.0307, "CO": 0.044, "TX": 0, "FL": 0, "WA": 0},
	StateUIRate:            map[string]float64{"CA": 0.034, "NY": 0.041, "IL": 0.0325, "MA": 0.0242, "PA": 0.0365, "CO": 0.0305, "TX": 0.027, "FL": 0.027, "WA": 0.0123},
	StateUIWageCap:         map[string]int64{"CA": 700_000, "NY": 1_250_000, "IL": 1_315_000, "MA": 1_500_000, "PA": 1_000_000, "CO": 2_340_000, "TX": 900_000, "FL": 700_000, "WA": 7_200_000},
}

// Repo loads tables, caching per year.
type Repo struct {
	db    *sql.DB
	mu    sync.Mutex
	cache map[int]*Table
}

// NewRepo builds a Repo.
func NewRepo(pool *sql.DB) *Repo { return &Repo{db: pool, cache: map[int]*Table{}} }

// ForYear returns the table for year, applying overrides from tax_rates.
func (r *Repo) ForYear(ctx context.Context, year int) (*Table, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if t, ok := r.cache[year]; ok {
		return t, nil
	}
	t := clone(Default2025)
	t.Year = year
	if r.db != nil {
		rows, err := r.db.QueryContext(ctx, `SELECT jurisdiction, kind, rate FROM tax_rates WHERE year = $1`, year)
		if err != nil {
			return nil, errs.Wrap(err, errs.Internal, "load tax rates")
		}
		defer rows.Close()
		for rows.Next() {
			var j, kind string
			var rate float64
			if err := rows.Scan(&j, &kind, &rate); err != nil {
				return nil, err
			}
			switch kind {
			case "income":
				t.StateFlat[j] = rate
			case "ui":
				t.StateUIRate[j] = rate
			}
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	r.cache[year] = &t
	return &t, nil
}

// Input is one employee's pay for a period.
type Input struct {
	State          string
	FilingStatus   string
	Allowances     int
	Gross          money.Money
	PreTax         money.Money
	YTDGross       money.Money
	PeriodsPerYear int
}

// Line is a computed tax.
type Line struct {
	Code         string
	Label        string
	Jurisdiction string
	Amount       money.Money
	EmployerPaid bool
}

// Withhold computes employee withholding and employer taxes.
func (t *Table) Withhold(in Input) []Line {
	cur := in.Gross.Currency
	taxable := in.Gross.Sub(in.PreTax)
	if taxable.Cents < 0 {
		taxable = money.Zero(cur)
	}
	ppy := int64(in.PeriodsPerYear)
	if ppy <= 0 {
		ppy = 26
	}
	annual := taxable.Cents*ppy - t.StandardDeduction[status(in.FilingStatus)] - int64(in.Allowances)*430_000
	fed := money.New(progressive(annual, t.Federal[bracketKey(in.FilingStatus)])/ppy, cur)

	lines := []Line{{Code: "FIT", Label: "Federal income tax", Jurisdiction: "US", Amount: fed}}

	ssWages := capRemaining(in.Gross.Cents, in.YTDGross.Cents, t.SocialSecurityWageCap)
	ss := money.New(ssWages, cur).Mul(t.SocialSecurityRate)
	med := in.Gross.Mul(t.MedicareRate)
	if in.YTDGross.Cents+in.Gross.Cents > t.AdditionalMedicareOver {
		over := in.YTDGross.Cents + in.Gross.Cents - max(in.YTDGross.Cents, t.AdditionalMedicareOver)
		med = med.Add(money.New(over, cur).Mul(0.009))
	}
	lines = append(lines,
		Line{Code: "SS", Label: "Social Security", Jurisdiction: "US", Amount: ss},
		Line{Code: "MED", Label: "Medicare", Jurisdiction: "US", Amount: med},
		Line{Code: "SS_ER", Label: "Social Security (employer)", Jurisdiction: "US", Amount: ss, EmployerPaid: true},
		Line{Code: "MED_ER", Label: "Medicare (employer)", Jurisdiction: "US", Amount: in.Gross.Mul(t.MedicareRate), EmployerPaid: true},
		Line{Code: "FUTA", Label: "Federal unemployment", Jurisdiction: "US",
			Amount: money.New(capRemaining(in.Gross.Cents, in.YTDGross.Cents, t.FUTAWageCap), cur).Mul(t.FUTARate), EmployerPaid: true},
	)
	if r := t.StateFlat[in.State]; r > 0 {
		lines = append(lines, Line{Code: "SIT", Label: in.State + " income tax", Jurisdiction: in.State, Amount: taxable.Mul(r)})
	}
	if r := t.StateUIRate[in.State]; r > 0 {
		wages := capRemaining(in.Gross.Cents, in.YTDGross.Cents, t.StateUIWageCap[in.State])
		lines = append(lines, Line{Code: "SUI", Label: in.State + " unemployment", Jurisdiction: in.State,
			Amount: money.New(wages, cur).Mul(r), EmployerPaid: true})
	}
	return lines
}

func progressive(annual int64, brackets []Bracket) int64 {
	if annual <= 0 {
		return 0
	}
	var tax float64
	for i, b := range brackets {
		upper := annual
		if i+1 < len(brackets) && brackets[i+1].Over < annual {
			upper = brackets[i+1].Over
		}
		if upper > b.Over {
			tax += float64(upper-b.Over) * b.Rate
		}
	}
	return int64(tax)
}

func capRemaining(gross, ytd, capCents int64) int64 {
	if capCents <= 0 {
		return gross
	}
	room := capCents - ytd
	if room <= 0 {
		return 0
	}
	return min(gross, room)
}

func status(s string) string {
	if s == "" {
		return "single"
	}
	return s
}

func bracketKey(s string) string {
	if s == "married" {
		return "married"
	}
	return "single"
}

func clone(t Table) Table {
	c := t
	c.StateFlat = map[string]float64{}
	for k, v := range t.StateFlat {
		c.StateFlat[k] = v
	}
	c.StateUIRate = map[string]float64{}
	for k, v := range t.StateUIRate {
		c.StateUIRate[k] = v
	}
	return c
}
