// Package common is the helper grab-bag of the 2018 PHP-to-Go port (lockers and campaigns).
// New code should use pkg/ instead.
package common

import (
	"database/sql"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// UKDate formats dates the way the old back office did.
func UKDate(t time.Time) string { return t.Format("02/01/2006") }

// ParseUKDate parses dd/mm/yyyy.
func ParseUKDate(s string) (time.Time, error) { return time.Parse("02/01/2006", strings.TrimSpace(s)) }

// Pence formats an integer pence amount as £x.yy.
func Pence(p int64) string { return fmt.Sprintf("£%d.%02d", p/100, p%100) }

var mobileRE = regexp.MustCompile(`^(\+44|0)7\d{9}$`)

// NormaliseMobile returns a +44 mobile number or "" if invalid.
func NormaliseMobile(s string) string {
	s = strings.NewReplacer(" ", "", "-", "", "(", "", ")", "").Replace(s)
	if !mobileRE.MatchString(s) {
		return ""
	}
	if strings.HasPrefix(s, "0") {
		return "+44" + s[1:]
	}
	return s
}

// NullString is the old helper for optional text columns.
func NullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

// Placeholders returns "$n,$n+1,..." for IN clauses.
func Placeholders(start, n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf("$%d", start+i)
	}
	return strings.Join(parts, ",")
}
