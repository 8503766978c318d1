package fsutil

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	name := filepath.Join(dir, "decompose.yaml")

	if err := WriteFile(name, []byte("one\n"), 0o644, false); err != nil {
		t.Fatal(err)
	}
	err := WriteFile(name, []byte("two\n"), 0o644, false)
	if !errors.Is(err, ErrExists) {
		t.Fatalf("second write without overwrite: got %v, want ErrExists", err)
	}
	if got := read(t, name); got != "one\n" {
		t.Fatalf("refused write changed the file: %q", got)
	}

	if err := os.Chmod(name, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(name, []byte("three\n"), 0o644, true); err != nil {
		t.Fatal(err)
	}
	if got := read(t, name); got != "three\n" {
		t.Fatalf("overwrite: got %q", got)
	}
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("overwrite changed the mode to %v, want 0600 kept", fi.Mode().Perm())
	}

	// No temporary files are left behind, after success or refusal.
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %v, want only decompose.yaml", names)
	}
}

func TestWriteFileMissingDir(t *testing.T) {
	t.Parallel()
	name := filepath.Join(t.TempDir(), "no", "such", "dir", "f")
	if err := WriteFile(name, []byte("x"), 0o644, false); err == nil {
		t.Fatal("writing into a missing directory succeeded")
	}
}

func TestWriteFileDirectory(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := WriteFile(dir, []byte("x"), 0o644, true); err == nil {
		t.Fatal("overwriting a directory succeeded")
	}
}

func read(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
