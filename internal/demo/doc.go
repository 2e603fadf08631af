// Package demo fills a database with realistic, fictitious data to show
// certibloc: about twenty organismes of the four branches with their HR
// accounts, the exam office and certifier accounts, jury members and candidates,
// and professional juries around its day: held a fortnight ago with their
// proposals, planned to the end of next month, the next two weeks convened.
// Any day: the calendar of the year before, the year and the next is derived
// from the latest year it knows (calendar.go), the campaigns, juries and
// registrations are dated from it (timeline.go).
// LoadNational adds the national scale, a pool of 400 members included.
// Every demo account shares the password Password and an address in the
// reserved domain Domain. Loading is done once per database: a settings key
// records it, and Load called again only lists the demo logins.
package demo
