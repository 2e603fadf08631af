package calendar

import (
	"testing"

	"certibloc/internal/certif"
)

// BenchmarkDecidingJury measures the R9 lookup done for every professional jury
// (2,500 a year) when national juries prepare their lists.
func BenchmarkDecidingJury(b *testing.B) {
	c := newCal2026(DefaultWorkedHolidays...)
	day := certif.MustDate("2026-11-03")
	for b.Loop() {
		if _, ok := c.DecidingJury(day); !ok {
			b.Fatal("aucun jury")
		}
	}
}

// BenchmarkCertificationPeriodAndDeadline measures the R5/R6 questions asked for
// every registration.
func BenchmarkCertificationPeriodAndDeadline(b *testing.B) {
	c := newCal2026()
	day := certif.MustDate("2026-08-10")
	for b.Loop() {
		p := c.CertificationPeriod(day)
		_ = certif.RegistrationDeadline(p)
		_, _ = c.CampaignFor(p)
	}
}
