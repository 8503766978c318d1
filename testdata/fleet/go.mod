module gitlab.com/roadrunner/fleet

go 1.26

require github.com/jackc/pgx/v5 v5.7.1

// The build containers have no network access; we vendor a thin stand-in
// for the driver (see third_party/pgx/README.md). Drop this line to build
// against the real thing.
replace github.com/jackc/pgx/v5 => ./third_party/pgx
