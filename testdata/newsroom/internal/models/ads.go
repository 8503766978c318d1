package models

import (
	"time"

	"github.com/dailyherald/newsroom/pkg/money"
)

type AdSlot struct {
	ID        string      `json:"id"`
	Code      string      `json:"code"`
	Placement string      `json:"placement"`
	Width     int         `json:"width"`
	Height    int         `json:"height"`
	FloorCPM  money.Money `json:"floor_cpm"`
	Active    bool        `json:"active"`
}

type CampaignStatus string

const (
	CampaignDraft     CampaignStatus = "draft"
	CampaignActive    CampaignStatus = "active"
	CampaignPaused    CampaignStatus = "paused"
	CampaignCompleted CampaignStatus = "completed"
)

type Campaign struct {
	ID              string         `json:"id"`
	AdvertiserID    string         `json:"advertiser_id"`
	Name            string         `json:"name"`
	Status          CampaignStatus `json:"status"`
	StartsAt        time.Time      `json:"starts_at"`
	EndsAt          time.Time      `json:"ends_at"`
	Budget          money.Money    `json:"budget"`
	Spent           money.Money    `json:"spent"`
	CPM             money.Money    `json:"cpm"`
	SectionIDs      []string       `json:"section_ids"`
	FrequencyCap    int            `json:"frequency_cap"`
	ImpressionsGoal int64          `json:"impressions_goal"`
}

type Creative struct {
	ID         string `json:"id"`
	CampaignID string `json:"campaign_id"`
	SlotSize   string `json:"slot_size"`
	ImageURL   string `json:"image_url"`
	ClickURL   string `json:"click_url"`
	Approved   bool   `json:"approved"`
}
