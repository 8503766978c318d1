// Package orgchart builds reporting lines and department trees.
package orgchart

import (
	"context"
	"sort"

	"github.com/ledgerly/people/pkg/errs"
	"github.com/ledgerly/people/pkg/models"
	"github.com/ledgerly/people/services/people/store"
)

// Node is a person in the reporting tree.
type Node struct {
	Employee models.Employee `json:"employee"`
	Reports  []*Node         `json:"reports,omitempty"`
}

// Chart is an in-memory snapshot of a tenant's org.
type Chart struct {
	byID        map[string]*Node
	roots       []*Node
	departments map[string]models.Department
}

// Service loads charts from the people store.
type Service struct {
	store *store.Store
}

// New builds a Service.
func New(s *store.Store) *Service { return &Service{store: s} }

// Load builds the chart of active employees.
func (s *Service) Load(ctx context.Context, tenantID string) (*Chart, error) {
	emps, err := s.store.ListEmployees(ctx, tenantID, store.Filter{})
	if err != nil {
		return nil, err
	}
	depts, err := s.store.ListDepartments(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	return Build(emps, depts), nil
}

// Build assembles a chart from raw rows.
func Build(emps []models.Employee, depts []models.Department) *Chart {
	c := &Chart{byID: map[string]*Node{}, departments: map[string]models.Department{}}
	for _, d := range depts {
		c.departments[d.ID] = d
	}
	for _, e := range emps {
		if e.Status == models.StatusTerminated {
			continue
		}
		c.byID[e.ID] = &Node{Employee: e}
	}
	for _, n := range c.byID {
		if m, ok := c.byID[n.Employee.ManagerID]; ok && n.Employee.ManagerID != n.Employee.ID {
			m.Reports = append(m.Reports, n)
		} else {
			c.roots = append(c.roots, n)
		}
	}
	for _, n := range c.byID {
		sort.Slice(n.Reports, func(i, j int) bool { return n.Reports[i].Employee.LastName < n.Reports[j].Employee.LastName })
	}
	sort.Slice(c.roots, func(i, j int) bool { return c.roots[i].Employee.LastName < c.roots[j].Employee.LastName })
	return c
}

// ManagerChain returns the managers of id, nearest first.
func (c *Chart) ManagerChain(id string) ([]models.Employee, error) {
	n, ok := c.byID[id]
	if !ok {
		return nil, errs.E(errs.NotFound, "employee %s not in org chart", id)
	}
	var chain []models.Employee
	seen := map[string]bool{id: true}
	for mid := n.Employee.ManagerID; mid != ""; {
		if seen[mid] {
			return nil, errs.E(errs.FailedPrecondition, "reporting cycle at %s", mid)
		}
		seen[mid] = true
		m, ok := c.byID[mid]
		if !ok {
			break
		}
		chain = append(chain, m.Employee)
		mid = m.Employee.ManagerID
	}
	return chain, nil
}

// DirectManager returns the manager of id, if any.
func (c *Chart) DirectManager(id string) (models.Employee, bool) {
	n, ok := c.byID[id]
	if !ok {
		return models.Employee{}, false
	}
	m, ok := c.byID[n.Employee.ManagerID]
	if !ok {
		return models.Employee{}, false
	}
	return m.Employee, true
}

// IsManagerOf reports whether managerID is anywhere above employeeID.
func (c *Chart) IsManagerOf(managerID, employeeID string) bool {
	chain, err := c.ManagerChain(employeeID)
	if err != nil {
		return false
	}
	for _, m := range chain {
		if m.ID == managerID {
			return true
		}
	}
	return false
}

// SpanOfControl counts everyone under id, directly or indirectly.
func (c *Chart) SpanOfControl(id string) int {
	n, ok := c.byID[id]
	if !ok {
		return 0
	}
	total := 0
	var walk func(*Node)
	walk = func(n *Node) {
		for _, r := range n.Reports {
			total++
			walk(r)
		}
	}
	walk(n)
	return total
}

// DepartmentPath returns department names from the root down to deptID.
func (c *Chart) DepartmentPath(deptID string) []string {
	var path []string
	seen := map[string]bool{}
	for id := deptID; id != "" && !seen[id]; {
		seen[id] = true
		d, ok := c.departments[id]
		if !ok {
			break
		}
		path = append([]string{d.Name}, path...)
		id = d.ParentID
	}
	return path
}
