// Package calendar is the pure calendar engine of certibloc: working days from the
// French public holidays (with the holidays that are worked, such as Whit Monday,
// as configuration), the national joint juries and their cutoffs (R9), the
// collection campaigns and their return deadlines (R5), the certification periods
// and the latest registration date for a period (R6). It imports no database, HTTP
// or clock package: the store loads a Calendar, the rules ask it questions.
package calendar
