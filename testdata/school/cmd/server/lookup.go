package main

import (
	"context"
	"database/sql"
	"log"
)

// loadSchoolCodes reads the state school codes once at boot.
func loadSchoolCodes(conn *sql.DB) map[int64]int {
	out := map[int64]int{}
	rows, err := conn.Query(`SELECT id, state_code FROM schools WHERE active`)
	if err != nil {
		log.Printf("school codes unavailable: %v", err)
		return out
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var code int
		if err := rows.Scan(&id, &code); err == nil {
			out[id] = code
		}
	}
	return out
}

func currentTerm(ctx context.Context, conn *sql.DB) string {
	var name string
	err := conn.QueryRowContext(ctx, `SELECT name FROM grading_terms
		WHERE starts_on <= current_date AND ends_on >= current_date ORDER BY starts_on DESC LIMIT 1`).Scan(&name)
	if err != nil {
		return ""
	}
	return name
}
