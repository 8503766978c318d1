package sqlscan

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// tables renders a result compactly: "orders:write payments:read".
func tables(ts []Table) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = t.Name + ":" + t.Op.String()
	}
	return strings.Join(parts, " ")
}

func TestScan(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		dialect Dialect
		sql     string
		want    string
		parser  string
	}{
		{"pg insert returning", Postgres, "INSERT INTO orders (id, x) VALUES ($1, $2) RETURNING id", "orders:write", "postgres"},
		{"pg on conflict", Postgres,
			"INSERT INTO inventory (sku, qty) VALUES ($1, $2) ON CONFLICT (sku) DO UPDATE SET qty = inventory.qty + EXCLUDED.qty",
			"inventory:write", "postgres"},
		{"pg cte alias join", Postgres,
			"WITH recent AS (SELECT * FROM payments WHERE created_at > now() - '1 day'::interval) SELECT * FROM recent r JOIN users u ON u.id = r.user_id",
			"payments:read users:read", "postgres"},
		{"pg for update of alias", Postgres,
			"SELECT b.qty, l.type FROM inventory_balances b JOIN locations l ON l.id = b.location_id WHERE b.sku = $1 FOR UPDATE OF b",
			"inventory_balances:read locations:read", "postgres"},
		{"pg schema quoted", Postgres, `UPDATE "billing"."Invoices" SET paid = true WHERE id = $1`, "billing.Invoices:write", "postgres"},
		{"pg schema unquoted lower-cased", Postgres, `SELECT * FROM Billing.Invoices`, "billing.invoices:read", "postgres"},
		{"insert select", Postgres, "INSERT INTO archive_orders SELECT * FROM orders o WHERE o.placed_at < $1", "archive_orders:write orders:read", "postgres"},
		{"update from", Postgres, "UPDATE stock s SET qty = s.qty - i.quantity FROM order_items i WHERE i.sku = s.sku", "order_items:read stock:write", "postgres"},
		{"delete using", Postgres, "DELETE FROM sessions s USING customers c WHERE c.id = s.customer_id AND c.closed", "customers:read sessions:write", "postgres"},
		{"delete subquery", Unknown, "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE banned)", "sessions:write users:read", "postgres"},
		{"read and write same table", Postgres, "UPDATE t SET n = (SELECT max(n) FROM t) + 1", "t:write", "postgres"},
		{"gorm question marks on pg", Postgres, "SELECT date_trunc('day', created_at) AS day, count(*) FROM customers WHERE created_at >= ? GROUP BY 1", "customers:read", "postgres"},
		{"sqlx named params on pg", Postgres, "INSERT INTO people (name, email) VALUES (:name, :email)", "people:write", "postgres"},
		{"sqlc comment", Postgres, "-- name: GetAuthor :one\nSELECT id, name FROM authors WHERE id = $1 LIMIT 1", "authors:read", "postgres"},
		{"cast not a param", Postgres, "SELECT id::text FROM widgets WHERE at > $1::timestamptz", "widgets:read", "postgres"},
		{"truncate", Postgres, "TRUNCATE TABLE audit_log, carts", "audit_log:write carts:write", "postgres"},
		{"copy from", Postgres, "COPY measurements (a, b) FROM STDIN", "measurements:write", "postgres"},
		{"ddl create with fk", Postgres, "CREATE TABLE IF NOT EXISTS order_items (id int, order_id int REFERENCES orders(id))", "order_items:ddl", "postgres"},
		{"ddl drop", Postgres, "DROP TABLE IF EXISTS legacy_carts", "legacy_carts:ddl", "postgres"},
		{"multi statement", Postgres, "DELETE FROM a; INSERT INTO b SELECT * FROM c", "a:write b:write c:read", "postgres"},
		{"recursive cte", Postgres,
			"WITH RECURSIVE tree(id, parent) AS (SELECT id, parent_id FROM categories WHERE id = $1 UNION ALL SELECT c.id, c.parent_id FROM categories c JOIN tree t ON c.parent_id = t.id) SELECT id FROM tree",
			"categories:read", "postgres"},
		{"mysql backticks alias", MySQL, "SELECT o.id, c.name FROM `orders` o LEFT JOIN customers c ON c.id = o.customer_id WHERE o.id = ?", "customers:read orders:read", "mysql"},
		{"mysql on duplicate key", MySQL, "INSERT INTO counters (k, v) VALUES (?, 1) ON DUPLICATE KEY UPDATE v = v + 1", "counters:write", "mysql"},
		{"mysql replace", MySQL, "REPLACE INTO settings (k, v) VALUES (?, ?)", "settings:write", "mysql"},
		{"mysql multi-table update", MySQL, "UPDATE items i JOIN orders o ON o.id = i.order_id SET i.state = 'x' WHERE o.id = ?", "items:write orders:read", "mysql"},
		{"mysql multi-table delete", MySQL, "DELETE s FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.banned = 1", "sessions:write users:read", "mysql"},
		{"mysql schema", MySQL, "SELECT * FROM shop.Products", "shop.products:read", "mysql"},
		{"mysql cte", MySQL, "WITH x AS (SELECT id FROM a) SELECT * FROM x JOIN b ON b.id = x.id", "a:read b:read", "mysql"},
		{"mysql dollar params rewritten", MySQL, "SELECT * FROM t WHERE id = $1", "t:read", "mysql"},
		{"unknown falls to mysql", Unknown, "SELECT * FROM `orders` WHERE id = ?", "orders:read", "mysql"},
		{"sqlite insert or replace", SQLite, "INSERT OR REPLACE INTO kv (k, v) VALUES (?, ?)", "kv:write", "fragment"},
		{"hole in values", Postgres, "SELECT * FROM order_items WHERE order_id IN (" + Hole + ") ORDER BY id", "order_items:read", "postgres"},
		{"hole as table", Postgres, "SELECT * FROM " + Hole + " WHERE id = $1", "", "postgres"},
		{"sprintf verbs", Postgres, "SELECT * FROM events WHERE kind IN (%s) LIMIT %d", "events:read", "postgres"},
		{"fragment", Postgres, "SELECT id FROM products WHERE ", "products:read", "fragment"},
		{"fragment cte", Unknown, "WITH recent AS (SELECT id FROM orders WHERE ) SELECT * FROM recent JOIN", "orders:read", "fragment"},
		{"fragment extract", Unknown, "SELECT EXTRACT(YEAR FROM placed_at) FROM orders WHERE x =", "orders:read", "fragment"},
		{"fragment update", Unknown, "UPDATE accounts SET balance = balance - ", "accounts:write", "fragment"},
		{"select without tables", Postgres, "SELECT now()", "", "postgres"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, err := Scan(tt.sql, tt.dialect)
			if err != nil {
				t.Fatalf("Scan(%q): %v", tt.sql, err)
			}
			if diff := cmp.Diff(tt.want, tables(r.Tables)); diff != "" {
				t.Errorf("Scan(%q) tables (-want +got):\n%s", tt.sql, diff)
			}
			if r.Parser != tt.parser {
				t.Errorf("Scan(%q) parser = %s, want %s", tt.sql, r.Parser, tt.parser)
			}
		})
	}
}

func TestScanErrors(t *testing.T) {
	t.Parallel()
	for _, sql := range []string{"", "  -- just a comment", "o.id, o.customer_id, o.status", "not sql at all", "'unterminated"} {
		r, err := Scan(sql, Unknown)
		if err == nil {
			t.Errorf("Scan(%q) = %v, want an error", sql, r)
		}
	}
}

func TestScanFragment(t *testing.T) {
	t.Parallel()
	tests := []struct{ sql, want string }{
		{"JOIN customers c ON c.id = orders.customer_id", "customers:read"},
		{"LEFT JOIN billing.invoices AS i ON i.order_id = o.id", "billing.invoices:read"},
		{"id IN (SELECT order_id FROM order_items WHERE sku = ?)", "order_items:read"},
		{"Addresses", ""},
	}
	for _, tt := range tests {
		if got := tables(ScanFragment(tt.sql)); got != tt.want {
			t.Errorf("ScanFragment(%q) = %q, want %q", tt.sql, got, tt.want)
		}
	}
}

func TestRewriteParams(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in    string
		style placeholderStyle
		want  string
	}{
		{"a = ? AND b = '?' AND c = ?", dollarParams, "a = $1 AND b = '?' AND c = $2"},
		{"a = :x AND b::int = @y", dollarParams, "a = $1 AND b::int = $2"},
		{"a = $1 AND b = $2", questionParams, "a = ? AND b = ?"},
		{"a IN (%s) -- %s", questionParams, "a IN (" + Hole + ") -- %s"},
		{"x = $tag$ ? $tag$", dollarParams, "x = $tag$ ? $tag$"},
	}
	for _, tt := range tests {
		if got := rewriteParams(tt.in, tt.style); got != tt.want {
			t.Errorf("rewriteParams(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseDialect(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]Dialect{"": Unknown, "auto": Unknown, "PostgreSQL": Postgres, "mariadb": MySQL, "sqlite3": SQLite} {
		got, err := ParseDialect(in)
		if err != nil || got != want {
			t.Errorf("ParseDialect(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseDialect("oracle"); err == nil {
		t.Error("ParseDialect(oracle): want an error")
	}
}

// Queries that break the parsers must never panic.
func FuzzScan(f *testing.F) {
	for _, s := range []string{"SELECT * FROM t", "INSERT INTO `a` VALUES (?)", "WITH x AS (", "$$", "'", "\"", "/*"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sql string) {
		_, _ = Scan(sql, Unknown)
		_ = ScanFragment(sql)
	})
}

func ExampleScan() {
	r, _ := Scan("WITH recent AS (SELECT * FROM orders WHERE placed_at > $1) INSERT INTO order_stats SELECT count(*) FROM recent", Postgres)
	for _, t := range r.Tables {
		fmt.Println(t.Name, t.Op)
	}
	// Output:
	// order_stats write
	// orders read
}

func TestSystemTables(t *testing.T) {
	t.Parallel()
	for _, sql := range []string{
		"SELECT name FROM sqlite_master WHERE type = 'table'",
		"SELECT table_name FROM information_schema.tables",
		"SELECT relname FROM pg_class",
		"SELECT * FROM pg_catalog.pg_tables",
	} {
		r, err := Scan(sql, Unknown)
		if err != nil || len(r.Tables) != 0 {
			t.Errorf("Scan(%q) = %v, %v; want no table", sql, r.Tables, err)
		}
	}
}

func TestScanTableless(t *testing.T) {
	t.Parallel()
	for _, sql := range []string{"BEGIN IMMEDIATE", "PRAGMA page_count", "SET search_path TO app", "COMMIT"} {
		r, err := Scan(sql, Unknown)
		if err != nil || len(r.Tables) != 0 {
			t.Errorf("Scan(%q) = %v, %v; want no table and no error", sql, r.Tables, err)
		}
	}
	// "user" is a function in PostgreSQL and a table in MySQL and SQLite.
	r, err := Scan("SELECT id FROM user WHERE id = ?", SQLite)
	if err != nil || tables(r.Tables) != "user:read" {
		t.Errorf("Scan(FROM user) = %v, %v; want user:read", r.Tables, err)
	}
}
