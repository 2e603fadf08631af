package certif

import (
	"fmt"
	"strings"
)

// AdjustmentGrant is what the certifier granted a registration (R15, article
// 25 of the training regulation of the Régime général), after the employer's
// request: the planner gives the extra time, the jury respects the rest. It
// says what to do, never why: jury members read it, not the condition.
type AdjustmentGrant struct {
	RegistrationID int64
	ExtraMinutes   int
	AccessibleRoom bool
	Secretary      bool
	AdaptedTest    bool
	Instructions   string // for the jury, in plain words; never the condition
	DecidedBy      string
	DecidedOn      Date
	Version        int
}

// MaxExtraMinutes bounds the extra time of one test: a half-day.
const MaxExtraMinutes = 180

// Validate checks a grant, naming every field in error at once.
func (g AdjustmentGrant) Validate() error {
	var v Validation
	if g.ExtraMinutes < 0 || g.ExtraMinutes > MaxExtraMinutes {
		v.Add("extra_minutes", fmt.Sprintf("Temps supplémentaire : de 0 à %d minutes.", MaxExtraMinutes))
	}
	if len([]rune(g.Instructions)) > 1000 {
		v.Add("instructions", "Les consignes au jury comptent 1 000 caractères au plus.")
	}
	return v.Err()
}

// Empty reports whether the grant grants nothing.
func (g AdjustmentGrant) Empty() bool {
	return g.ExtraMinutes == 0 && !g.AccessibleRoom && !g.Secretary && !g.AdaptedTest && strings.TrimSpace(g.Instructions) == ""
}

// Summary is the grant as a jury member reads it: "30 minutes de temps
// supplémentaire, salle accessible". Empty when nothing is granted.
func (g AdjustmentGrant) Summary() string {
	var parts []string
	if g.ExtraMinutes > 0 {
		parts = append(parts, Count(g.ExtraMinutes, "minute", "minutes")+" de temps supplémentaire")
	}
	if g.AccessibleRoom {
		parts = append(parts, "salle accessible")
	}
	if g.Secretary {
		parts = append(parts, "assistance d'un secrétaire")
	}
	if g.AdaptedTest {
		parts = append(parts, "épreuve adaptée")
	}
	if s := strings.TrimSpace(g.Instructions); s != "" {
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}
