package demo

import (
	"context"
	"fmt"

	"certibloc/internal/certif"
)

// gridCriteria are the demo's generic criteria, by the first modality of a
// block: the blocks' titles are not public, nor are their grids.
var gridCriteria = map[certif.Modality][]string{
	certif.ModalityObservation: {
		"Accueille le public et identifie sa demande",
		"Apporte une réponse exacte et adaptée à la situation",
		"Utilise les outils et les procédures de l'organisme",
		"Explique la suite donnée à la demande",
	},
	certif.ModalityOral: {
		"Présente des situations professionnelles réelles et variées",
		"Explique ses choix en s'appuyant sur la réglementation",
		"Répond aux questions du jury avec précision",
	},
	certif.ModalityEvidence: {
		"Le dossier est complet et structuré",
		"Les constats sont étayés par des pièces probantes",
		"Les conclusions découlent des constats",
	},
}

// grids gives every block of the referential without a grid the demo's
// generic one, so that evaluation pages are not empty.
func (l *loader) grids(ctx context.Context) error {
	quals, err := l.st.Qualifications(ctx, false)
	if err != nil {
		return err
	}
	for _, q := range quals {
		have, err := l.st.Grids(ctx, q.Code)
		if err != nil {
			return err
		}
		for _, b := range q.Blocks {
			if len(have[b.Number]) > 0 {
				continue
			}
			m := certif.ModalityOral
			if len(b.Modalities) > 0 {
				m = b.Modalities[0]
			}
			if _, err := l.st.SaveGrid(ctx, l.caller(), q.Code, b.Number, gridCriteria[m]); err != nil {
				return fmt.Errorf("grille %s bloc %d : %w", q.Code, b.Number, err)
			}
		}
	}
	return nil
}
