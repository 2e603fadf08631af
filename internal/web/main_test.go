package web_test

import (
	"os"
	"testing"

	"certibloc/internal/auth"
	"certibloc/internal/browsertest"
)

// browsers is the one Chromium of this package's browser tests.
var browsers browsertest.Shared

func TestMain(m *testing.M) {
	auth.UseCheapHashesInTests()
	code := m.Run()
	browsers.Close()
	sqliteTemplate.remove()
	os.Exit(code)
}
