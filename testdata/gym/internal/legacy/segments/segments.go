// Package segments builds the audience SQL for marketing campaigns from saved rules.
package segments

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/pulsefit/clubs/internal/legacy/common"
	"github.com/pulsefit/clubs/pkg/errs"
)

// Rule is one filter in a saved segment.
type Rule struct {
	Field string   `json:"field"` // club, status, plan, lapsed_days, joined_within_days, no_visit_days
	Op    string   `json:"op"`
	Value []string `json:"value"`
}

type Segment struct {
	ID    string
	Name  string
	Rules []Rule
}

func Load(ctx context.Context, db *sql.DB, id string) (Segment, error) {
	var s Segment
	var raw []byte
	if err := db.QueryRowContext(ctx, `SELECT id, name, rules FROM segments WHERE id = $1`, id).Scan(&s.ID, &s.Name, &raw); err != nil {
		return s, err
	}
	return s, json.Unmarshal(raw, &s.Rules)
}

// SQL turns the rules into a query returning (member_id, email, first_name, phone).
// It reads the members, memberships and check_ins tables directly.
func (s Segment) SQL() (string, []any, error) {
	where := []string{"m.marketing_ok"}
	var args []any
	for _, r := range s.Rules {
		n := len(args) + 1
		switch r.Field {
		case "club":
			where = append(where, "m.home_club_id IN ("+common.Placeholders(n, len(r.Value))+")")
			for _, v := range r.Value {
				args = append(args, v)
			}
		case "status":
			where = append(where, "m.status IN ("+common.Placeholders(n, len(r.Value))+")")
			for _, v := range r.Value {
				args = append(args, v)
			}
		case "plan":
			where = append(where, fmt.Sprintf(`EXISTS (SELECT 1 FROM memberships ms JOIN membership_plans p ON p.id = ms.plan_id
				WHERE ms.member_id = m.id AND ms.status = 'active' AND p.code = $%d)`, n))
			args = append(args, first(r.Value))
		case "lapsed_days":
			where = append(where, fmt.Sprintf(`EXISTS (SELECT 1 FROM memberships ms WHERE ms.member_id = m.id
				AND ms.status = 'cancelled' AND ms.end_date > now() - make_interval(days => $%d::int))`, n))
			args = append(args, first(r.Value))
		case "joined_within_days":
			where = append(where, fmt.Sprintf(`m.joined_at > now() - make_interval(days => $%d::int)`, n))
			args = append(args, first(r.Value))
		case "no_visit_days":
			where = append(where, fmt.Sprintf(`NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.member_id = m.id AND c.allowed
				AND c.at > now() - make_interval(days => $%d::int))`, n))
			args = append(args, first(r.Value))
		default:
			return "", nil, errs.Invalid("unknown segment field %q", r.Field)
		}
	}
	return `SELECT m.id, m.email, m.first_name, m.phone FROM members m WHERE ` + strings.Join(where, " AND "), args, nil
}

func first(v []string) string {
	if len(v) == 0 {
		return ""
	}
	return v[0]
}
