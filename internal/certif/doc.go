// Package certif is the core of certibloc: the entities of CQP certification by
// competency blocks (qualifications, blocks, employers, candidates, juries...), the
// civil Date and Month types, the domain error type and the rules R1–R20 as pure
// functions. It imports no database, HTTP or clock package: everything it needs is
// passed in as plain values, so every rule can be tested with a table of cases.
// The same holds for census and calendar (TestDomainCoreImportsNoDatabaseHTTPOrClock).
package certif
