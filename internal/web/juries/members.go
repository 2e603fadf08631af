package juries

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

type membersView struct {
	Members        []certif.JuryMember
	Statuses       []certif.MemberStatus
	Status         certif.MemberStatus
	Qualifications []certif.Qualification
	Qualification  string
	Pending        int // proposals waiting for the office
	IsOffice       bool
	Fund           *certif.NationalFund // the caller's national fund, nil for the others
}

func (s *Area) membersPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	v := membersView{Statuses: certif.MemberStatuses, IsOffice: kit.Principal(r).Is(certif.RoleOffice), Fund: fundOf(r),
		Status: certif.MemberStatus(q.Get("statut")), Qualification: strings.ToUpper(strings.TrimSpace(q.Get("cqp")))}
	if !slices.Contains(v.Statuses, v.Status) {
		v.Status = ""
	}
	var err error
	if v.Qualifications, err = s.Store.Qualifications(r.Context(), false); err != nil {
		return err
	}
	all, err := s.Store.JuryMembers(r.Context(), store.JuryMemberFilter{Scope: kit.Scope(r)})
	if err != nil {
		return err
	}
	for _, m := range all {
		if m.Status == certif.MemberProposed {
			v.Pending++
		}
		if (v.Status == "" || m.Status == v.Status) && (v.Qualification == "" || slices.Contains(m.Qualifications, v.Qualification)) {
			v.Members = append(v.Members, m)
		}
	}
	return s.Show(w, r, "members.html", "Membres de jury", v)
}

// fundOf is the caller's national fund, nil when the caller is none.
func fundOf(r *http.Request) *certif.NationalFund {
	u := kit.Principal(r).User
	if f, ok := certif.NationalFundOf(u.BranchCode); ok && u.Role == certif.RoleNationalFund {
		return &f
	}
	return nil
}

type memberView struct {
	Member   certif.JuryMember
	Account  *certif.User // the member's jury account, nil when not invited yet
	History  []certif.AuditEvent
	IsOffice bool
}

func (s *Area) member(r *http.Request) (certif.JuryMember, error) {
	id, err := kit.PathID(r)
	if err != nil {
		return certif.JuryMember{}, err
	}
	return s.Store.JuryMember(r.Context(), id, kit.Scope(r))
}

func (s *Area) memberPage(w http.ResponseWriter, r *http.Request) error {
	m, err := s.member(r)
	if err != nil {
		return err
	}
	v := memberView{Member: m, IsOffice: kit.Principal(r).Is(certif.RoleOffice)}
	if v.IsOffice {
		if v.Account, err = s.account(r, m); err != nil {
			return err
		}
		if v.History, err = s.Store.AuditEvents(r.Context(), kit.Viewer(r), store.AuditFilter{Entity: "jury_member", EntityKey: strconv.FormatInt(m.ID, 10), Limit: 50}); err != nil {
			return err
		}
	}
	return s.Show(w, r, "member.html", m.Name(), v)
}

type memberForm struct {
	Member         certif.JuryMember
	New            bool
	Proposal       bool                 // an employer proposing an expert, or a national fund a member
	Fund           *certif.NationalFund // the national fund proposing, nil for the others
	BranchName     string               // the fund's branch
	Roles          []certif.JuryRole
	Branches       []certif.Branch
	Employers      []certif.Employer
	Qualifications []certif.Qualification
}

// Has reports whether the member holds the seat (checkboxes).
func (f memberForm) Has(role certif.JuryRole) bool { return slices.Contains(f.Member.Roles, role) }

// Knows reports whether the member is an expert of the CQP (checkboxes).
func (f memberForm) Knows(code string) bool { return slices.Contains(f.Member.Qualifications, code) }

func (s *Area) form(r *http.Request, m certif.JuryMember, isNew bool) (memberForm, error) {
	f := memberForm{Member: m, New: isNew, Proposal: kit.Principal(r).Is(certif.RoleEmployer, certif.RoleNationalFund), Fund: fundOf(r), Roles: certif.JuryRoles}
	var err error
	if f.Qualifications, err = s.Store.Qualifications(r.Context(), false); err != nil {
		return f, err
	}
	if f.Proposal && f.Fund == nil {
		return f, nil
	}
	var names map[string]string
	if f.Branches, names, err = s.BranchNames(r); err != nil {
		return f, err
	}
	if f.Employers, err = s.Store.Employers(r.Context()); err != nil || f.Fund == nil {
		return f, err
	}
	f.Roles, f.BranchName = fundRoles, names[f.Fund.Branch]
	f.Employers = slices.DeleteFunc(f.Employers, func(e certif.Employer) bool { return e.Branch != f.Fund.Branch })
	return f, nil
}

// fundRoles are the seats a national fund proposes members for.
var fundRoles = []certif.JuryRole{certif.JuryExpert, certif.JuryBranchRep}

func (s *Area) newMemberForm(w http.ResponseWriter, r *http.Request) error {
	m := certif.JuryMember{MaxSessions: certif.DefaultMaxSessions}
	if kit.Principal(r).Is(certif.RoleEmployer) {
		m.Roles = []certif.JuryRole{certif.JuryExpert}
	}
	f, err := s.form(r, m, true)
	if err != nil {
		return err
	}
	return s.Show(w, r, "member_form.html", formTitle(f), f)
}

func formTitle(f memberForm) string {
	switch {
	case f.Fund != nil:
		return "Proposer un membre de jury"
	case f.Proposal:
		return "Proposer un expert"
	case f.New:
		return "Nouveau membre de jury"
	}
	return "Modifier " + f.Member.Name()
}

func (s *Area) editMemberForm(w http.ResponseWriter, r *http.Request) error {
	m, err := s.member(r)
	if err != nil {
		return err
	}
	f, err := s.form(r, m, false)
	if err != nil {
		return err
	}
	return s.Show(w, r, "member_form.html", formTitle(f), f)
}

// parseMember reads the form over m (the member as stored, for a change).
func (s *Area) parseMember(r *http.Request, m certif.JuryMember) (certif.JuryMember, error) {
	if err := r.ParseForm(); err != nil {
		return m, err
	}
	m.FirstName, m.LastName = r.PostFormValue("first_name"), r.PostFormValue("last_name")
	m.Email, m.Phone = r.PostFormValue("email"), r.PostFormValue("phone")
	m.Qualifications = r.PostForm["qualifications"]
	var v certif.Validation
	m.TrainedOn = kit.DateField(&v, r, "trained_on", "Date de formation", false)
	if kit.Principal(r).Is(certif.RoleEmployer) {
		m.Roles = []certif.JuryRole{certif.JuryExpert}
		return m, withFileErrors(&v, m, "organisation", "branch")
	}
	m.Roles = nil
	for _, role := range r.PostForm["roles"] {
		m.Roles = append(m.Roles, certif.JuryRole(role))
	}
	m.EmployerID = 0
	if code := r.PostFormValue("employer"); code != "" {
		e, err := s.Store.EmployerByCode(r.Context(), code)
		if err != nil {
			v.Add("employer", "Employeur inconnu.")
		}
		m.EmployerID = e.ID
	}
	if kit.Principal(r).Is(certif.RoleNationalFund) {
		return m, withFileErrors(&v, m, "organisation", "branch") // the store fills them for a national fund
	}
	m.Organisation, m.Branch = r.PostFormValue("organisation"), r.PostFormValue("branch")
	if n, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("max_sessions"))); err != nil {
		v.Add("max_sessions", "Nombre maximal de séances par an : un entier de 1 à 200.")
	} else {
		m.MaxSessions = n
	}
	if r.PostFormValue("inactive") == "oui" {
		m.Status = certif.MemberInactive
	} else if m.Status == certif.MemberInactive || m.Status == "" {
		m.Status = certif.MemberActive
	}
	if m.EmployerID != 0 {
		return m, withFileErrors(&v, m, "branch") // the store takes the employer's branch
	}
	return m, withFileErrors(&v, m)
}

// withFileErrors adds, when the form already has errors, those of the
// member's file (but the fields the store fills itself), so that every field
// in error is named at once.
func withFileErrors(v *certif.Validation, m certif.JuryMember, filledByStore ...string) error {
	if v.Err() == nil {
		return nil
	}
	for field, msg := range certif.ErrorFields(m.Validate()) {
		if !v.Has(field) && !slices.Contains(filledByStore, field) {
			v.Add(field, msg)
		}
	}
	return v.Err()
}

func (s *Area) createMember(w http.ResponseWriter, r *http.Request) error {
	m, err := s.parseMember(r, certif.JuryMember{MaxSessions: certif.DefaultMaxSessions})
	if err == nil {
		if kit.Principal(r).Is(certif.RoleEmployer, certif.RoleNationalFund) {
			m, err = s.Store.ProposeJuryMember(r.Context(), s.Caller(r), m)
		} else {
			m, err = s.Store.CreateJuryMember(r.Context(), s.Caller(r), m)
		}
	}
	if err != nil {
		return s.formFailed(w, r, m, true, err)
	}
	flash := m.Name() + " ajouté au vivier."
	if m.Status == certif.MemberProposed {
		flash = m.Name() + " est proposé à l'équipe des examens, qui vous dira sa décision."
	}
	return s.Redirect(w, r, "/membres-jury/"+strconv.FormatInt(m.ID, 10), flash)
}

func (s *Area) updateMember(w http.ResponseWriter, r *http.Request) error {
	old, err := s.member(r)
	if err != nil {
		return err
	}
	m, err := s.parseMember(r, old)
	if err == nil {
		version, _ := strconv.Atoi(r.PostFormValue("version"))
		m, err = s.Store.SaveJuryMember(r.Context(), s.Caller(r), m, version)
	}
	if err != nil {
		return s.formFailed(w, r, m, false, err)
	}
	return s.Redirect(w, r, "/membres-jury/"+strconv.FormatInt(m.ID, 10), "Fiche "+certif.De(m.Name())+" enregistrée.")
}

func (s *Area) formFailed(w http.ResponseWriter, r *http.Request, m certif.JuryMember, isNew bool, err error) error {
	if certif.ErrorCode(err) != certif.EInvalid && certif.ErrorCode(err) != certif.EStale {
		return err
	}
	f, ferr := s.form(r, m, isNew)
	if ferr != nil {
		return ferr
	}
	return s.ShowInvalid(w, r, "member_form.html", formTitle(f), f, err)
}

func (s *Area) decideMember(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	accept := r.PostFormValue("decision") == "accept"
	m, err := s.Store.DecideJuryMember(r.Context(), s.Caller(r), id, accept, r.PostFormValue("reason"))
	if certif.ErrorCode(err) == certif.EInvalid || certif.ErrorCode(err) == certif.EConflict {
		page, perr := s.Store.JuryMember(r.Context(), id, kit.Scope(r))
		if perr != nil {
			return perr
		}
		return s.ShowInvalid(w, r, "member.html", page.Name(), memberView{Member: page, IsOffice: true}, err)
	}
	if err != nil {
		return err
	}
	flash := m.Name() + " rejoint le vivier des membres de jury."
	if !accept {
		flash = "Proposition " + certif.De(m.Name()) + " refusée ; le motif est gardé sur sa fiche."
	}
	return s.Redirect(w, r, "/membres-jury/"+strconv.FormatInt(m.ID, 10), flash)
}

// account is the member's jury account, nil when none.
func (s *Area) account(r *http.Request, m certif.JuryMember) (*certif.User, error) {
	u, _, err := s.Store.UserByEmail(r.Context(), m.Email)
	if certif.ErrorCode(err) == certif.ENotFound {
		return nil, nil
	}
	return u, err
}

// inviteMember creates the jury account of an active member, which opens
// through the link of its invitation mail, in one transaction.
func (s *Area) inviteMember(w http.ResponseWriter, r *http.Request) error {
	m, err := s.member(r)
	if err != nil {
		return err
	}
	to := "/membres-jury/" + strconv.FormatInt(m.ID, 10)
	if m.Status != certif.MemberActive {
		return certif.Errorf(certif.EConflict, "%s n'est pas un membre actif : acceptez la proposition ou réactivez la fiche avant de l'inviter.", m.Name())
	}
	if u, err := s.account(r, m); err != nil || u != nil {
		if err != nil {
			return err
		}
		return s.Redirect(w, r, to, m.Name()+" a déjà un compte ("+u.Email+") : renvoyez-lui une invitation depuis « Comptes » s'il ne l'a jamais utilisée.")
	}
	hash, err := kit.UnusablePassword()
	if err != nil {
		return err
	}
	name := m.FirstName + " " + m.LastName
	nu := store.NewUser{Email: m.Email, Name: name, Role: certif.RoleJury, JuryMemberID: m.ID, PasswordHash: hash}
	mailed, link, err := s.InvitationMail(r.Context(), nu)
	if err != nil {
		return err
	}
	if _, err := s.Store.InviteUser(r.Context(), s.Caller(r), nu, link, mailed); err != nil {
		return err
	}
	s.NotifyMail()
	return s.Redirect(w, r, to, "Invitation envoyée à "+m.Email+" : le lien ouvre son espace de membre de jury pendant 7 jours."+s.MailDisabledNote())
}
