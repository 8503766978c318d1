module github.com/keystoneprop/platform

go 1.22
