module github.com/zipcab/backend

go 1.26

require (
	github.com/gorilla/websocket v1.5.3
	github.com/jmoiron/sqlx v1.4.0
	github.com/lib/pq v1.10.9
)

replace (
	github.com/gorilla/websocket => ./third_party/websocket
	github.com/jmoiron/sqlx => ./third_party/sqlx
	github.com/lib/pq => ./third_party/pq
)
