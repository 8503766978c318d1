// Package certpdf renders the one-page certificate PDF. Ported verbatim
// from the 2018 Python service; it writes raw PDF operators by hand.
package certpdf

import (
	"bytes"
	"fmt"
	"strings"
	"time"
)

// Fields are printed on the certificate.
type Fields struct {
	LearnerName string
	CourseTitle string
	Instructor  string
	IssuedAt    time.Time
	CertID      string
	VerifyURL   string
}

func esc(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
	return r.Replace(s)
}

// Render returns a minimal landscape A4 PDF.
func Render(f Fields) []byte {
	var content bytes.Buffer
	line := func(size, x, y int, text string) {
		fmt.Fprintf(&content, "BT /F1 %d Tf %d %d Td (%s) Tj ET\n", size, x, y, esc(text))
	}
	line(36, 200, 460, "Certificate of Completion")
	line(16, 300, 400, "This certifies that")
	line(28, 250, 350, f.LearnerName)
	line(16, 280, 300, "has successfully completed")
	line(22, 200, 255, f.CourseTitle)
	if f.Instructor != "" {
		line(12, 320, 200, "Instructor: "+f.Instructor)
	}
	line(10, 60, 60, "Issued "+f.IssuedAt.Format("January 2, 2006")+"  ·  ID "+f.CertID)
	line(10, 60, 45, "Verify at "+f.VerifyURL)

	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var out bytes.Buffer
	out.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return out.Bytes()
}
