package analyze

import (
	"go/ast"
	"strings"

	"github.com/jinzhu/inflection"
)

// ormNaming is how the module configures its ORMs' table names.
type ormNaming struct {
	gormSingular bool   // schema.NamingStrategy{SingularTable: true}
	gormPrefix   string // schema.NamingStrategy{TablePrefix: "..."}
	xormMapper   string // the mapper type given to SetMapper / SetTableMapper
	xormPrefix   string // names.NewPrefixMapper(m, "...")
}

// detectNaming reads the naming configuration the code sets: GORM's
// NamingStrategy literal and xorm's SetMapper/SetTableMapper calls. The
// first one in file order wins; a module rarely configures two.
func (c *accessCollector) detectNaming() ormNaming {
	var n ormNaming
	seenGORM, seenXORM := false, false
	for _, s := range c.sites {
		fn := s.callee
		if libraryOf(fn) == "xorm" && (fn.Name() == "SetMapper" || fn.Name() == "SetTableMapper") && len(s.call.Args) == 1 && !seenXORM {
			seenXORM = true
			arg := ast.Unparen(s.call.Args[0])
			if call, ok := arg.(*ast.CallExpr); ok {
				if f := calleeFunc(s.fn.info, call); f != nil && strings.HasSuffix(f.Name(), "PrefixMapper") && len(call.Args) == 2 {
					if v, ok := c.constString(s.fn, call.Args[1]); ok {
						n.xormPrefix = v
					}
					arg = ast.Unparen(call.Args[0])
				}
			}
			if t := namedOf(c.typeOf(s.fn, arg)); t != nil {
				n.xormMapper = t.Obj().Name()
			}
		}
	}
	for _, u := range c.b.units {
		for _, f := range u.files {
			if f.syntax == nil || f.info == nil || seenGORM {
				continue
			}
			ast.Inspect(f.syntax, func(x ast.Node) bool {
				cl, ok := x.(*ast.CompositeLit)
				if !ok || seenGORM {
					return !seenGORM
				}
				t := namedOf(f.info.TypeOf(cl))
				if t == nil || t.Obj().Pkg() == nil || t.Obj().Name() != "NamingStrategy" ||
					(t.Obj().Pkg().Path() != "gorm.io/gorm/schema" && t.Obj().Pkg().Path() != "github.com/jinzhu/gorm") {
					return true
				}
				seenGORM = true
				for _, e := range cl.Elts {
					kv, ok := e.(*ast.KeyValueExpr)
					if !ok {
						continue
					}
					key, _ := kv.Key.(*ast.Ident)
					tv := f.info.Types[kv.Value]
					if key == nil || tv.Value == nil {
						continue
					}
					switch key.Name {
					case "SingularTable":
						n.gormSingular = tv.Value.ExactString() == "true"
					case "TablePrefix":
						n.gormPrefix = strings.Trim(tv.Value.ExactString(), `"`)
					}
				}
				return false
			})
		}
	}
	return n
}

// plural is the English plural ORMs use for table names (GORM and bun use
// jinzhu/inflection).
func plural(s string) string { return inflection.Plural(s) }

// commonInitialisms are the words GORM (and xorm's GonicMapper) keep
// together when snake-casing: "UserID" is user_id, not user_i_d.
var commonInitialisms = []string{"API", "ASCII", "CPU", "CSS", "DNS", "EOF", "GUID", "HTML", "HTTP", "HTTPS", "ID",
	"IP", "JSON", "LHS", "QPS", "RAM", "RHS", "RPC", "SLA", "SMTP", "SSH", "TLS", "TTL", "UID", "UI", "UUID", "URI",
	"URL", "UTF8", "VM", "XML", "XSRF", "XSS"}

var initialismReplacer = func() *strings.Replacer {
	var pairs []string
	for _, w := range commonInitialisms {
		pairs = append(pairs, w, w[:1]+strings.ToLower(w[1:]))
	}
	return strings.NewReplacer(pairs...)
}()

// gormSnake converts a Go name to a column or table name the way GORM's
// NamingStrategy does (schema/naming.go, toDBName): initialisms are
// title-cased first, then each upper-case letter that starts a word gets an
// underscore before it.
func gormSnake(name string) string {
	if name == "" {
		return ""
	}
	value := initialismReplacer.Replace(name)
	isUpper := func(b byte) bool { return b >= 'A' && b <= 'Z' }
	var buf strings.Builder
	var lastCase, nextCase, nextNumber bool
	curCase := isUpper(value[0])
	for i := 0; i < len(value)-1; i++ {
		v := value[i]
		nextCase = isUpper(value[i+1])
		nextNumber = value[i+1] >= '0' && value[i+1] <= '9'
		if curCase {
			if lastCase && (nextCase || nextNumber) {
				buf.WriteByte(v + 32)
			} else {
				if i > 0 && value[i-1] != '_' && value[i+1] != '_' {
					buf.WriteByte('_')
				}
				buf.WriteByte(v + 32)
			}
		} else {
			buf.WriteByte(v)
		}
		lastCase = curCase
		curCase = nextCase
	}
	last := value[len(value)-1]
	if curCase {
		if !lastCase && len(value) > 1 {
			buf.WriteByte('_')
		}
		buf.WriteByte(last + 32)
	} else {
		buf.WriteByte(last)
	}
	return buf.String()
}

// xormSnake is xorm's SnakeMapper: an underscore before every upper-case
// letter but the first ("UserID" is user_i_d).
func xormSnake(name string) string {
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= 'A' && c <= 'Z' {
			if i > 0 {
				b.WriteByte('_')
			}
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// bunUnderscore is bun's internal.Underscore: an underscore where a word
// starts, keeping runs of capitals (acronyms) together.
func bunUnderscore(s string) string {
	isUpper := func(c byte) bool { return c >= 'A' && c <= 'Z' }
	isLower := func(c byte) bool { return c >= 'a' && c <= 'z' }
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isUpper(c) {
			if i > 0 && i+1 < len(s) && (isLower(s[i-1]) || isLower(s[i+1])) {
				b.WriteByte('_')
			}
			c += 32
		}
		b.WriteByte(c)
	}
	return b.String()
}
