package certif

import "testing"

func TestR6_RegistrationDeadline(t *testing.T) {
	cases := map[string]string{
		"2026-09": "2026-06-01",
		"2026-01": "2025-10-01",
		"2026-03": "2025-12-01",
		"2026-05": "2026-02-01",
	}
	for period, want := range cases {
		if got := RegistrationDeadline(MustMonth(period)); got.String() != want {
			t.Errorf("période %s : inscription au plus tard le %s, attendu %s", period, got, want)
		}
	}
	p := MustMonth("2026-09")
	for today, onTime := range map[string]bool{"2026-06-01": true, "2026-06-02": false, "2025-01-15": true} {
		if got := RegistrationOnTime(p, MustDate(today)); got != onTime {
			t.Errorf("inscription le %s pour septembre 2026 : à temps = %v, attendu %v", today, got, onTime)
		}
	}
}
