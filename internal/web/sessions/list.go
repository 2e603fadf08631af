package sessions

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

// The three ways the office reviews a draft plan.
var views = []struct{ Code, Label string }{{"semaine", "Par semaine"}, {"membre", "Par membre"}, {"employeur", "Par employeur"}}

type listView struct {
	From, To         certif.Date
	FromText, ToText string // the filter's dates as typed
	View             string
	Views            []struct{ Code, Label string }
	Status           certif.SessionStatus
	Statuses         []certif.SessionStatus
	Groups           []group
	Total            int
	IsOffice         bool
}

// group is a heading of the list and its sessions.
type group struct {
	Title    string
	Sessions []certif.JurySession
}

func (s *Area) listPage(w http.ResponseWriter, r *http.Request) error {
	var val certif.Validation
	from, to, fromText, toText := s.windowTyped(&val, r)
	q := r.URL.Query()
	v := listView{From: from, To: to, FromText: fromText, ToText: toText, View: q.Get("vue"), Views: views, Statuses: certif.SessionStatuses,
		Status: certif.SessionStatus(q.Get("statut")), IsOffice: kit.Principal(r).Is(certif.RoleOffice)}
	if !slices.ContainsFunc(views, func(x struct{ Code, Label string }) bool { return x.Code == v.View }) {
		v.View = "semaine"
	}
	f := store.SessionFilter{Scope: kit.Scope(r), From: from, To: to}
	if slices.Contains(v.Statuses, v.Status) {
		f.Statuses = []certif.SessionStatus{v.Status}
	} else {
		v.Status = ""
	}
	list, err := s.Store.JurySessions(r.Context(), f)
	if err != nil {
		return err
	}
	v.Total, v.Groups = len(list), groupSessions(list, v.View)
	if err := val.Err(); err != nil {
		return s.ShowInvalid(w, r, "sessions.html", "Séances de jury professionnel", v, err)
	}
	return s.Show(w, r, "sessions.html", "Séances de jury professionnel", v)
}

// groupSessions orders sessions under headings: the week of their day, each
// member who sits, or each employer that hosts them or sends a candidate.
func groupSessions(list []certif.JurySession, view string) []group {
	index := map[string]*group{}
	var order []string
	add := func(key, title string, ss certif.JurySession) {
		g := index[key]
		if g == nil {
			g = &group{Title: title}
			index[key] = g
			order = append(order, key)
		}
		if n := len(g.Sessions); n == 0 || g.Sessions[n-1].ID != ss.ID {
			g.Sessions = append(g.Sessions, ss)
		}
	}
	for _, ss := range list {
		switch view {
		case "membre":
			for _, m := range ss.Members {
				add(m.Name+fmt.Sprint(m.MemberID), m.Name, ss)
			}
		case "employeur":
			if ss.EmployerCode != "" {
				add(ss.EmployerCode, ss.EmployerCode, ss)
			}
			for _, sl := range ss.Slots {
				add(sl.EmployerCode, sl.EmployerCode, ss)
			}
		default:
			monday := ss.HalfDay.Day.AddDays(-((int(ss.HalfDay.Day.Weekday()) + 6) % 7))
			add(monday.String(), "Semaine du lundi "+monday.French(), ss)
		}
	}
	if view != "semaine" && view != "" {
		slices.SortFunc(order, func(a, b string) int { return cmp.Compare(index[a].Title, index[b].Title) })
	}
	out := make([]group, len(order))
	for i, k := range order {
		out[i] = *index[k]
	}
	return out
}
