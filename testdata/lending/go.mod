module lendwise.io/platform

go 1.26
