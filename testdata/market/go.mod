module loomly.com/api

go 1.26
