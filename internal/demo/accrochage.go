package demo

import (
	"context"
	"fmt"

	"certibloc/internal/accrochage"
	"certibloc/internal/certif"
	"certibloc/internal/store"
)

// demoClientID and demoContractID are the demo certifier's identifiers at
// the Caisse des Dépôts (fictitious).
const demoClientID, demoContractID = "UCANSS01", "MCFCER000417"

// demoRenewals are the renewals of the RNCP registrations that ended in
// 2026 (REFERENTIAL.md), as the office would enter them: their numbers are
// fictitious (RNCP99…), so that the demo's certifications obtained since
// can be reported.
var demoRenewals = map[string]string{"GC": "RNCP99729", "COS": "RNCP99543", "CA": "RNCP99428", "IR": "RNCP99744"}

// demoRejection is the CDC's message on the record it rejects in the demo.
const demoRejection = "Titulaire non identifié : le lieu de naissance ne correspond pas à la date de naissance déclarée."

// pastAccrochage reports, on day, the CQPs obtained at the proclaimed juries
// to the Caisse des Dépôts: the office enters the CDC settings and the renewals of
// the registrations, exports a flow, then uploads the CDC's acknowledgement,
// which accepts every record but the last obtained's first one (rejected, to
// be corrected by the office).
func (l *loader) pastAccrochage(ctx context.Context, day certif.Date) error {
	office := l.caller()
	office.Today = day
	flows, err := l.st.AccrochageFlows(ctx)
	if err != nil || len(flows) > 0 {
		return err // sent before
	}
	if err := l.st.SaveAccrochageSettings(ctx, office, store.AccrochageSettings{ClientID: demoClientID, ContractID: demoContractID}); err != nil {
		return err
	}
	regs, err := l.st.RNCPRegistrations(ctx)
	if err != nil {
		return err
	}
	for qual, number := range demoRenewals {
		list := regs[qual]
		if len(list) == 0 || list[len(list)-1].Until.IsZero() {
			continue // not registered, or in force
		}
		list = append(list, accrochage.Registration{Code: number, From: list[len(list)-1].Until.AddDays(1)})
		if err := l.st.SaveRNCPRegistrations(ctx, office, qual, list); err != nil {
			return fmt.Errorf("renouvellement de l'enregistrement RNCP de %s : %w", qual, err)
		}
	}
	plan, err := l.st.ExportAccrochageFlow(ctx, office, store.AccrochageFilter{}, l.baseURL, false)
	if err != nil {
		return err
	}
	if len(plan.Refused) > 0 {
		return fmt.Errorf("certifications non transmissibles : %v", plan.RefusalLines())
	}
	if len(plan.Sent) == 0 {
		return nil // no certificate issued (a store without the certificates' key)
	}
	var accepted []string
	var rejected []accrochage.Outcome
	for i, it := range plan.Sent {
		if i == 0 && len(plan.Sent) > 1 {
			rejected = append(rejected, accrochage.Outcome{ID: it.IDTechnique, Message: demoRejection})
			continue
		}
		accepted = append(accepted, it.IDTechnique)
	}
	_, err = l.st.UploadAccrochageReport(ctx, office, "rapport_"+plan.FileName, accrochage.ReportXML(plan.FileName, accepted, rejected))
	return err
}
