module pipelinelabs.io/crm

go 1.26

require (
	github.com/Masterminds/squirrel v1.5.4
	github.com/lib/pq v1.10.9
)

replace (
	github.com/Masterminds/squirrel => ./third_party/squirrel
	github.com/lib/pq => ./third_party/pq
)
