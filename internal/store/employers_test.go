package store_test

import (
	"strconv"
	"strings"
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// TestEmployers runs the employers' store tests on each database: update and
// audit, HR contacts, sites with opening hours (R18) scoped to their employer.
func TestEmployers(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		seeded(t, st)
		for _, e := range []certif.Employer{
			{Code: "CAF69", Name: "CAF du Rhône", Type: "CAF", Branch: "famille", Region: "Auvergne-Rhône-Alpes", HREmails: []string{"rh@caf69.test"}},
			{Code: "CPAM33", Name: "CPAM de la Gironde", Type: "CPAM", Branch: "maladie", Region: "Nouvelle-Aquitaine"},
		} {
			if _, err := st.CreateEmployer(ctx, store.Platform(), e); err != nil {
				t.Fatal(err)
			}
		}
		for _, tc := range []struct {
			name string
			fn   func(t *testing.T, st *store.Store)
		}{
			{"UpdateIsAudited", testEmployerUpdate},
			{"UpdateValidation", testEmployerUpdateValidation},
			{"Contacts", testEmployerContacts},
			{"SitesR18", testEmployerSites},
			{"SitesScopedToTheirEmployer", testEmployerSitesScoped},
			{"SiteValidation", testEmployerSiteValidation},
			{"ListFiltersAndCounts", testEmployerList},
		} {
			t.Run(tc.name, func(t *testing.T) { tc.fn(t, st) })
		}
	})
}

func auditFields(t *testing.T, st *store.Store, key string) map[string]certif.AuditEvent {
	t.Helper()
	events, err := st.AuditEvents(ctx, store.SystemViewer("test"), store.AuditFilter{Entity: "employer", EntityKey: key})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]certif.AuditEvent{}
	for i := len(events) - 1; i >= 0; i-- { // oldest first: the newest event of a field wins
		out[events[i].Action+" "+events[i].Field] = events[i]
	}
	return out
}

func testEmployerUpdate(t *testing.T, st *store.Store) {
	office := store.Caller{Actor: store.Actor{Email: "office@test.fr"}, Role: certif.RoleOffice, Scope: store.All}
	got, err := st.UpdateEmployer(ctx, office, "caf69", certif.Employer{Code: "AUTRE", Name: "  Caisse d'allocations familiales du Rhône ", Type: "caf",
		Branch: "famille", Region: "Auvergne-Rhône-Alpes", HREmails: []string{"RH@caf69.test", "formation@caf69.test", "rh@caf69.test", ""}})
	if err != nil {
		t.Fatal(err)
	}
	if got.Code != "CAF69" || got.Name != "Caisse d'allocations familiales du Rhône" || got.Type != "CAF" {
		t.Errorf("employeur modifié : %+v", got)
	}
	e, err := st.EmployerByCode(ctx, "CAF69")
	if err != nil {
		t.Fatal(err)
	}
	if e.Name != "Caisse d'allocations familiales du Rhône" || strings.Join(e.HREmails, ",") != "rh@caf69.test,formation@caf69.test" {
		t.Errorf("relu : %+v", e)
	}
	if _, err := st.EmployerByCode(ctx, "AUTRE"); certif.ErrorCode(err) != certif.ENotFound {
		t.Errorf("le code d'un employeur ne change pas : %v", err)
	}
	f := auditFields(t, st, "CAF69")
	if ev := f["update name"]; ev.Before != "CAF du Rhône" || ev.After != "Caisse d'allocations familiales du Rhône" || ev.UserEmail != "office@test.fr" {
		t.Errorf("changement de nom non tracé : %+v", ev)
	}
	if ev := f["update hr_emails"]; ev.Before != "rh@caf69.test" || ev.After != "rh@caf69.test, formation@caf69.test" {
		t.Errorf("changement des contacts non tracé : %+v", ev)
	}
	if _, ok := f["update region"]; ok {
		t.Error("un champ inchangé ne doit pas être tracé")
	}
	if _, err := st.UpdateEmployer(ctx, office, "NOPE", e); certif.ErrorCode(err) != certif.ENotFound {
		t.Errorf("employeur inconnu : %v", err)
	}
}

func testEmployerUpdateValidation(t *testing.T, st *store.Store) {
	_, err := st.UpdateEmployer(ctx, store.Platform(), "CAF69", certif.Employer{Name: " ", Branch: "lune", HREmails: []string{"pas une adresse"}})
	fields := certif.ErrorFields(err)
	if certif.ErrorCode(err) != certif.EInvalid {
		t.Fatalf("code %v", err)
	}
	for f, want := range map[string]string{
		"name":      "Le nom de l'employeur est obligatoire.",
		"type":      "Le type d'organisme est obligatoire",
		"branch":    "Choisissez la branche",
		"hr_emails": "Adresse RH invalide : pas une adresse.",
	} {
		if !strings.Contains(fields[f], want) {
			t.Errorf("champ %s : %q, attendu %q", f, fields[f], want)
		}
	}
	if _, ok := fields["code"]; ok {
		t.Errorf("le code, immuable, ne doit pas être signalé : %v", fields)
	}
	if e, _ := st.EmployerByCode(ctx, "CAF69"); e.Branch != "famille" {
		t.Errorf("une modification refusée ne doit rien changer : %+v", e)
	}
	many := make([]string, store.MaxHREmails+1)
	for i := range many {
		many[i] = "rh" + strings.Repeat("x", i+1) + "@caf69.test"
	}
	_, err = st.CreateEmployer(ctx, store.Platform(), certif.Employer{Code: "CAF01", Name: "CAF de l'Ain", Type: "CAF", Branch: "famille", HREmails: many})
	if !strings.Contains(certif.ErrorFields(err)["hr_emails"], "au plus") {
		t.Errorf("trop d'adresses : %v", err)
	}
}

func testEmployerContacts(t *testing.T, st *store.Store) {
	caf, err := st.EmployerByCode(ctx, "CAF69")
	if err != nil {
		t.Fatal(err)
	}
	hr := store.Caller{Actor: store.Actor{Email: "rh@caf69.test"}}
	if err := st.SetEmployerContacts(ctx, hr, caf.ID, []string{" Jury@CAF69.test", "rh@caf69.test", "jury@caf69.test"}); err != nil {
		t.Fatal(err)
	}
	got, _ := st.EmployerByCode(ctx, "CAF69")
	if strings.Join(got.HREmails, ",") != "jury@caf69.test,rh@caf69.test" {
		t.Errorf("contacts : %v", got.HREmails)
	}
	if ev := auditFields(t, st, "CAF69")["update hr_emails"]; ev.After != "jury@caf69.test, rh@caf69.test" || ev.UserEmail != "rh@caf69.test" {
		t.Errorf("contacts non tracés : %+v", ev)
	}
	err = st.SetEmployerContacts(ctx, hr, caf.ID, nil)
	if msg := certif.ErrorFields(err)["hr_emails"]; !strings.Contains(msg, "au moins une adresse RH") {
		t.Errorf("aucune adresse : %v", err)
	}
	err = st.SetEmployerContacts(ctx, hr, caf.ID, []string{"rh@caf69.test", "rh@"})
	if msg := certif.ErrorFields(err)["hr_emails"]; msg != "Adresse RH invalide : rh@." {
		t.Errorf("adresse invalide : %v", err)
	}
	if got, _ := st.EmployerByCode(ctx, "CAF69"); len(got.HREmails) != 2 {
		t.Errorf("un refus ne doit rien changer : %v", got.HREmails)
	}
	if err := st.SetEmployerContacts(ctx, hr, 999999, []string{"rh@caf69.test"}); certif.ErrorCode(err) != certif.ENotFound {
		t.Errorf("employeur inconnu : %v", err)
	}
}

func testEmployerSites(t *testing.T, st *store.Store) {
	caf, _ := st.EmployerByCode(ctx, "CAF69")
	hr := store.Caller{Actor: store.Actor{Email: "rh@caf69.test"}}
	if list, err := st.EmployerSites(ctx, caf.ID); err != nil || len(list) != 0 {
		t.Fatalf("aucun site au départ : %v %v", list, err)
	}
	a, err := st.SaveEmployerSite(ctx, hr, caf.ID, store.EmployerSite{Name: " Accueil Part-Dieu ", Address: "67 boulevard Vivier-Merle, 69003 Lyon",
		ReceptionHours: "Lun–ven 8 h 30–16 h 30", PhoneHours: "Lun–ven 9 h–17 h"})
	if err != nil || a.ID == 0 || a.Name != "Accueil Part-Dieu" {
		t.Fatalf("création : %+v %v", a, err)
	}
	b, err := st.SaveEmployerSite(ctx, hr, caf.ID, store.EmployerSite{Name: "Villefranche"})
	if err != nil {
		t.Fatal(err)
	}
	if b.HasHours() || !a.HasHours() {
		t.Error("HasHours : les deux horaires doivent être renseignés")
	}
	b.ReceptionHours = "Mar et jeu 9 h–12 h"
	if _, err := st.SaveEmployerSite(ctx, hr, caf.ID, b); err != nil {
		t.Fatal(err)
	}
	list, err := st.EmployerSites(ctx, caf.ID)
	if err != nil || len(list) != 2 || list[0].ID != a.ID || list[1].ReceptionHours != "Mar et jeu 9 h–12 h" {
		t.Fatalf("sites relus : %+v %v", list, err)
	}
	f := auditFields(t, st, "CAF69")
	key := "site" + strconv.FormatInt(b.ID, 10)
	if ev := f["create "+key+".name"]; ev.After != "Villefranche" || ev.UserEmail != "rh@caf69.test" {
		t.Errorf("création non tracée : %+v", f)
	}
	if ev := f["update "+key+".reception_hours"]; ev.Before != "" || ev.After != "Mar et jeu 9 h–12 h" {
		t.Errorf("horaires non tracés : %+v", ev)
	}
	if err := st.DeleteEmployerSite(ctx, hr, caf.ID, b.ID); err != nil {
		t.Fatal(err)
	}
	if ev := auditFields(t, st, "CAF69")["delete "+key]; ev.Before != "Villefranche" {
		t.Errorf("suppression non tracée : %+v", ev)
	}
	if err := st.DeleteEmployerSite(ctx, hr, caf.ID, b.ID); certif.ErrorCode(err) != certif.ENotFound {
		t.Errorf("site déjà supprimé : %v", err)
	}
	all, err := st.AllEmployerSites(ctx)
	if err != nil || len(all[caf.ID]) != 1 {
		t.Errorf("tous les sites : %v %v", all, err)
	}
}

func testEmployerSitesScoped(t *testing.T, st *store.Store) {
	caf, _ := st.EmployerByCode(ctx, "CAF69")
	cpam, _ := st.EmployerByCode(ctx, "CPAM33")
	mine, err := st.SaveEmployerSite(ctx, store.Platform(), cpam.ID, store.EmployerSite{Name: "Accueil Mériadeck", ReceptionHours: "8 h 30–17 h"})
	if err != nil {
		t.Fatal(err)
	}
	// The HR of CAF69 names a site of CPAM33: not found, nothing changes.
	intruder := store.Caller{Actor: store.Actor{Email: "rh@caf69.test"}}
	hijack := mine
	hijack.Name = "Piraté"
	if _, err := st.SaveEmployerSite(ctx, intruder, caf.ID, hijack); certif.ErrorCode(err) != certif.ENotFound {
		t.Errorf("modifier le site d'un autre employeur : %v", err)
	}
	if err := st.DeleteEmployerSite(ctx, intruder, caf.ID, mine.ID); certif.ErrorCode(err) != certif.ENotFound {
		t.Errorf("supprimer le site d'un autre employeur : %v", err)
	}
	list, _ := st.EmployerSites(ctx, cpam.ID)
	if len(list) != 1 || list[0].Name != "Accueil Mériadeck" {
		t.Errorf("le site de CPAM33 a changé : %+v", list)
	}
	for _, s := range mustSites(t, st, caf.ID) {
		if s.ID == mine.ID {
			t.Error("le site de CPAM33 apparaît chez CAF69")
		}
	}
	for _, ev := range auditFields(t, st, "CAF69") {
		if strings.Contains(ev.Before+ev.After, "Mériadeck") || strings.Contains(ev.Before+ev.After, "Piraté") {
			t.Errorf("tentative refusée tracée chez CAF69 : %+v", ev)
		}
	}
	if _, err := st.SaveEmployerSite(ctx, store.Platform(), 999999, store.EmployerSite{Name: "X"}); certif.ErrorCode(err) != certif.ENotFound {
		t.Errorf("employeur inconnu : %v", err)
	}
}

func testEmployerSiteValidation(t *testing.T, st *store.Store) {
	caf, _ := st.EmployerByCode(ctx, "CAF69")
	_, err := st.SaveEmployerSite(ctx, store.Platform(), caf.ID, store.EmployerSite{Name: "  ", Address: strings.Repeat("a", store.MaxSiteAddress+1),
		ReceptionHours: strings.Repeat("é", store.MaxSiteHours+1), PhoneHours: strings.Repeat("9", store.MaxSiteHours+1)})
	want := map[string]string{
		"name":            "Le nom du site est obligatoire (ex. : Accueil de Lyon Part-Dieu).",
		"address":         "Adresse trop longue : 500 caractères au plus.",
		"reception_hours": "Horaires de l'accueil trop longs : 300 caractères au plus.",
		"phone_hours":     "Horaires de la plateforme téléphonique trop longs : 300 caractères au plus.",
	}
	fields := certif.ErrorFields(err)
	for f, msg := range want {
		if fields[f] != msg {
			t.Errorf("champ %s : %q, attendu %q", f, fields[f], msg)
		}
	}
	if certif.ErrorMessage(err) != "Le formulaire contient 4 erreurs : corrigez les champs signalés." {
		t.Errorf("message : %q", certif.ErrorMessage(err))
	}
	// 300 characters with accents are allowed: the limit counts characters, not bytes.
	if _, err := st.SaveEmployerSite(ctx, store.Platform(), caf.ID, store.EmployerSite{Name: strings.Repeat("é", store.MaxSiteName), ReceptionHours: strings.Repeat("é", store.MaxSiteHours)}); err != nil {
		t.Errorf("limites exactes refusées : %v", err)
	}
}

func testEmployerList(t *testing.T, st *store.Store) {
	all, err := st.EmployerList(ctx, store.EmployerFilter{})
	if err != nil || len(all) != 2 {
		t.Fatalf("liste : %+v %v", all, err)
	}
	if all[0].Code != "CAF69" || all[0].Sites != 2 || all[0].SitesWithHours != 1 || len(all[0].HREmails) != 2 {
		t.Errorf("compteurs CAF69 : %+v", all[0])
	}
	if l, _ := st.EmployerList(ctx, store.EmployerFilter{Branch: "maladie"}); len(l) != 1 || l[0].Code != "CPAM33" {
		t.Errorf("filtre branche : %+v", l)
	}
	if l, _ := st.EmployerList(ctx, store.EmployerFilter{Query: "rhone"}); len(l) != 1 || l[0].Code != "CAF69" {
		t.Errorf("recherche sans accents : %+v", l)
	}
	if l, _ := st.EmployerList(ctx, store.EmployerFilter{Query: "GIRONDE", Branch: "famille"}); len(l) != 0 {
		t.Errorf("filtres combinés : %+v", l)
	}
	caf, _ := st.EmployerByCode(ctx, "CAF69")
	if users, err := st.EmployerUsers(ctx, caf.ID); err != nil || len(users) != 0 {
		t.Errorf("comptes : %v %v", users, err)
	}
}

func mustSites(t *testing.T, st *store.Store, employerID int64) []store.EmployerSite {
	t.Helper()
	list, err := st.EmployerSites(ctx, employerID)
	if err != nil {
		t.Fatal(err)
	}
	return list
}
