package attendance

import "github.com/k12district/sis/lib/errs"

func httpxInvalid() error { return errs.Invalid("dates must be YYYY-MM-DD") }

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
