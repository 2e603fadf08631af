package accrochage

import (
	"fmt"
	"time"
	_ "time/tzdata" // Europe/Paris without the system's tzdata
)

var paris = mustParis()

func mustParis() *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(fmt.Sprintf("accrochage: Europe/Paris: %v", err))
	}
	return loc
}

// Horodatage writes t as the schema wants it: Paris time with its offset,
// "2026-01-15T10:30:00+01:00" in winter, "+02:00" in summer, never "Z".
func Horodatage(t time.Time) string {
	return t.In(paris).Format("2006-01-02T15:04:05-07:00")
}

// FlowID is the flow's idFlux: the certifier's id and the flow number.
func FlowID(h Header) string {
	return fmt.Sprintf("CERTIBLOC-%s-%06d", h.ClientID, h.Number)
}

// FileName is the name under which the flow is uploaded to the CDC, the one
// its acknowledgement names in nomFichier.
func FileName(h Header) string {
	return fmt.Sprintf("accrochage_%s_%06d.xml", h.ClientID, h.Number)
}
