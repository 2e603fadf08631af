package certif

// RegistrationMonthsAhead is how long before its certification period a
// registration must be made (R6).
const RegistrationMonthsAhead = 3

// RegistrationDeadline is the last day on which a registration for period p is on
// time (R6): the first day of p minus 3 months (period September 2026 → 01/06/2026).
func RegistrationDeadline(p Month) Date {
	return p.First().AddMonths(-RegistrationMonthsAhead)
}

// RegistrationOnTime reports whether a registration made on day today for period
// p respects R6. Early registration is always on time.
func RegistrationOnTime(p Month, today Date) bool {
	return !today.After(RegistrationDeadline(p))
}
