package service

import (
	"context"

	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/platform/errs"
)

// User returns the public view of one user. Other modules call this.
func (s *Service) User(ctx context.Context, id types.UserID) (types.User, error) {
	a, err := s.Users.ByID(ctx, id)
	if err != nil {
		return types.User{}, err
	}
	return a.Public(), nil
}

// UsersByID returns public users keyed by id; missing ids are skipped.
func (s *Service) UsersByID(ctx context.Context, idList []types.UserID) (map[types.UserID]types.User, error) {
	accts, err := s.Users.ByIDs(ctx, idList)
	if err != nil {
		return nil, err
	}
	out := make(map[types.UserID]types.User, len(accts))
	for _, a := range accts {
		out[a.ID] = a.Public()
	}
	return out, nil
}

// SetRole is used by admins (cmd/admin and the support console).
func (s *Service) SetRole(ctx context.Context, id types.UserID, role types.Role) error {
	switch role {
	case types.RoleLearner, types.RoleInstructor, types.RoleSupport, types.RoleAdmin:
	default:
		return errs.E(errs.Invalid, "set_role", "unknown role %q", role)
	}
	return s.Users.SetRole(ctx, id, role)
}
