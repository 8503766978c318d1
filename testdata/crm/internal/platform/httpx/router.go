package httpx

import (
	"net/http"

	"pipelinelabs.io/crm/internal/platform/tenancy"
)

// Registrar is what API packages register their routes on.
type Registrar interface {
	// Public registers a route that needs no authentication.
	Public(pattern string, fn HandlerFunc)
	// Private registers a route that requires a principal.
	Private(pattern string, fn HandlerFunc)
}

// Routes is implemented by every API area.
type Routes interface {
	Register(r Registrar)
}

// Router is a ServeMux with a public and an authenticated half.
type Router struct {
	mux  *http.ServeMux
	auth Middleware
}

// NewRouter builds a router using auth for private routes.
func NewRouter(auth tenancy.Authenticator) *Router {
	return &Router{mux: http.NewServeMux(), auth: Authenticate(auth)}
}

func (rt *Router) Public(pattern string, fn HandlerFunc) {
	rt.mux.Handle(pattern, Handle(fn))
}

func (rt *Router) Private(pattern string, fn HandlerFunc) {
	rt.mux.Handle(pattern, rt.auth(Handle(fn)))
}

// Mount registers every Routes.
func (rt *Router) Mount(rs ...Routes) {
	for _, r := range rs {
		r.Register(rt)
	}
}

func (rt *Router) ServeHTTP(w http.ResponseWriter, r *http.Request) { rt.mux.ServeHTTP(w, r) }
