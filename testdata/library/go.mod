module citylib.org/ils

go 1.23
