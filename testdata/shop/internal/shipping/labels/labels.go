// Package labels renders shipping labels.
package labels

import (
	"bytes"
	"fmt"
	"strings"
	"text/template"
	"unicode"

	"example.com/shop/internal/models"
)

var funcs = template.FuncMap{
	"add": func(a, b int) int { return a + b },
	"mul": func(a, b int) int { return a * b },
}

var labelTmpl = template.Must(template.New("label").Funcs(funcs).Parse(`^XA
^FO40,40^A0N,30,30^FDFROM: {{.From}}^FS
^FO40,100^A0N,40,40^FD{{.To.Name}}^FS
{{- range $i, $l := .Lines}}
^FO40,{{add 150 (mul $i 40)}}^A0N,35,35^FD{{$l}}^FS
{{- end}}
^FO40,420^BCN,120,Y,N,N^FD{{.Tracking}}^FS
^FO40,580^A0N,30,30^FD{{.Carrier}} {{.Service}}  PARCEL {{.N}}/{{.Of}}  {{.Weight}}g^FS
^XZ
`))

type labelData struct {
	From     string
	To       models.Address
	Lines    []string
	Tracking string
	Carrier  string
	Service  string
	N, Of    int
	Weight   int
}

// Sender is the return address printed on every label.
const Sender = "SHOP GMBH, LAGERSTR. 1, 20457 HAMBURG, DE"

// Render returns one ZPL label per parcel of s.
func Render(s models.Shipment) ([][]byte, error) {
	if s.TrackingNumber == "" {
		return nil, fmt.Errorf("labels: shipment %s has no tracking number", s.ID)
	}
	lines := make([]string, 0, 5)
	for _, l := range s.Destination.Lines()[1:] {
		if l = Sanitize(l); l != "" {
			lines = append(lines, l)
		}
	}
	to := s.Destination
	to.Name = Sanitize(to.Name)
	out := make([][]byte, 0, len(s.Parcels))
	for i, p := range s.Parcels {
		var buf bytes.Buffer
		err := labelTmpl.Execute(&buf, labelData{
			From: Sender, To: to, Lines: lines, Tracking: s.TrackingNumber,
			Carrier: strings.ToUpper(s.Carrier), Service: strings.ToUpper(s.Service),
			N: i + 1, Of: len(s.Parcels), Weight: p.WeightGrams,
		})
		if err != nil {
			return nil, fmt.Errorf("labels: render parcel %d of %s: %w", i+1, s.ID, err)
		}
		out = append(out, buf.Bytes())
	}
	return out, nil
}

// Sanitize upper-cases s and removes what label printers cannot print.
func Sanitize(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch {
		case r == '^' || r == '~':
			continue
		case r < unicode.MaxASCII && unicode.IsPrint(r):
			b.WriteRune(r)
		case r == 'Ä':
			b.WriteString("AE")
		case r == 'Ö':
			b.WriteString("OE")
		case r == 'Ü':
			b.WriteString("UE")
		case r == 'ß':
			b.WriteString("SS")
		}
	}
	return strings.TrimSpace(b.String())
}
