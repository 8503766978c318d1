module github.com/ledgerly/people

go 1.26

require (
	github.com/jmoiron/sqlx v1.3.5
	github.com/lib/pq v1.10.9
)

replace (
	github.com/jmoiron/sqlx => ./third_party/sqlx
	github.com/lib/pq => ./third_party/pq
)
