module rxnow.health/backend

go 1.26
