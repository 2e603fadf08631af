package demo_test

import (
	"testing"

	"certibloc/internal/auth"
)

func TestMain(m *testing.M) {
	auth.UseCheapHashesInTests() // every load hashes the demo password, every test logs in
	m.Run()
}
