// Package slug turns headlines and names into URL slugs.
package slug

import (
	"strings"
	"unicode"
)

var replacer = strings.NewReplacer("&", " and ", "'", "", "’", "", "£", " pounds ", "%", " percent ")

func Make(s string, maxLen int) string {
	s = replacer.Replace(strings.ToLower(s))
	var b strings.Builder
	dash := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if r > unicode.MaxASCII {
				continue
			}
			b.WriteRune(r)
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	out := strings.TrimSuffix(b.String(), "-")
	if maxLen > 0 && len(out) > maxLen {
		out = out[:maxLen]
		if i := strings.LastIndexByte(out, '-'); i > maxLen/2 {
			out = out[:i]
		}
	}
	return out
}
