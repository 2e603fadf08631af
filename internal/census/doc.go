// Package census holds the rules of the two intake routes the exam office
// runs itself, besides the collection tables: the census of the Maladie
// branch (R4), where the office pre-registers the trainees of its
// training-deployment information and each employer confirms or corrects
// them, and the training plannings of the other qualifications (R7), from
// which the office invites the employers to register (and, for Gestionnaire
// carrière, the employer tells the office once it has registered). It also
// writes the French mails of both routes.
//
// Like certif, it is pure: plain values in, plain values out, no database,
// HTTP or clock. The store keeps pre-registrations and training sessions and
// queues the mails in the transaction of the event; a confirmed
// pre-registration goes through certif.PlanRegistration like any
// registration.
package census
