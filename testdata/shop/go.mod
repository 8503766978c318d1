module example.com/shop

go 1.26

require (
	github.com/lib/pq v1.10.9
	gorm.io/driver/postgres v1.6.0
	gorm.io/gorm v1.31.2
)

replace (
	github.com/lib/pq => ./third_party/pq
	gorm.io/driver/postgres => ./third_party/postgres
	gorm.io/gorm => ./third_party/gorm
)
