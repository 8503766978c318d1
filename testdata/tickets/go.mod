module gatehouse.events/platform

go 1.26

require (
	github.com/jackc/pgx/v5 v5.7.1
	github.com/jmoiron/sqlx v1.4.0
	github.com/lib/pq v1.10.9
)

replace (
	github.com/jackc/pgx/v5 => ./third_party/pgx
	github.com/jmoiron/sqlx => ./third_party/sqlx
	github.com/lib/pq => ./third_party/pq
)
