// Command decompose proposes where to cut a Go monolith into services; see
// doc.go (also printed by "decompose --help").
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
