package planner

// Instance is the input of the planner, in the JSON format of docs/planner.md.
type Instance struct {
	Year           int             `json:"year"`
	NonWorkingDays []string        `json:"non_working_days"`
	NationalJuries []NationalJury  `json:"national_juries"`
	HalfDays       HalfDays        `json:"half_days"`
	Employers      []Employer      `json:"employers"`
	Qualifications []Qualification `json:"qualifications"`
	Attempts       []Attempt       `json:"attempts"`
	Members        []Member        `json:"members"`
}

// NationalJury is a national jury and the last day of the professional juries
// it decides on (R9). Dates are ISO (YYYY-MM-DD).
type NationalJury struct {
	Date   string `json:"date"`
	Cutoff string `json:"cutoff"`
}

// TimeRange is a start and an end time of day, "HH:MM".
type TimeRange [2]string

// HalfDays are the hours of the morning and of the afternoon sessions.
type HalfDays struct {
	AM TimeRange `json:"am"`
	PM TimeRange `json:"pm"`
}

// Employer is an employer of candidates, with its branch and its opening hours
// by weekday ("1" is Monday, "7" Sunday; a missing day is closed, R18).
type Employer struct {
	Code    string               `json:"code"`
	Branch  string               `json:"branch"`
	Opening map[string]TimeRange `json:"opening"`
}

// Qualification is a CQP with its blocks; TrainingRequired says that every
// jury member must be trained for it (R14).
type Qualification struct {
	Code             string  `json:"code"`
	TrainingRequired bool    `json:"training_required"`
	Blocks           []Block `json:"blocks"`
}

// Block is a competency block: the length of its test and whether it needs the
// real work situation, at the candidate's employer (R12, R18).
type Block struct {
	Number   int  `json:"number"`
	Minutes  int  `json:"minutes"`
	InPerson bool `json:"in_person"`
}

// Attempt is a candidate's attempt at one block; ExtraMinutes is the extra
// time granted as a disability adjustment (R15).
type Attempt struct {
	ID              string `json:"id"`
	Candidate       string `json:"candidate"`
	Employer        string `json:"employer"`
	Qualification   string `json:"qualification"`
	Block           int    `json:"block"`
	CertifiableFrom string `json:"certifiable_from"`
	ExtraMinutes    int    `json:"extra_minutes"`
}

// Member is a possible jury member. Branch is null for members of the exam
// office or of the certifier; Available lists half-days as "YYYY-MM-DD:am" or
// "YYYY-MM-DD:pm".
type Member struct {
	ID             string   `json:"id"`
	Roles          []string `json:"roles"`
	Employer       string   `json:"employer"`
	Branch         *string  `json:"branch"`
	Qualifications []string `json:"qualifications"`
	Trained        bool     `json:"trained"`
	Available      []string `json:"available"`
	MaxSessions    int      `json:"max_sessions"`
}

// The three roles of a professional jury (R14), as the JSON formats name them.
const (
	RoleCertifier = "certifier"
	RoleExpert    = "expert"
	RoleBranch    = "branch"
)

// roles lists the roles in the order a jury is composed and reported.
var roles = [3]string{RoleCertifier, RoleExpert, RoleBranch}

// The session modes and half-days, as the JSON formats name them.
const (
	ModeRemote   = "remote"
	ModeInPerson = "in_person"
	HalfAM       = "am"
	HalfPM       = "pm"
)

// Plan is the output of the planner, in the JSON format of docs/planner.md.
type Plan struct {
	Sessions []Session  `json:"sessions"`
	Unplaced []Unplaced `json:"unplaced"`
}

// Session is one professional jury: one qualification, one half-day, remote or
// in person at an employer (Employer is empty for a remote session).
type Session struct {
	ID            string `json:"id"`
	Date          string `json:"date"`
	Half          string `json:"half"`
	Mode          string `json:"mode"`
	Employer      string `json:"employer,omitempty"`
	Qualification string `json:"qualification"`
	Members       Jury   `json:"members"`
	Slots         []Slot `json:"slots"`
}

// Jury names the member holding each of the three roles (R14).
type Jury struct {
	Certifier string `json:"certifier"`
	Expert    string `json:"expert"`
	Branch    string `json:"branch"`
}

// member returns the member holding role.
func (j Jury) member(role string) string {
	switch role {
	case RoleCertifier:
		return j.Certifier
	case RoleExpert:
		return j.Expert
	}
	return j.Branch
}

// Slot is the start time of one attempt in a session.
type Slot struct {
	Attempt string `json:"attempt"`
	Start   string `json:"start"`
}

// Unplaced is an attempt the plan does not place, with the reason in French.
type Unplaced struct {
	Attempt string `json:"attempt"`
	Reason  string `json:"reason"`
}
