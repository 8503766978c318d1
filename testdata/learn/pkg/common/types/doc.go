// Package types holds the "shared models" that were pulled out of the original
// Rails-to-Go rewrite in 2019. Everything that more than one team needed ended
// up here. New code should prefer context-local domain types; see ADR-0012.
package types
