// Package blob keeps uploaded files (evidence files of professional juries)
// outside the database and outside anything the web server serves: one small
// interface, and a local directory by default.
package blob

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
)

// Store keeps blobs by key.
type Store interface {
	Put(ctx context.Context, key string, r io.Reader) error
	Open(ctx context.Context, key string) (io.ReadCloser, error)
	Delete(ctx context.Context, key string) error
}

// NewKey is a fresh random key.
func NewKey() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

var validKey = regexp.MustCompile(`^[a-z0-9]{8,64}$`)

// ErrNotFound is the error of a key that holds nothing.
var ErrNotFound = errors.New("blob introuvable")

// Dir stores blobs as files of a local directory, two levels deep by the
// key's first characters. Keys are checked: never a path of the caller's.
type Dir struct{ root string }

// NewDir returns the store of a directory, creating it (owner only).
func NewDir(root string) (*Dir, error) {
	if err := os.MkdirAll(root, 0o700); err != nil {
		return nil, fmt.Errorf("répertoire des pièces %s : %w", root, err)
	}
	return &Dir{root: root}, nil
}

func (d *Dir) path(key string) (string, error) {
	if !validKey.MatchString(key) {
		return "", fmt.Errorf("clé de blob invalide : %q", key)
	}
	return filepath.Join(d.root, key[:2], key), nil
}

// Put writes a blob whole, or not at all: to a temporary file renamed at the end.
func (d *Dir) Put(_ context.Context, key string, r io.Reader) error {
	p, err := d.path(key)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = io.Copy(f, r)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// Open reads a blob; ErrNotFound when the key holds nothing.
func (d *Dir) Open(_ context.Context, key string) (io.ReadCloser, error) {
	p, err := d.path(key)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if errors.Is(err, os.ErrNotExist) {
		return nil, ErrNotFound
	}
	return f, err
}

// Delete removes a blob; deleting a missing one is not an error.
func (d *Dir) Delete(_ context.Context, key string) error {
	p, err := d.path(key)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}
