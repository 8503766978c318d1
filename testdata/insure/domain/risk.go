package domain

import "harbormutual.com/core/platform/money"

type Vehicle struct {
	VIN         string `json:"vin"`
	Year        int    `json:"year"`
	Make        string `json:"make"`
	Model       string `json:"model"`
	Usage       string `json:"usage"` // COMMUTE, PLEASURE, BUSINESS
	AnnualMiles int    `json:"annual_miles"`
	GarageZip   string `json:"garage_zip"`
	AntiTheft   bool   `json:"anti_theft"`
}

type Driver struct {
	Name             string `json:"name"`
	LicenseNo        string `json:"license_no"`
	LicenseState     string `json:"license_state"`
	Age              int    `json:"age"`
	YearsLicensed    int    `json:"years_licensed"`
	Violations       int    `json:"violations"`
	AtFaultAccidents int    `json:"at_fault_accidents"`
}

type Dwelling struct {
	Construction    string      `json:"construction"` // FRAME, MASONRY, SUPERIOR
	YearBuilt       int         `json:"year_built"`
	SquareFeet      int         `json:"square_feet"`
	RoofAge         int         `json:"roof_age"`
	ProtectionClass int         `json:"protection_class"` // ISO 1-10
	CoastMiles      float64     `json:"coast_miles"`
	ReplacementCost money.Money `json:"replacement_cost"`
	Zip             string      `json:"zip"`
	HasAlarm        bool        `json:"has_alarm"`
	HasPool         bool        `json:"has_pool"`
}

// Risk is what is being insured.
type Risk struct {
	Vehicles []Vehicle `json:"vehicles,omitempty"`
	Drivers  []Driver  `json:"drivers,omitempty"`
	Dwelling *Dwelling `json:"dwelling,omitempty"`
}

type CoverageCode string

const (
	BodilyInjury      CoverageCode = "BI"
	PropertyDamage    CoverageCode = "PD"
	Collision         CoverageCode = "COLL"
	Comprehensive     CoverageCode = "COMP"
	UninsuredMotorist CoverageCode = "UM"
	MedPay            CoverageCode = "MED"
	DwellingCov       CoverageCode = "COV_A"
	OtherStructures   CoverageCode = "COV_B"
	PersonalProperty  CoverageCode = "COV_C"
	LossOfUse         CoverageCode = "COV_D"
	PersonalLiability CoverageCode = "COV_E"
)

// Coverage is a coverage line on a quote or policy.
type Coverage struct {
	Code       CoverageCode `json:"code"`
	Limit      money.Money  `json:"limit"`
	Deductible money.Money  `json:"deductible"`
	Premium    money.Money  `json:"premium"`
}

// UWDecision is an underwriting outcome.
type UWDecision string

const (
	Accept  UWDecision = "ACCEPT"
	Refer   UWDecision = "REFER"
	Decline UWDecision = "DECLINE"
)
