package certif

// NationalFund is the caisse nationale of a branch: it agrees how juries are
// organised and may mobilise jury members (the 2022 letter), those of its
// branch. Accounts of role national_fund name it by its branch.
type NationalFund struct {
	Branch  string // branch code: maladie, famille, recouvrement, retraite
	Name    string // as pages show it: "CNAF"
	Title   string // in full: "Caisse nationale des allocations familiales"
	article string // "la " or "l'"
}

// NationalFunds are the four caisses nationales, in the order of the branches.
var NationalFunds = []NationalFund{
	{Branch: "maladie", Name: "CNAM", Title: "Caisse nationale de l'Assurance Maladie", article: "la "},
	{Branch: "famille", Name: "CNAF", Title: "Caisse nationale des allocations familiales", article: "la "},
	{Branch: "recouvrement", Name: "Urssaf Caisse nationale", Title: "Urssaf Caisse nationale", article: "l'"},
	{Branch: "retraite", Name: "CNAV", Title: "Caisse nationale d'assurance vieillesse", article: "la "},
}

// NationalFundOf returns the caisse nationale of a branch, and false when
// the branch has none.
func NationalFundOf(branch string) (NationalFund, bool) {
	for _, f := range NationalFunds {
		if f.Branch == branch {
			return f, true
		}
	}
	return NationalFund{}, false
}

// The is the fund's name with its article: "la CNAF", "l'Urssaf Caisse nationale".
func (f NationalFund) The() string { return f.article + f.Name }

// Label is the role of its accounts with its name: "Caisse nationale (CNAF)".
func (f NationalFund) Label() string { return RoleNationalFund.Label() + " (" + f.Name + ")" }
