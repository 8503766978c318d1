// Package bookingcom integrates with Booking.com's OTA XML connectivity API.
package bookingcom

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/staybright/platform/internal/channel/ota"
)

// Client pushes ARI and parses reservation notifications.
type Client struct {
	base string
	key  string
	http *http.Client
}

// New returns a Booking.com client.
func New(base, key string) *Client {
	return &Client{base: base, key: key, http: &http.Client{Timeout: 30 * time.Second}}
}

// Name implements ota.Client.
func (c *Client) Name() string { return ota.BookingCom }

type availNotif struct {
	XMLName xml.Name   `xml:"OTA_HotelAvailNotifRQ"`
	Hotel   string     `xml:"AvailStatusMessages>HotelCode,attr"`
	Msgs    []availMsg `xml:"AvailStatusMessages>AvailStatusMessage"`
}

type availMsg struct {
	Start     string `xml:"StatusApplicationControl>Start,attr"`
	End       string `xml:"StatusApplicationControl>End,attr"`
	RoomType  string `xml:"StatusApplicationControl>InvTypeCode,attr"`
	RatePlan  string `xml:"StatusApplicationControl>RatePlanCode,attr"`
	BookLimit int    `xml:"BookingLimit,attr"`
	Status    string `xml:"RestrictionStatus>Status,attr,omitempty"`
	Amount    string `xml:"Rate>Amount,attr,omitempty"`
	Currency  string `xml:"Rate>CurrencyCode,attr,omitempty"`
}

// PushARI implements ota.Client.
func (c *Client) PushARI(ctx context.Context, updates []ota.ARIUpdate) error {
	byHotel := map[string][]ota.ARIUpdate{}
	for _, u := range updates {
		byHotel[u.HotelRef] = append(byHotel[u.HotelRef], u)
	}
	for hotel, us := range byHotel {
		rq := availNotif{Hotel: hotel}
		for _, u := range us {
			m := availMsg{Start: u.Day.Format(time.DateOnly), End: u.Day.Format(time.DateOnly),
				RoomType: u.RoomRef, RatePlan: u.RateRef, BookLimit: u.Available}
			if u.Closed {
				m.Status = "Close"
			}
			if u.PriceCents > 0 {
				m.Amount = strconv.FormatFloat(float64(u.PriceCents)/100, 'f', 2, 64)
				m.Currency = u.Currency
			}
			rq.Msgs = append(rq.Msgs, m)
		}
		if err := c.post(ctx, "/hotels/xml/availability", rq); err != nil {
			return fmt.Errorf("bookingcom: push %s: %w", hotel, err)
		}
	}
	return nil
}

func (c *Client) post(ctx context.Context, path string, v any) error {
	body, err := xml.Marshal(v)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/xml")
	req.Header.Set("Authorization", "Basic "+c.key)
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil
}

type resNotif struct {
	XMLName xml.Name `xml:"OTA_HotelResNotifRQ"`
	Res     struct {
		Status   string `xml:"ResStatus,attr"`
		ID       string `xml:"UniqueID>ID,attr"`
		Hotel    string `xml:"RoomStays>RoomStay>BasicPropertyInfo>HotelCode,attr"`
		Room     string `xml:"RoomStays>RoomStay>RoomTypes>RoomType>RoomTypeCode,attr"`
		Rate     string `xml:"RoomStays>RoomStay>RatePlans>RatePlan>RatePlanCode,attr"`
		Start    string `xml:"RoomStays>RoomStay>TimeSpan>Start,attr"`
		End      string `xml:"RoomStays>RoomStay>TimeSpan>End,attr"`
		Adults   int    `xml:"RoomStays>RoomStay>GuestCounts>AdultCount,attr"`
		Children int    `xml:"RoomStays>RoomStay>GuestCounts>ChildCount,attr"`
		Total    string `xml:"RoomStays>RoomStay>Total>AmountAfterTax,attr"`
		Currency string `xml:"RoomStays>RoomStay>Total>CurrencyCode,attr"`
		Given    string `xml:"ResGuests>ResGuest>Profile>Customer>PersonName>GivenName"`
		Surname  string `xml:"ResGuests>ResGuest>Profile>Customer>PersonName>Surname"`
		Email    string `xml:"ResGuests>ResGuest>Profile>Customer>Email"`
		Phone    string `xml:"ResGuests>ResGuest>Profile>Customer>Telephone>PhoneNumber,attr"`
		Country  string `xml:"ResGuests>ResGuest>Profile>Customer>Address>CountryName"`
		Remarks  string `xml:"RoomStays>RoomStay>Comments>Comment>Text"`
	} `xml:"HotelReservations>HotelReservation"`
}

// ParseBooking implements ota.Client.
func (c *Client) ParseBooking(body []byte, _ http.Header) (*ota.Booking, error) {
	var n resNotif
	if err := xml.Unmarshal(body, &n); err != nil {
		return nil, fmt.Errorf("bookingcom: parse: %w", err)
	}
	in, err1 := time.Parse(time.DateOnly, n.Res.Start)
	out, err2 := time.Parse(time.DateOnly, n.Res.End)
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("bookingcom: bad stay dates %q..%q", n.Res.Start, n.Res.End)
	}
	total, err := strconv.ParseFloat(n.Res.Total, 64)
	if err != nil {
		return nil, fmt.Errorf("bookingcom: bad total %q", n.Res.Total)
	}
	st := ota.BookingNew
	switch n.Res.Status {
	case "Modify":
		st = ota.BookingModified
	case "Cancel":
		st = ota.BookingCancelled
	}
	return &ota.Booking{
		Channel: ota.BookingCom, ChannelRef: n.Res.ID, Status: st, HotelRef: n.Res.Hotel,
		RoomRef: n.Res.Room, RateRef: n.Res.Rate, CheckIn: in, CheckOut: out,
		Adults: n.Res.Adults, Children: n.Res.Children, FirstName: n.Res.Given, LastName: n.Res.Surname,
		Email: n.Res.Email, Phone: n.Res.Phone, Country: n.Res.Country,
		TotalCents: int64(total*100 + 0.5), Currency: n.Res.Currency, Remarks: n.Res.Remarks,
	}, nil
}

// Ack implements ota.Client.
func (c *Client) Ack(ref string) []byte {
	return []byte(`<OTA_HotelResNotifRS><Success/><HotelReservations><HotelReservation><UniqueID ID="` + ref + `"/></HotelReservation></HotelReservations></OTA_HotelResNotifRS>`)
}
