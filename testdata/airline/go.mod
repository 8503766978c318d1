module skyhop.aero/backend

go 1.26
