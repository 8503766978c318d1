package repository

import (
	"strconv"
	"strings"

	"github.com/zipcab/backend/app/common/entity"
)

// int64Array renders a Postgres array literal; we avoid pulling pq.Array into the domain layer.
func int64Array(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return "{" + strings.Join(parts, ",") + "}"
}

func statusArray(ss []entity.DriverStatus) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = string(s)
	}
	return "{" + strings.Join(parts, ",") + "}"
}
