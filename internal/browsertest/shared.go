package browsertest

import (
	"sync"
	"testing"
)

// Shared is one browser for all the tests of a package: the first test that
// asks starts it, each test opens its own tabs (each in a browser context of
// its own: cookies and storage apart), and the package's TestMain closes it.
// Starting Chromium once instead of once per test saves seconds per test, and
// tests may run their tabs in parallel.
type Shared struct {
	once    sync.Once
	browser *Browser
	stop    func()
	err     error
}

// Get returns the shared browser, starting it at the first call. Like Start,
// it skips the test (or fails it in CI) when Chromium or axe-core is missing.
func (s *Shared) Get(t testing.TB) *Browser {
	t.Helper()
	exe, axe := requirements(t)
	s.once.Do(func() { s.browser, s.stop, s.err = launch(exe, axe) })
	if s.err != nil {
		t.Fatalf("%v", s.err)
	}
	return s.browser
}

// Close closes the browser, if it was started.
func (s *Shared) Close() {
	if s.stop != nil {
		s.stop()
	}
}
