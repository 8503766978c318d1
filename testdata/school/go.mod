module github.com/k12district/sis

go 1.26
