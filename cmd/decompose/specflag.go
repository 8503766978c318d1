package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/decompose-dev/decompose/internal/boundary"
)

// readSpecFlag reads the spec a flag names (relative to -C), before
// anything is loaded so that a broken one is reported at once; nil when
// the flag is empty.
func readSpecFlag(global, flag, file string) (*boundary.Spec, error) {
	if file == "" {
		return nil, nil
	}
	dir, err := filepath.Abs(orDot(global))
	if err != nil {
		return nil, err
	}
	path := joinDir(dir, file)
	spec, err := boundary.ReadSpec(path, displayPath(path))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s %s: no such file", flag, file)
	}
	if err != nil {
		return nil, specError(err)
	}
	return spec, nil
}
