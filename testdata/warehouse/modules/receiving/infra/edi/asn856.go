// Package edi parses the subset of X12 856 (ship notice) that our clients'
// ERPs send for inbound shipments.
package edi

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"shipwell.io/wms/pkg/models"
)

// Parse reads segments terminated by "~" with "*" element separators:
//
//	BSN*00*PO12345*20240105*1200~
//	DTM*067*20240108~
//	TD5**2*XPOL~
//	LIN**SK*WIDGET-1*LT*L2024A~
//	SN1**240*EA~
func Parse(r io.Reader, clientID string) (*models.ASN, error) {
	sc := bufio.NewScanner(r)
	sc.Split(splitSegments)
	a := &models.ASN{ClientID: clientID}
	var cur *models.ASNLine
	n := 0
	for sc.Scan() {
		seg := strings.TrimSpace(sc.Text())
		if seg == "" {
			continue
		}
		el := strings.Split(seg, "*")
		n++
		switch el[0] {
		case "ISA", "GS", "ST", "SE", "GE", "IEA", "HL", "PRF", "TD1", "REF":
			// envelope and hierarchy segments are not needed
		case "BSN":
			if len(el) < 3 {
				return nil, fmt.Errorf("segment %d: BSN too short", n)
			}
			a.Reference = el[2]
		case "DTM":
			if len(el) >= 3 && el[1] == "067" {
				t, err := time.Parse("20060102", el[2])
				if err != nil {
					return nil, fmt.Errorf("segment %d: bad date %q", n, el[2])
				}
				a.ExpectedAt = t
			}
		case "TD5":
			if len(el) >= 4 {
				a.Carrier = el[3]
			}
		case "LIN":
			a.Lines = append(a.Lines, models.ASNLine{LineNo: len(a.Lines) + 1})
			cur = &a.Lines[len(a.Lines)-1]
			for i := 2; i+1 < len(el); i += 2 {
				switch el[i] {
				case "SK", "VN", "BP":
					cur.SKU = el[i+1]
				case "LT":
					cur.Lot = el[i+1]
				}
			}
		case "SN1":
			if cur == nil || len(el) < 3 {
				return nil, fmt.Errorf("segment %d: SN1 without LIN", n)
			}
			q, err := strconv.Atoi(el[2])
			if err != nil {
				return nil, fmt.Errorf("segment %d: bad quantity %q", n, el[2])
			}
			cur.ExpectedQty += q
		default:
			return nil, fmt.Errorf("segment %d: unsupported segment %s", n, el[0])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if a.Reference == "" {
		return nil, fmt.Errorf("856 has no BSN segment")
	}
	return a, nil
}

func splitSegments(data []byte, atEOF bool) (int, []byte, error) {
	for i, b := range data {
		if b == '~' {
			return i + 1, data[:i], nil
		}
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}
