package main

import (
	_ "embed"
	"strings"
)

// doc is the user manual: doc.go's package comment, also shown by --help,
// so that the help and the documentation cannot drift apart.
//
//go:embed doc.go
var doc string

// manual is the parsed doc comment.
var manual = parseManual(doc)

// manualText holds the manual's sections by heading; "" is the overview.
type manualText map[string]string

// parseManual strips the comment markers from doc.go's package comment and
// splits it at "# Heading" lines.
func parseManual(src string) manualText {
	m := manualText{}
	heading := ""
	var cur []string
	flush := func() {
		m[heading] = strings.TrimSpace(strings.Join(cur, "\n"))
		cur = nil
	}
	for _, line := range strings.Split(src, "\n") {
		if !strings.HasPrefix(line, "//") {
			break // "package main"
		}
		line = strings.TrimPrefix(strings.TrimPrefix(line, "//"), " ")
		if h, ok := strings.CutPrefix(line, "# "); ok {
			flush()
			heading = h
			continue
		}
		cur = append(cur, line)
	}
	flush()
	return m
}

// section returns one section of the manual; "" is the overview.
func (m manualText) section(name string) string {
	return m[name]
}
