package calendar

import (
	"certibloc/internal/certif"
)

// IncludedWorkingDays is the number of working days before a national jury whose
// professional juries it still takes (R9: "jusqu'à 3 jours ouvrés précédant").
const IncludedWorkingDays = 3

// ComputedCutoff is the R9 cutoff of a national jury held on day d: the working
// day before the IncludedWorkingDays working days that precede d. A national
// jury decides the professional juries held on or before its cutoff.
func (c *Calendar) ComputedCutoff(d certif.Date) certif.Date {
	cutoff := d
	for range IncludedWorkingDays + 1 {
		cutoff = c.PreviousWorkingDay(cutoff)
	}
	return cutoff
}

// Cutoff is the cutoff of a national jury: the office's override when there is
// one (with its reason), otherwise the R9 computation.
func (c *Calendar) Cutoff(j NationalJury) certif.Date {
	if !j.CutoffOverride.IsZero() {
		return j.CutoffOverride
	}
	return c.ComputedCutoff(j.Date)
}

// JuryWithCutoff is a national jury with its cutoff resolved.
type JuryWithCutoff struct {
	NationalJury
	Cutoff         certif.Date // in force: the override, or the R9 computation
	ComputedCutoff certif.Date // the R9 computation
}

// Overridden reports whether the office fixed the cutoff by hand.
func (j JuryWithCutoff) Overridden() bool { return !j.CutoffOverride.IsZero() }

// WithCutoff resolves the cutoff of a national jury.
func (c *Calendar) WithCutoff(j NationalJury) JuryWithCutoff {
	return JuryWithCutoff{NationalJury: j, Cutoff: c.Cutoff(j), ComputedCutoff: c.ComputedCutoff(j.Date)}
}

// JuriesWithCutoffs lists the national juries of a year (all years when year is
// 0) with their cutoffs.
func (c *Calendar) JuriesWithCutoffs(year int) []JuryWithCutoff {
	js := c.Juries(year)
	out := make([]JuryWithCutoff, len(js))
	for i, j := range js {
		out[i] = c.WithCutoff(j)
	}
	return out
}

// DecidingJury returns the national jury that decides a professional jury held on
// day d (R9): the first national jury whose cutoff is on or after d.
func (c *Calendar) DecidingJury(d certif.Date) (NationalJury, bool) {
	for _, j := range c.juries {
		if !c.Cutoff(j).Before(d) {
			return j, true
		}
	}
	return NationalJury{}, false
}

// CertificationPeriod is the month in which a block certifiable from day d is
// evaluated: the month of d, or the next month that holds exams when that month
// has none (August).
func (c *Calendar) CertificationPeriod(certifiableFrom certif.Date) certif.Month {
	m := certifiableFrom.MonthOf()
	for range 24 {
		if c.IsExamMonth(m) {
			return m
		}
		m = m.Add(1)
	}
	return certifiableFrom.MonthOf()
}

// EarliestPeriod is the first certification period for which a registration made
// on day today is still on time (R6).
func (c *Calendar) EarliestPeriod(today certif.Date) certif.Month {
	m := today.MonthOf()
	for range 36 {
		if c.IsExamMonth(m) && certif.RegistrationOnTime(m, today) {
			return m
		}
		m = m.Add(1)
	}
	return m
}

// CampaignFor returns the collection campaign covering exam month m (R5).
func (c *Calendar) CampaignFor(m certif.Month) (CollectionCampaign, bool) {
	for _, cp := range c.campaigns {
		if cp.Covers(m) {
			return cp, true
		}
	}
	return CollectionCampaign{}, false
}
