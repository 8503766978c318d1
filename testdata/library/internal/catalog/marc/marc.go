// Package marc reads the line-oriented "mnemonic MARC" export produced by
// the consortium's cataloguing tool (MarcEdit .mrk format) into titles.
package marc

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"citylib.org/ils/models"
)

// Record is one bibliographic record plus the holdings (949) lines.
type Record struct {
	Title    models.Title
	Holdings []Holding
}

type Holding struct {
	Barcode    string
	BranchCode string
	CallNumber string
	PriceCents int64
}

var yearRe = regexp.MustCompile(`\d{4}`)

// Reader yields records separated by blank lines.
type Reader struct {
	sc   *bufio.Scanner
	line int
}

func NewReader(r io.Reader) *Reader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	return &Reader{sc: sc}
}

// Next returns the next record, or io.EOF.
func (r *Reader) Next() (*Record, error) {
	var rec *Record
	for r.sc.Scan() {
		r.line++
		line := strings.TrimRight(r.sc.Text(), "\r")
		if line == "" {
			if rec != nil {
				return finish(rec)
			}
			continue
		}
		if !strings.HasPrefix(line, "=") || len(line) < 6 {
			return nil, fmt.Errorf("marc: line %d: malformed field", r.line)
		}
		if rec == nil {
			rec = &Record{Title: models.Title{Format: models.FormatBook, Language: "eng"}}
		}
		tag, data := line[1:4], line[6:]
		apply(rec, tag, data)
	}
	if err := r.sc.Err(); err != nil {
		return nil, err
	}
	if rec != nil {
		return finish(rec)
	}
	return nil, io.EOF
}

func finish(rec *Record) (*Record, error) {
	if rec.Title.Title == "" {
		return nil, fmt.Errorf("marc: record without 245$a")
	}
	return rec, nil
}

// subfields splits "10$aTitle :$bsub" into map a→"Title", b→"sub".
func subfields(data string) map[byte]string {
	out := map[byte]string{}
	parts := strings.Split(data, "$")
	for _, p := range parts[1:] {
		if p == "" {
			continue
		}
		if _, seen := out[p[0]]; !seen {
			out[p[0]] = strings.TrimSpace(strings.TrimRight(p[1:], " /:;,."))
		}
	}
	return out
}

func apply(rec *Record, tag, data string) {
	t := &rec.Title
	sf := subfields(data)
	switch tag {
	case "008":
		if len(data) >= 38 {
			t.Language = strings.TrimSpace(data[35:38])
		}
	case "020":
		isbn := strings.Fields(sf['a'])
		if len(isbn) > 0 && t.ISBN == "" {
			t.ISBN = strings.ReplaceAll(isbn[0], "-", "")
		}
	case "100", "700":
		if a := sf['a']; a != "" {
			t.Authors = append(t.Authors, a)
		}
	case "245":
		t.Title, t.Subtitle = sf['a'], sf['b']
	case "264", "260":
		t.Publisher = sf['b']
		if y := yearRe.FindString(sf['c']); y != "" {
			t.PubYear, _ = strconv.Atoi(y)
		}
	case "336":
		t.Format = formatFor(sf['a'])
	case "650":
		if s := sf['a']; s != "" {
			t.Subjects = append(t.Subjects, s)
		}
	case "949":
		h := Holding{Barcode: sf['i'], BranchCode: sf['l'], CallNumber: sf['c']}
		if p := sf['p']; p != "" {
			if f, err := strconv.ParseFloat(strings.TrimPrefix(p, "$"), 64); err == nil {
				h.PriceCents = int64(f*100 + 0.5)
			}
		}
		rec.Holdings = append(rec.Holdings, h)
	}
}

func formatFor(contentType string) models.Format {
	switch strings.ToLower(contentType) {
	case "two-dimensional moving image":
		return models.FormatDVD
	case "spoken word":
		return models.FormatAudiobook
	case "computer program":
		return models.FormatGame
	default:
		return models.FormatBook
	}
}
