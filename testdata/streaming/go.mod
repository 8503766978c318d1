module github.com/flickstream/api

go 1.26
