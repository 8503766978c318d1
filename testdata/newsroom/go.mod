module github.com/dailyherald/newsroom

go 1.26
