module github.com/pulsefit/clubs

go 1.26
