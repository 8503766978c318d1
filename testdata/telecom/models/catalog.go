package models

import "mvno.telco/core/platform/money"

const (
	ServiceVoice = "voice"
	ServiceSMS   = "sms"
	ServiceData  = "data"
)

type Plan struct {
	Code        string      `json:"code"`
	Name        string      `json:"name"`
	PaymentMode string      `json:"payment_mode"`
	MonthlyFee  money.Money `json:"monthly_fee"`
	DataMB      int64       `json:"data_mb"`
	VoiceMin    int64       `json:"voice_min"`
	SMS         int64       `json:"sms"`
	RoamingZone string      `json:"roaming_zone"`
	Active      bool        `json:"active"`
}

type AddOn struct {
	Code         string      `json:"code"`
	Name         string      `json:"name"`
	Price        money.Money `json:"price"`
	DataMB       int64       `json:"data_mb"`
	VoiceMin     int64       `json:"voice_min"`
	SMS          int64       `json:"sms"`
	ValidityDays int         `json:"validity_days"`
	Recurring    bool        `json:"recurring"`
}

// Tariff is the out-of-bundle price per unit (minute, SMS, MB) for a zone.
type Tariff struct {
	PlanCode string      `json:"plan_code"`
	Service  string      `json:"service"`
	Zone     string      `json:"zone"`
	Rate     money.Money `json:"rate"`
}
