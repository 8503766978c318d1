module github.com/staybright/platform

go 1.26

require (
	github.com/jmoiron/sqlx v1.3.5
	github.com/lib/pq v1.10.9
)

// Offline build: trimmed stand-ins of the upstream libraries live in third_party.
replace (
	github.com/jmoiron/sqlx => ./third_party/sqlx
	github.com/lib/pq => ./third_party/pq
)
