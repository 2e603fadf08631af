package certif

// MinutesFinal is the refusal of any change to a national jury once its
// minutes (procès-verbal) are signed (R9): its decisions and its composition
// are final; a correction is a new decision of a later jury.
func MinutesFinal(juryDay Date) *Error {
	return Errorf(EConflict, "Le procès-verbal du jury national du %s est signé : ses décisions sont définitives ; une correction se fait par une nouvelle décision d'un jury suivant.", juryDay.French())
}

// CheckMinutes applies the rule of the signature of a national jury's minutes
// (R9): they record at least one decision, and a joint jury that sat, a
// representative of the employers and one of the employees at least.
func CheckMinutes(juryDay Date, decisions int, seats []NationalSeat) error {
	var v Validation
	if decisions == 0 {
		v.Add("decisions", "Aucune décision n'est prise : le procès-verbal du jury national du "+juryDay.French()+" n'aurait rien à consigner.")
	}
	sat := map[Side]bool{}
	for _, s := range seats {
		if s.Sat {
			sat[s.Side] = true
		}
	}
	switch {
	case len(seats) == 0:
		v.Add("seats", "Enregistrez d'abord la composition du jury paritaire : elle figure au procès-verbal.")
	case !sat[SideEmployer] || !sat[SideEmployee]:
		v.Add("seats", "Le jury paritaire siège avec au moins un représentant des employeurs et un représentant des salariés : corrigez qui a siégé.")
	}
	return v.Err()
}

// ProclamationDay is the day a national jury's results are published (R10):
// the day configured for it, else the jury's own day.
func ProclamationDay(juryDay, configured Date) Date {
	if configured.IsZero() {
		return juryDay
	}
	return configured
}

// CheckProclamationDay checks the proclamation day configured for a
// national jury: never before the jury sits (R10).
func CheckProclamationDay(juryDay, on Date) error {
	var v Validation
	switch {
	case on.IsZero():
		v.Add("proclamation_date", "Date de proclamation invalide : format JJ/MM/AAAA attendu.")
	case on.Before(juryDay):
		v.Add("proclamation_date", "La proclamation ne peut pas précéder le jury national du "+juryDay.French()+".")
	}
	return v.Err()
}

// CheckProclamation applies the proclamation's rule (R10): the jury's
// minutes are signed, and its proclamation day has come.
func CheckProclamation(juryDay, on, today Date, signed bool) error {
	if !signed {
		return Errorf(EConflict, "Signez d'abord le procès-verbal du jury national du %s : ses résultats se proclament une fois ses décisions définitives.", juryDay.French())
	}
	if today.Before(on) {
		return Errorf(EConflict, "Les résultats du jury national du %s se proclament le %s, pas avant.", juryDay.French(), on.French())
	}
	return nil
}
