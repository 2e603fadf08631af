package national

import (
	"fmt"
	"net/http"

	"certibloc/internal/certif"
)

// seatRows is how many members the composition form offers.
const seatRows = 8

// seatRow is a row of the composition form.
type seatRow struct {
	N int
	certif.NationalSeat
}

// seatRows fills the form's rows with the composition, then empty rows.
func formRows(seats []certif.NationalSeat) []seatRow {
	rows := make([]seatRow, 0, max(seatRows, len(seats)+2))
	for i := range cap(rows) {
		r := seatRow{N: i + 1, NationalSeat: certif.NationalSeat{Side: certif.SideEmployer, Sat: true}}
		if i < len(seats) {
			r.NationalSeat = seats[i]
		}
		rows = append(rows, r)
	}
	return rows
}

func (s *Area) saveComposition(w http.ResponseWriter, r *http.Request) error {
	v, _, err := s.juryView(r)
	if err != nil {
		return err
	}
	var seats []certif.NationalSeat
	president := r.PostFormValue("president")
	for i := 1; i <= seatRows+20; i++ {
		name := r.PostFormValue(fmt.Sprintf("name_%d", i))
		if name == "" {
			continue
		}
		seats = append(seats, certif.NationalSeat{Name: name, Sex: r.PostFormValue(fmt.Sprintf("sex_%d", i)), Side: certif.Side(r.PostFormValue(fmt.Sprintf("side_%d", i))),
			President: president == fmt.Sprint(i), Sat: r.PostFormValue(fmt.Sprintf("sat_%d", i)) == "on"})
	}
	if err := s.Store.SaveNationalComposition(r.Context(), s.Caller(r), v.Jury.Date, seats); err != nil {
		if certif.ErrorCode(err) == certif.EInvalid || certif.ErrorCode(err) == certif.EConflict {
			v.Seats = formRows(seats)
			return s.ShowInvalid(w, r, "jury.html", "Jury national du "+v.Jury.Date.French(), v, err)
		}
		return err
	}
	return s.Redirect(w, r, "/jurys-nationaux/"+v.Jury.Date.String(), "Composition du jury enregistrée : "+certif.Count(len(seats), "membre", "membres")+".")
}
