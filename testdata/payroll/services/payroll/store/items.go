package store

import (
	"encoding/json"

	"github.com/ledgerly/people/pkg/errs"
	"github.com/ledgerly/people/pkg/models"
)

func unmarshalItems(raw []byte, out *[]models.PayItem) error {
	if len(raw) == 0 {
		return nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return errs.Wrap(err, errs.Internal, "decode pay items")
	}
	return nil
}
