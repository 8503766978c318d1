module github.com/hirebase/ats

go 1.26
