// Package prescriptions holds the formulary, the prescription rules and
// drug-drug interaction checks.
package prescriptions

import "strings"

// Drug is a formulary entry.
type Drug struct {
	Code       string
	Name       string
	Class      string
	Schedule   int     // DEA schedule, 0 = not controlled
	MaxDailyMg float64 // 0 = no limit enforced
}

// Formulary is the in-house formulary. Codes are ours, not NDCs.
var Formulary = map[string]Drug{
	"AMOX500":  {Code: "AMOX500", Name: "Amoxicillin 500 mg capsule", Class: "penicillin", MaxDailyMg: 3000},
	"LISI10":   {Code: "LISI10", Name: "Lisinopril 10 mg tablet", Class: "ace_inhibitor", MaxDailyMg: 80},
	"ATOR20":   {Code: "ATOR20", Name: "Atorvastatin 20 mg tablet", Class: "statin", MaxDailyMg: 80},
	"METF500":  {Code: "METF500", Name: "Metformin 500 mg tablet", Class: "biguanide", MaxDailyMg: 2550},
	"SERT50":   {Code: "SERT50", Name: "Sertraline 50 mg tablet", Class: "ssri", MaxDailyMg: 200},
	"IBU400":   {Code: "IBU400", Name: "Ibuprofen 400 mg tablet", Class: "nsaid", MaxDailyMg: 3200},
	"WARF5":    {Code: "WARF5", Name: "Warfarin 5 mg tablet", Class: "anticoagulant", MaxDailyMg: 15},
	"TRAM50":   {Code: "TRAM50", Name: "Tramadol 50 mg tablet", Class: "opioid", Schedule: 4, MaxDailyMg: 400},
	"OXY5":     {Code: "OXY5", Name: "Oxycodone 5 mg tablet", Class: "opioid", Schedule: 2, MaxDailyMg: 60},
	"ALPR05":   {Code: "ALPR05", Name: "Alprazolam 0.5 mg tablet", Class: "benzodiazepine", Schedule: 4, MaxDailyMg: 4},
	"CEPH500":  {Code: "CEPH500", Name: "Cephalexin 500 mg capsule", Class: "cephalosporin", MaxDailyMg: 4000},
	"AZITH250": {Code: "AZITH250", Name: "Azithromycin 250 mg tablet", Class: "macrolide", MaxDailyMg: 500},
}

func Lookup(code string) (Drug, bool) {
	d, ok := Formulary[strings.ToUpper(strings.TrimSpace(code))]
	return d, ok
}

// AllergyTerms are the names to check against a patient's allergy list.
// Cephalosporins are listed with penicillin because of cross-reactivity.
func (d Drug) AllergyTerms() []string {
	terms := []string{d.Name, d.Class}
	if d.Class == "cephalosporin" {
		terms = append(terms, "penicillin")
	}
	if d.Class == "nsaid" {
		terms = append(terms, "aspirin")
	}
	return terms
}

type Severity string

const (
	Minor    Severity = "minor"
	Major    Severity = "major"
	Contra   Severity = "contraindicated"
	noneSeen Severity = ""
)

// Interaction is a flagged pair.
type Interaction struct {
	DrugA, DrugB string
	Severity     Severity
	Reason       string
}

type classPair [2]string

func pair(a, b string) classPair {
	if a > b {
		a, b = b, a
	}
	return classPair{a, b}
}

var classInteractions = map[classPair]Interaction{
	pair("nsaid", "anticoagulant"):     {Severity: Major, Reason: "increased bleeding risk"},
	pair("ssri", "opioid"):             {Severity: Major, Reason: "serotonin syndrome risk (tramadol)"},
	pair("opioid", "benzodiazepine"):   {Severity: Contra, Reason: "respiratory depression; FDA boxed warning"},
	pair("macrolide", "statin"):        {Severity: Minor, Reason: "raised statin levels"},
	pair("macrolide", "anticoagulant"): {Severity: Major, Reason: "raised INR"},
	pair("nsaid", "ace_inhibitor"):     {Severity: Minor, Reason: "reduced antihypertensive effect, renal risk"},
}

// Interactions checks a new drug against the patient's active drugs.
func Interactions(newDrug Drug, active []Drug) []Interaction {
	var out []Interaction
	for _, a := range active {
		if a.Code == newDrug.Code {
			out = append(out, Interaction{DrugA: newDrug.Name, DrugB: a.Name, Severity: Major, Reason: "duplicate therapy"})
			continue
		}
		if it, ok := classInteractions[pair(newDrug.Class, a.Class)]; ok {
			it.DrugA, it.DrugB = newDrug.Name, a.Name
			out = append(out, it)
		}
	}
	return out
}

// Worst returns the most severe level in the list.
func Worst(list []Interaction) Severity {
	worst := noneSeen
	rank := map[Severity]int{noneSeen: 0, Minor: 1, Major: 2, Contra: 3}
	for _, i := range list {
		if rank[i.Severity] > rank[worst] {
			worst = i.Severity
		}
	}
	return worst
}
