// Package fsutil writes files the way a tool that edits a user's
// repository must: atomically (a reader sees the old file or the new one,
// never half of either) and without overwriting anything unless asked.
package fsutil

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrExists is returned (wrapped) by WriteFile when the file exists and
// overwriting was not allowed.
var ErrExists = fs.ErrExist

// WriteFile writes data to name atomically: it writes a temporary file in
// the same directory, syncs it, and renames it into place. Unless
// overwrite is true, an existing file is left alone and the error wraps
// ErrExists; the check and the move are one step (a hard link), so a file
// created meanwhile is not clobbered either. When an existing file is
// replaced, its permission bits are kept; a new file gets perm.
func WriteFile(name string, data []byte, perm fs.FileMode, overwrite bool) (err error) {
	if fi, err := os.Stat(name); err == nil {
		if !overwrite {
			return fmt.Errorf("%s: %w", name, ErrExists)
		}
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("%s: not a regular file", name)
		}
		perm = fi.Mode().Perm()
	}
	dir := filepath.Dir(name)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(name)+".tmp*")
	if err != nil {
		return err
	}
	tmpName := tmp.Name()
	defer func() {
		if err != nil {
			os.Remove(tmpName)
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if overwrite {
		return os.Rename(tmpName, name)
	}
	// Link fails if name exists, unlike rename: no window in which a file
	// created by someone else could be replaced.
	if err := os.Link(tmpName, name); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %w", name, ErrExists)
		}
		// Some file systems have no hard links; fall back to a rename
		// after a last check.
		if _, serr := os.Lstat(name); serr == nil {
			return fmt.Errorf("%s: %w", name, ErrExists)
		}
		return os.Rename(tmpName, name)
	}
	return os.Remove(tmpName)
}
