package sqlscan

import "strings"

// reserved are the keywords that can never be a table name or an alias in
// the places the fragment scanner looks.
var reserved = setOf(`SELECT FROM WHERE JOIN ON AS SET VALUES VALUE INTO UPDATE DELETE INSERT REPLACE MERGE
	GROUP ORDER BY LIMIT HAVING UNION ALL DISTINCT AND OR NOT NULL IS IN EXISTS CASE WHEN THEN ELSE END
	LEFT RIGHT INNER OUTER CROSS FULL NATURAL USING RETURNING WITH LATERAL ONLY TABLE IF RECURSIVE
	DEFAULT OFFSET FETCH FOR WINDOW EXCEPT INTERSECT STRAIGHT_JOIN LOW_PRIORITY HIGH_PRIORITY DELAYED IGNORE QUICK
	DUPLICATE KEY CONFLICT DO NOTHING TEMP TEMPORARY UNLOGGED TRUNCATE CREATE ALTER DROP COPY LIKE ILIKE
	BETWEEN ASC DESC NULLS FIRST LAST TO STDIN STDOUT MATCHED TRUE FALSE PARTITION OVER USE FORCE INDEX`)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// kw returns the upper-cased word of a tkWord token, or "".
func kw(t token) string {
	if t.kind != tkWord {
		return ""
	}
	return strings.ToUpper(t.text)
}

func isName(t token) bool {
	return t.kind == tkQuoted || t.kind == tkWord && !reserved[strings.ToUpper(t.text)]
}

// nameText is an identifier as the database sees it: unquoted ones are
// lower-cased.
func nameText(t token) string {
	if t.kind == tkQuoted {
		return t.text
	}
	return strings.ToLower(t.text)
}

// scanTokens is the tolerant scanner: it reads table names where SQL puts
// them (after FROM, JOIN, INTO, UPDATE, USING, TABLE, TRUNCATE, COPY) and
// works on fragments and on statements no parser accepts. It skips CTE
// names, aliases, table functions and the FROM of EXTRACT(... FROM ...).
func scanTokens(toks []token) []Table {
	ctes := cteNames(toks)
	var out []Table
	// parens records, per open parenthesis, whether it opens a subquery
	// (only then do FROM and JOIN inside it name tables).
	var parens []bool
	inQuery := func() bool { return len(parens) == 0 || parens[len(parens)-1] }
	prev := func(i int) string {
		if i > 0 {
			return kw(toks[i-1])
		}
		return ""
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch t.text {
		case "(":
			sub := i+1 < len(toks) && (kw(toks[i+1]) == "SELECT" || kw(toks[i+1]) == "WITH" || kw(toks[i+1]) == "VALUES")
			parens = append(parens, sub)
			continue
		case ")":
			if len(parens) > 0 {
				parens = parens[:len(parens)-1]
			}
			continue
		}
		var op Op
		list := false // a comma-separated list of tables may follow
		fn := false   // a name followed by "(" is a function, not a table
		switch kw(t) {
		case "FROM":
			if !inQuery() || prev(i) == "DISTINCT" {
				continue
			}
			op, list, fn = Read, true, true
			if p := prevVerb(toks, i); p == "DELETE" {
				op = Write
			}
		case "JOIN", "STRAIGHT_JOIN":
			if !inQuery() {
				continue
			}
			op, fn = Read, true
		case "USING":
			op, list, fn = Read, true, true
		case "INTO":
			op = Write
		case "UPDATE":
			switch prev(i) {
			case "KEY", "DO", "FOR", "ON":
				continue
			}
			op, list = Write, true
		case "DELETE":
			op = Write // MySQL: DELETE t1, t2 FROM ...
			list = true
		case "TRUNCATE":
			op, list = Write, true
		case "COPY":
			op = Write
		case "TABLE":
			switch prev(i) {
			case "TRUNCATE":
				op, list = Write, true
			case "LOCK":
				op = Read
			default:
				op, list = DDL, true
			}
			for j := i - 1; j >= 0 && j >= i-3; j-- {
				if k := kw(toks[j]); k == "CREATE" || k == "ALTER" || k == "DROP" {
					op = DDL
				}
			}
		default:
			continue
		}
		j := i + 1
		for {
			j = skipWords(toks, j, "ONLY", "LATERAL", "IF", "NOT", "EXISTS", "LOW_PRIORITY", "IGNORE", "QUICK", "TABLE")
			name, next, ok := qualifiedName(toks, j)
			if !ok {
				break
			}
			if fn && next < len(toks) && toks[next].text == "(" {
				break
			}
			if !(ctes[name] && !strings.Contains(name, ".")) {
				out = append(out, Table{Name: name, Op: op})
			}
			j = skipAlias(toks, next)
			if !list || j >= len(toks) || toks[j].text != "," {
				break
			}
			j++
		}
	}
	return out
}

// prevVerb returns the statement verb a FROM belongs to when it directly
// follows DELETE (with modifiers), or "".
func prevVerb(toks []token, i int) string {
	for j := i - 1; j >= 0; j-- {
		switch k := kw(toks[j]); k {
		case "LOW_PRIORITY", "QUICK", "IGNORE":
			continue
		case "DELETE":
			return k
		}
		return ""
	}
	return ""
}

func skipWords(toks []token, j int, words ...string) int {
	for j < len(toks) {
		k := kw(toks[j])
		found := false
		for _, w := range words {
			if k == w {
				found = true
				break
			}
		}
		if !found {
			return j
		}
		j++
	}
	return j
}

// qualifiedName reads name(.name)* at toks[j].
func qualifiedName(toks []token, j int) (string, int, bool) {
	if j >= len(toks) || !isName(toks[j]) {
		return "", j, false
	}
	parts := []string{nameText(toks[j])}
	j++
	for j+1 < len(toks) && toks[j].text == "." && (isName(toks[j+1]) || toks[j+1].kind == tkWord) {
		parts = append(parts, nameText(toks[j+1]))
		j += 2
	}
	return strings.Join(parts, "."), j, true
}

// skipAlias skips "[AS] alias" after a table name.
func skipAlias(toks []token, j int) int {
	if j < len(toks) && kw(toks[j]) == "AS" {
		j++
	}
	if j < len(toks) && isName(toks[j]) {
		j++
	}
	return j
}

// cteNames finds the names a WITH clause defines: "name AS (" or
// "name (cols) AS (" after WITH, RECURSIVE or a comma.
func cteNames(toks []token) map[string]bool {
	m := map[string]bool{}
	for i := 1; i < len(toks); i++ {
		if !isName(toks[i]) {
			continue
		}
		p := toks[i-1]
		if !(kw(p) == "WITH" || kw(p) == "RECURSIVE" || p.text == ",") {
			continue
		}
		j := i + 1
		if j < len(toks) && toks[j].text == "(" {
			depth := 0
			for ; j < len(toks); j++ {
				if toks[j].text == "(" {
					depth++
				} else if toks[j].text == ")" {
					depth--
					if depth == 0 {
						j++
						break
					}
				}
			}
		}
		if j+1 < len(toks) && kw(toks[j]) == "AS" {
			k := skipWords(toks, j+1, "NOT", "MATERIALIZED")
			if k < len(toks) && toks[k].text == "(" {
				m[nameText(toks[i])] = true
			}
		}
	}
	return m
}
