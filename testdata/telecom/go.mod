module mvno.telco/core

go 1.26
