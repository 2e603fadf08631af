package demo

import (
	"context"
	"fmt"

	"certibloc/internal/certif"
	"certibloc/internal/store"
)

// confirmedProgrammes are the Maladie programmes whose CQP the demo's exam
// office has confirmed, as it would after checking with the branch; SMPRO and
// DNS stay to confirm, as the office's dashboard then says.
var confirmedProgrammes = map[string]string{"GCAM": "GC", "CSAM": "COS", "STARTECH": "GC"}

// confirmProgrammes confirms the programmes above (those confirmed already
// stay as they are) and returns every programme.
func confirmProgrammes(ctx context.Context, st *store.Store, by store.Caller) ([]certif.Programme, error) {
	progs, err := st.Programmes(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range progs {
		qual, ok := confirmedProgrammes[p.Code]
		if !ok || p.Confirmed() {
			continue
		}
		p.Qualification = qual
		if err := st.SaveProgramme(ctx, by, p, true); err != nil {
			return nil, fmt.Errorf("programme %s : %w", p.Code, err)
		}
	}
	return st.Programmes(ctx)
}

// programmes is the office confirming the programmes, when the demo's
// organisations were entered.
func (l *loader) programmes(ctx context.Context) error {
	_, err := confirmProgrammes(ctx, l.st, l.caller())
	return err
}
