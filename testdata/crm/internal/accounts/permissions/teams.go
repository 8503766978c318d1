package permissions

import (
	"context"
	"database/sql"
	"time"

	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/db"
	"pipelinelabs.io/crm/internal/platform/errs"
	"pipelinelabs.io/crm/internal/platform/tenancy"
)

// Team groups users under a manager.
type Team struct {
	ID        core.ID   `json:"id"`
	TenantID  core.ID   `json:"tenant_id"`
	Name      string    `json:"name"`
	ManagerID core.ID   `json:"manager_id,omitempty"`
	MemberIDs []core.ID `json:"member_ids"`
	CreatedAt time.Time `json:"created_at"`
}

// Teams stores teams (tables teams, users.team_id).
type Teams struct{ DB *sql.DB }

// Create inserts a team.
func (t *Teams) Create(ctx context.Context, tenantID core.ID, name string, managerID core.ID) (Team, error) {
	if name == "" {
		return Team{}, errs.Invalid("team name is required")
	}
	tm := Team{ID: core.NewID(core.PrefixTeam), TenantID: tenantID, Name: name, ManagerID: managerID, CreatedAt: time.Now().UTC()}
	_, err := t.DB.ExecContext(ctx, `INSERT INTO teams (id, tenant_id, name, manager_id, created_at) VALUES ($1,$2,$3,$4,$5)`,
		tm.ID, tm.TenantID, tm.Name, db.NullString(string(managerID)), tm.CreatedAt)
	if db.IsUniqueViolation(err) {
		return Team{}, errs.Conflict("a team with that name already exists")
	}
	return tm, err
}

// AddMember moves a user into a team.
func (t *Teams) AddMember(ctx context.Context, tenantID, teamID, userID core.ID) error {
	res, err := t.DB.ExecContext(ctx, `UPDATE users SET team_id = $3 WHERE tenant_id = $1 AND id = $2`, tenantID, userID, teamID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.NotFound("user")
	}
	return nil
}

// List returns all teams with their members.
func (t *Teams) List(ctx context.Context, tenantID core.ID) ([]Team, error) {
	rows, err := t.DB.QueryContext(ctx, `SELECT t.id, t.tenant_id, t.name, COALESCE(t.manager_id, ''), t.created_at, COALESCE(u.id, '')
		FROM teams t LEFT JOIN users u ON u.team_id = t.id AND u.deactivated_at IS NULL
		WHERE t.tenant_id = $1 ORDER BY t.name`, tenantID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Team
	idx := map[core.ID]int{}
	for rows.Next() {
		var tm Team
		var member core.ID
		if err := rows.Scan(&tm.ID, &tm.TenantID, &tm.Name, &tm.ManagerID, &tm.CreatedAt, &member); err != nil {
			return nil, err
		}
		i, ok := idx[tm.ID]
		if !ok {
			tm.MemberIDs = []core.ID{}
			out = append(out, tm)
			i = len(out) - 1
			idx[tm.ID] = i
		}
		if member != "" {
			out[i].MemberIDs = append(out[i].MemberIDs, member)
		}
	}
	return out, rows.Err()
}

// VisibleOwners returns the owner IDs whose records p may see, or nil
// when p sees everything. Managers see their teams, reps themselves.
func (t *Teams) VisibleOwners(ctx context.Context, p tenancy.Principal) ([]core.ID, error) {
	if SeesAll(p) {
		return nil, nil
	}
	if p.Role != core.RoleManager {
		return []core.ID{p.UserID}, nil
	}
	ids, err := db.All(ctx, t.DB, db.ScanID[core.ID], `SELECT u.id FROM users u JOIN teams t ON t.id = u.team_id
		WHERE t.tenant_id = $1 AND t.manager_id = $2`, p.TenantID, p.UserID)
	return append(ids, p.UserID), err
}
