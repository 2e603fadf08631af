// Package planner places block attempts into professional-jury sessions (R12,
// R14, R15, R18) before the national juries' cutoffs (R9), and checks a plan
// against the hard constraints of the planning specification.
//
// It works on plain values: an Instance (employers, qualifications, attempts,
// jury members, calendar) and a Plan (sessions with their three members and
// their slots, and the attempts left unplaced with the reason why), both in
// the stable JSON formats of docs/planner.md. Check is the one checker of the
// hard constraints; Solve is a deterministic planner (two constructions, the
// better of them then improved and repaired) whose plans Check accepts;
// Baseline is the first-come-first-served planning the exam office does by
// hand, the reference Solve is measured against; Generate makes synthetic
// instances, up to the national scale (National), deterministic for a seed.
// Like certif, census and calendar, the package imports no database, HTTP or
// clock package and never reads the clock.
package planner
