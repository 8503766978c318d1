// Package labels renders ZPL shipping labels for thermal printers.
package labels

import (
	"bytes"
	"fmt"
	"strings"
	"text/template"

	ds "parcelgo.com/platform/domain/shipment"
	"parcelgo.com/platform/shared/errs"
)

type Renderer struct {
	dpi int
	zpl *template.Template
}

func NewRenderer(dpi int) *Renderer {
	if dpi == 0 {
		dpi = 203
	}
	return &Renderer{dpi: dpi, zpl: template.Must(template.New("zpl").Parse(zplTemplate))}
}

// SortCode is printed large so depot staff can sort without scanning.
func SortCode(s *ds.Shipment) string {
	pc := strings.ReplaceAll(s.Recipient.PostalCode, " ", "")
	if len(pc) > 4 {
		pc = pc[:4]
	}
	return fmt.Sprintf("%s-%s-%s", strings.ToUpper(s.DepotID), s.ZoneCode, pc)
}

type labelData struct {
	S        *ds.Shipment
	Parcel   ds.Parcel
	Index    int
	Count    int
	SortCode string
	Barcode  string
	Service  string
	Width    int
}

// Render returns one label per parcel concatenated, and the content type.
func (r *Renderer) Render(s *ds.Shipment, format string) ([]byte, string, error) {
	var buf bytes.Buffer
	for i, p := range s.Parcels {
		d := labelData{S: s, Parcel: p, Index: i + 1, Count: len(s.Parcels), SortCode: SortCode(s),
			Barcode: fmt.Sprintf("%s%02d", s.TrackingNumber, i+1), Service: strings.ToUpper(string(s.ServiceLevel)),
			Width: 4 * r.dpi}
		if format != "zpl" && format != "" {
			return nil, "", errs.Invalid("unsupported label format %q", format)
		}
		if err := r.zpl.Execute(&buf, d); err != nil {
			return nil, "", err
		}
	}
	return buf.Bytes(), "application/x-zpl", nil
}

const zplTemplate = `^XA
^PW{{.Width}}
^CF0,60^FO40,30^FD{{.Service}}^FS
^CF0,30^FO600,40^FD{{.Index}}/{{.Count}}^FS
^FO40,110^GB730,3,3^FS
^CF0,28^FO40,130^FDTO: {{.S.RecipientName}}^FS
^FO40,165^FD{{.S.Recipient.Line1}}^FS
^FO40,200^FD{{.S.Recipient.PostalCode}} {{.S.Recipient.City}} {{.S.Recipient.Country}}^FS
^CF0,22^FO40,250^FDFROM: {{.S.Sender.Line1}}, {{.S.Sender.City}}^FS
^CF0,90^FO40,300^FD{{.SortCode}}^FS
^BY3,2,160^FO60,420^BCN,160,Y,N,N^FD{{.Barcode}}^FS
{{if gt .S.CODAmount.Amount 0}}^CF0,40^FO40,640^FDCOD {{.S.CODAmount}}^FS{{end}}
^CF0,22^FO40,700^FDRef: {{.Parcel.Reference}}  {{.Parcel.Dimensions.WeightGrams}}g^FS
^XZ
`
