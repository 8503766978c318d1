package boundary

import "testing"

// TestStem: plural, gerund and base forms of a folder name meet; other
// words keep their identity.
func TestStem(t *testing.T) {
	for _, group := range [][]string{
		{"messages", "messaging", "message"},
		{"leases", "lease"},
		{"orders", "order"},
		{"companies", "company"},
		{"listings", "listing"},
		{"invoices", "invoice"},
		{"addresses", "address"},
		{"boxes", "box"},
		{"status", "statuses"},
		{"billing", "bills"},
	} {
		want := stem(group[0])
		for _, w := range group[1:] {
			if got := stem(w); got != want {
				t.Errorf("stem(%q) = %q, stem(%q) = %q: want them equal", w, got, group[0], want)
			}
		}
	}
	for _, w := range []string{"bus", "gas", "ss"} {
		if got := stem(w); len(got) < 2 {
			t.Errorf("stem(%q) = %q: too short", w, got)
		}
	}
}
