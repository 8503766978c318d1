// Package moderation screens forum posts: a blocklist, link spam heuristics
// and the report threshold for auto-hiding.
package moderation

import (
	"regexp"
	"strings"
)

// AutoHideReports hides a post once this many learners report it.
const AutoHideReports = 3

var (
	linkRe    = regexp.MustCompile(`https?://`)
	blocklist = []string{"buy followers", "casino", "crypto giveaway", "whatsapp me"}
)

// Verdict is the outcome of screening.
type Verdict struct {
	Hide   bool
	Reason string
}

// Screen evaluates a new post body. Trusted authors (instructors, staff)
// skip the link heuristic.
func Screen(body string, trusted bool) Verdict {
	lower := strings.ToLower(body)
	for _, w := range blocklist {
		if strings.Contains(lower, w) {
			return Verdict{Hide: true, Reason: "blocklisted phrase"}
		}
	}
	if !trusted && len(linkRe.FindAllStringIndex(body, -1)) > 2 {
		return Verdict{Hide: true, Reason: "too many links"}
	}
	letters, upper := 0, 0
	for _, r := range body {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			letters++
			if r >= 'A' && r <= 'Z' {
				upper++
			}
		}
	}
	if letters > 40 && upper*10 > letters*8 {
		return Verdict{Hide: true, Reason: "shouting"}
	}
	return Verdict{}
}

// ShouldAutoHide reports whether a post with n reports should be hidden.
func ShouldAutoHide(n int) bool { return n >= AutoHideReports }
