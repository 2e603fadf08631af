package referential

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"certibloc/internal/accrochage"
	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

// rncpRow is a row of the RNCP registrations form, as entered.
type rncpRow struct {
	N                   int
	Number, From, Until string
}

// rncpForm is the page where the office edits a qualification's RNCP
// registrations: those known, plus an empty row to enter a renewal.
type rncpForm struct {
	Q       certif.Qualification
	Version string // the registrations read, to refuse a stale edit
	Rows    []rncpRow
}

func rowsOf(regs []accrochage.Registration) []rncpRow {
	rows := make([]rncpRow, 0, len(regs)+1)
	for i, r := range regs {
		rows = append(rows, rncpRow{N: i + 1, Number: r.Code, From: isoDate(r.From), Until: isoDate(r.Until)})
	}
	return append(rows, rncpRow{N: len(regs) + 1})
}

func isoDate(d certif.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func (s *Area) rncpFormPage(w http.ResponseWriter, r *http.Request) error {
	q, err := s.Store.Qualification(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	all, err := s.Store.RNCPRegistrations(r.Context())
	if err != nil {
		return err
	}
	regs := all[q.Code]
	return s.Show(w, r, "rncp_form.html", rncpTitle(q), rncpForm{Q: q, Version: store.RNCPVersion(regs), Rows: rowsOf(regs)})
}

// rncpTitle is the title of a qualification's RNCP form, as its heading:
// "Enregistrements RNCP d'IR – Inspecteur du recouvrement".
func rncpTitle(q certif.Qualification) string {
	return "Enregistrements RNCP " + certif.De(q.Code) + " – " + q.Title
}

var rncpNumber = regexp.MustCompile(`^RNCP[0-9]{4,6}$`)

// saveRNCP replaces the registrations by the rows entered; an empty row is
// dropped, each field is checked with a message naming it.
func (s *Area) saveRNCP(w http.ResponseWriter, r *http.Request) error {
	q, err := s.Store.Qualification(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	f := rncpForm{Q: q, Version: r.PostFormValue("version")}
	var v certif.Validation
	var regs []accrochage.Registration
	n, _ := strconv.Atoi(r.PostFormValue("rows"))
	for i := 1; i <= n && i <= 20; i++ {
		p := fmt.Sprintf("rncp.%d.", i)
		row := rncpRow{N: i, Number: strings.ToUpper(strings.Join(strings.Fields(r.PostFormValue(p+"number")), "")),
			From: strings.TrimSpace(r.PostFormValue(p + "from")), Until: strings.TrimSpace(r.PostFormValue(p + "until"))}
		f.Rows = append(f.Rows, row)
		if row.Number == "" && row.From == "" && row.Until == "" {
			continue
		}
		label := fmt.Sprintf("Enregistrement %d", i)
		switch {
		case row.Number == "":
			v.Add(p+"number", label+", numéro : obligatoire (ex. : RNCP35729).")
		case !rncpNumber.MatchString(row.Number):
			v.Add(p+"number", label+", numéro : « "+row.Number+" » invalide, RNCP suivi de 4 à 6 chiffres attendu (ex. : RNCP35729).")
		}
		reg := accrochage.Registration{Code: row.Number,
			From:  kit.DateField(&v, r, p+"from", label+", en vigueur à partir du", false),
			Until: kit.DateField(&v, r, p+"until", label+", en vigueur jusqu'au", false)}
		regs = append(regs, reg)
	}
	if err := v.Err(); err != nil {
		return s.ShowInvalid(w, r, "rncp_form.html", rncpTitle(q), f, err)
	}
	if err := s.Store.ReviseRNCPRegistrations(r.Context(), s.Caller(r), q.Code, f.Version, regs); err != nil {
		return s.ShowInvalid(w, r, "rncp_form.html", rncpTitle(q), f, err)
	}
	return s.Redirect(w, r, "/referentiel/"+q.Code, "Enregistrements RNCP "+certif.De(q.Code)+" enregistrés.")
}
