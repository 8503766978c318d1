package sqlscan

import (
	"strconv"
	"strings"
)

// tokKind classifies a token of the tolerant scanner.
type tokKind uint8

const (
	tkWord   tokKind = iota + 1 // a keyword or an unquoted identifier
	tkQuoted                    // "ident" or `ident`
	tkString                    // 'text', E'text', $tag$text$tag$
	tkNumber
	tkParam // ?, $1, :name, @name
	tkPunct // ( ) , ; .
	tkOther // operators and anything else
)

type token struct {
	kind       tokKind
	text       string // as written; quoted identifiers without their quotes
	start, end int    // byte offsets in the input
}

// tokenize splits SQL into tokens, skipping spaces and comments. It never
// fails: anything it does not recognise becomes a one-byte tkOther token,
// and an unterminated string or identifier runs to the end of the input.
func tokenize(s string) []token {
	var out []token
	i := 0
	for i < len(s) {
		c := s[i]
		start := i
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			i++
			continue
		case c == '-' && i+1 < len(s) && s[i+1] == '-':
			for i < len(s) && s[i] != '\n' {
				i++
			}
			continue
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			if j := strings.Index(s[i+2:], "*/"); j >= 0 {
				i += j + 4
			} else {
				i = len(s)
			}
			continue
		case c == '\'' || ((c == 'E' || c == 'e') && i+1 < len(s) && s[i+1] == '\''):
			if c != '\'' {
				i++
			}
			i = skipQuoted(s, i, '\'', true)
			out = append(out, token{kind: tkString, text: s[start:i], start: start, end: i})
			continue
		case c == '"' || c == '`':
			j := skipQuoted(s, i, c, false)
			text := s[i+1 : max(i+1, j-1)]
			if j > len(s) || j <= i+1 || s[j-1] != c {
				text = s[i+1 : j]
			}
			text = strings.ReplaceAll(text, string([]byte{c, c}), string(c))
			out = append(out, token{kind: tkQuoted, text: text, start: start, end: j})
			i = j
			continue
		case c == '$':
			if j := dollarTagEnd(s, i); j > 0 {
				tag := s[i:j]
				if k := strings.Index(s[j:], tag); k >= 0 {
					i = j + k + len(tag)
				} else {
					i = len(s)
				}
				out = append(out, token{kind: tkString, text: s[start:i], start: start, end: i})
				continue
			}
			i++
			for i < len(s) && isDigit(s[i]) {
				i++
			}
			out = append(out, token{kind: tkParam, text: s[start:i], start: start, end: i})
			continue
		case c == '?':
			i++
			out = append(out, token{kind: tkParam, text: "?", start: start, end: i})
			continue
		case (c == ':' || c == '@') && i+1 < len(s) && isIdentStart(s[i+1]) && (c == '@' || i == 0 || s[i-1] != ':'):
			i++
			for i < len(s) && isIdentPart(s[i]) {
				i++
			}
			out = append(out, token{kind: tkParam, text: s[start:i], start: start, end: i})
			continue
		case isDigit(c):
			for i < len(s) && (isDigit(s[i]) || s[i] == '.' || s[i] == 'e' || s[i] == 'E') {
				i++
			}
			out = append(out, token{kind: tkNumber, text: s[start:i], start: start, end: i})
			continue
		case isIdentStart(c):
			for i < len(s) && isIdentPart(s[i]) {
				i++
			}
			out = append(out, token{kind: tkWord, text: s[start:i], start: start, end: i})
			continue
		case c == '(' || c == ')' || c == ',' || c == ';' || c == '.':
			i++
			out = append(out, token{kind: tkPunct, text: s[start:i], start: start, end: i})
			continue
		}
		i++
		out = append(out, token{kind: tkOther, text: s[start:i], start: start, end: i})
	}
	return out
}

// skipQuoted returns the offset just past the quoted text starting at
// s[i] (the opening quote). A doubled quote is an escaped one; with
// backslashes, \x escapes x (MySQL strings, PostgreSQL E” strings).
func skipQuoted(s string, i int, q byte, backslashes bool) int {
	i++
	for i < len(s) {
		switch s[i] {
		case '\\':
			if backslashes {
				i += 2
				continue
			}
		case q:
			if i+1 < len(s) && s[i+1] == q {
				i += 2
				continue
			}
			return i + 1
		}
		i++
	}
	return len(s)
}

// dollarTagEnd returns the end of a dollar-quote tag ($$ or $tag$) at s[i],
// or 0 when there is none.
func dollarTagEnd(s string, i int) int {
	j := i + 1
	if j < len(s) && isDigit(s[j]) {
		return 0 // $1: a parameter
	}
	for j < len(s) && isIdentPart(s[j]) && s[j] != '$' {
		j++
	}
	if j < len(s) && s[j] == '$' {
		return j + 1
	}
	return 0
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}
func isIdentPart(c byte) bool { return isIdentStart(c) || isDigit(c) || c == '$' }

// stripComments removes comments, for the emptiness check.
func stripComments(s string) string {
	var b strings.Builder
	for _, t := range tokenize(s) {
		b.WriteString(t.text)
	}
	return b.String()
}

// placeholderStyle is how a parser wants bind parameters written.
type placeholderStyle uint8

const (
	dollarParams   placeholderStyle = iota + 1 // $1, $2 (PostgreSQL)
	questionParams                             // ? (MySQL)
)

// rewriteParams rewrites every bind parameter (?, $n, :name, @name) in the
// style a parser accepts, and leftover fmt verbs (%s, %d, %v) as holes, so
// that a query written for one driver's conventions still parses.
func rewriteParams(s string, style placeholderStyle) string {
	var b strings.Builder
	last, n := 0, 0
	for _, t := range tokenize(s) {
		var repl string
		switch {
		case t.kind == tkParam:
			if t.text[0] == '@' && style == questionParams {
				continue // a MySQL user variable
			}
			n++
			if style == dollarParams {
				repl = "$" + strconv.Itoa(n)
			} else {
				repl = "?"
			}
		case t.kind == tkOther && t.text == "%" && t.end < len(s) && strings.IndexByte("sdvq", s[t.end]) >= 0:
			repl = Hole
			t.end++
		default:
			continue
		}
		b.WriteString(s[last:t.start])
		b.WriteString(repl)
		last = t.end
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}
