package accrochage

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// Problems lists what keeps r out of a flow, in French, as Build would refuse
// it (nil when it can be sent); the idTechnique's uniqueness is a flow's
// matter and is not checked here.
func (r Record) Problems() []string {
	_, problems := norm(r).problems()
	return problems
}

// Fingerprint sums up what the CDC matches a record on: the holder's
// identity, the RNCP registration in force and the day obtained, normalised
// as Build writes them. A record rejected then corrected has another
// fingerprint than the one sent: that is how the store knows it may be sent
// again.
func (r Record) Fingerprint() string {
	r = norm(r)
	reg, _ := InForce(r.Registrations, r.Obtained)
	h := r.Holder
	parts := []string{reg.Code, r.Obtained.String(), r.Access, h.BirthName, h.UsageName, strings.Join(h.FirstNames, ","), h.Sex,
		h.BirthDate.String(), h.BirthInsee, h.BirthCommune, h.BirthCountry, h.CountryName}
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x1f")))
	return hex.EncodeToString(sum[:12])
}
