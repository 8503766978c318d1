module harbormutual.com/core

go 1.26

require github.com/jmoiron/sqlx v1.3.5

replace github.com/jmoiron/sqlx => ./third_party/sqlx
