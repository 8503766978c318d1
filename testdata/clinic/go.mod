module github.com/acme/clinic

go 1.26

require github.com/go-sql-driver/mysql v1.8.1

// The build machines have no access to the public proxy; we vendor a
// trimmed copy of the driver under third_party.
replace github.com/go-sql-driver/mysql => ./third_party/mysql
