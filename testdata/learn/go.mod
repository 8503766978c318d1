module quill.dev/academy

go 1.26

require github.com/Masterminds/squirrel v1.5.4

replace github.com/Masterminds/squirrel => ./third_party/squirrel
