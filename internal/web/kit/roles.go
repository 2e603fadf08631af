package kit

import "certibloc/internal/certif"

// The sets of roles routes are open to, named once.
var (
	// Everyone: every logged-in account.
	Everyone = certif.Roles
	// Staff: the exam office and the certifier, who read across employers.
	Staff = []certif.Role{certif.RoleOffice, certif.RoleCertifier}
	// Office: the exam office alone.
	Office = []certif.Role{certif.RoleOffice}
	// Employer: an employer's HR alone.
	Employer = []certif.Role{certif.RoleEmployer}
	// Jury: a jury member alone.
	Jury = []certif.Role{certif.RoleJury}
	// OfficeOrJury: the office, or a jury member (its own).
	OfficeOrJury = []certif.Role{certif.RoleOffice, certif.RoleJury}
	// Candidate: the candidate alone.
	Candidate = []certif.Role{certif.RoleCandidate}
	// Readers read candidates' files: the staff everywhere, an employer its own.
	Readers = []certif.Role{certif.RoleOffice, certif.RoleCertifier, certif.RoleEmployer}
	// Registrars register candidates and change their files: the office and an employer (its own).
	Registrars = []certif.Role{certif.RoleOffice, certif.RoleEmployer}
	// Pool reads the jury pool and proposes members: the office (it adds
	// them), an employer (its experts), a national fund (its branch's).
	Pool = []certif.Role{certif.RoleOffice, certif.RoleNationalFund, certif.RoleEmployer}
	// Mobilisers ask jury members for their availability: the office (any
	// member), a national fund (its branch's).
	Mobilisers = []certif.Role{certif.RoleOffice, certif.RoleNationalFund}
	// Certifier: the certifier alone (it decides the adjustments granted, R15).
	Certifier = []certif.Role{certif.RoleCertifier}
	// SessionReaders read the professional-jury sessions: the staff, a
	// national fund (its branch's).
	SessionReaders = []certif.Role{certif.RoleOffice, certif.RoleCertifier, certif.RoleNationalFund}
	// Convened read convocations: an employer (its candidates'), a candidate (their own).
	Convened = []certif.Role{certif.RoleEmployer, certif.RoleCandidate}
	// ResultReaders read proclaimed results: the staff, an employer (its
	// candidates'), a candidate (their own).
	ResultReaders = []certif.Role{certif.RoleOffice, certif.RoleCertifier, certif.RoleEmployer, certif.RoleCandidate}
	// StatisticsReaders read the statistics: the staff (all), a national
	// fund (its branch's) and an employer (its own), beside the national ones.
	StatisticsReaders = []certif.Role{certif.RoleOffice, certif.RoleCertifier, certif.RoleNationalFund, certif.RoleEmployer}
	// SessionParties read sessions through the API: the office, a jury member
	// (theirs), an employer (its candidates').
	SessionParties = []certif.Role{certif.RoleOffice, certif.RoleJury, certif.RoleEmployer}
)
