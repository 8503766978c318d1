// Package parser extracts structured data from resume text. It is a
// heuristic parser; the vendor parser we tried in 2021 was worse.
package parser

import (
	"bytes"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

var (
	phoneRe    = regexp.MustCompile(`\+?\d[\d\s().\-]{8,}\d`)
	linkedInRe = regexp.MustCompile(`(?i)linkedin\.com/in/[A-Za-z0-9\-_%]+`)
	yearSpanRe = regexp.MustCompile(`\b((?:19|20)\d{2})\s*[-–]\s*(?:(?:19|20)\d{2}|present|current|now)\b`)
	yearsExpRe = regexp.MustCompile(`(?i)(\d{1,2})\+?\s+years?\s+(?:of\s+)?experience`)
	wordRe     = regexp.MustCompile(`[a-z0-9+#]+`)
)

// Known skills, matched case-insensitively as whole words.
var skillLexicon = []string{"go", "golang", "python", "java", "javascript", "typescript", "react", "kubernetes", "docker",
	"aws", "gcp", "azure", "sql", "postgresql", "terraform", "kafka", "spark", "rust", "c++", "salesforce", "excel", "figma"}

// Parsed is what we could extract.
type Parsed struct {
	Phones   []string
	LinkedIn string
	Skills   []string
	YearsExp int
}

// Parse extracts fields from plain text.
func Parse(text string, now time.Time) Parsed {
	var p Parsed
	for _, ph := range phoneRe.FindAllString(text, -1) {
		if n := NormalizePhone(ph); len(n) >= 10 && !slices.Contains(p.Phones, n) {
			p.Phones = append(p.Phones, n)
		}
	}
	if m := linkedInRe.FindString(text); m != "" {
		p.LinkedIn = "https://www." + strings.ToLower(m)
	}
	words := wordRe.FindAllString(strings.ToLower(text), -1)
	for _, sk := range skillLexicon {
		if slices.Contains(words, sk) {
			p.Skills = append(p.Skills, sk)
		}
	}
	p.YearsExp = yearsOfExperience(text, now)
	return p
}

// yearsOfExperience prefers an explicit "N years of experience", else the
// span from the earliest employment year range to now.
func yearsOfExperience(text string, now time.Time) int {
	if m := yearsExpRe.FindStringSubmatch(text); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	earliest := now.Year()
	for _, m := range yearSpanRe.FindAllStringSubmatch(strings.ToLower(text), -1) {
		if y, _ := strconv.Atoi(m[1]); y < earliest && y > 1950 {
			earliest = y
		}
	}
	return now.Year() - earliest
}

// NormalizePhone keeps digits and a leading plus.
func NormalizePhone(s string) string {
	var b strings.Builder
	for i, r := range strings.TrimSpace(s) {
		if unicode.IsDigit(r) || (i == 0 && r == '+') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ToText converts an uploaded file to text. Plain text passes through; for
// PDFs we pull the literal strings out of text-showing operators, which is
// good enough for most generated resumes. DOCX is not parsed.
func ToText(contentType string, data []byte) string {
	if strings.HasPrefix(contentType, "text/") {
		return string(data)
	}
	if contentType != "application/pdf" {
		return ""
	}
	var out bytes.Buffer
	for _, chunk := range bytes.Split(data, []byte("Tj")) {
		i, j := bytes.LastIndexByte(chunk, '('), bytes.LastIndexByte(chunk, ')')
		if i >= 0 && j > i {
			out.Write(chunk[i+1 : j])
			out.WriteByte(' ')
		}
	}
	return out.String()
}
