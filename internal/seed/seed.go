// Package seed loads the data certibloc ships with: the referential of
// qualifications and blocks, the branches' programmes, and the 2026 calendar of the UCANSS letter. Both are
// embedded JSON files, loaded once on first start; after that the exam office
// edits them in the UI and the seed never overwrites its changes.
package seed

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"certibloc/internal/accrochage"
	"certibloc/internal/calendar"
	"certibloc/internal/certif"
	"certibloc/internal/store"
)

//go:embed referential.json
var referentialJSON []byte

//go:embed calendar.json
var calendarJSON []byte

type referentialFile struct {
	Branches       []certif.Branch `json:"branches"`
	Qualifications []struct {
		certif.Qualification
		RNCPRegistrations []rncpRegistration `json:"rncp_registrations"`
		BlockCount        int                `json:"block_count"`
		BlockCountUnknown bool               `json:"block_count_unknown"`
		Modalities        []certif.Modality  `json:"modalities"`
	} `json:"qualifications"`
	Programmes []certif.Programme `json:"programmes"`
}

// rncpRegistration is a registration of a CQP on the RNCP as the
// referential file gives it (dates unknown left out).
type rncpRegistration struct {
	Number       string      `json:"number"`
	RegisteredOn certif.Date `json:"registered_on"`
	EndsOn       certif.Date `json:"ends_on"`
}

type calendarFile struct {
	WorkedHolidays []string                      `json:"worked_holidays"`
	Juries         []calendar.NationalJury       `json:"national_juries"`
	Campaigns      []calendar.CollectionCampaign `json:"campaigns"`
	ExamMonths     map[string][]time.Month       `json:"exam_months"`
}

func referential() (referentialFile, error) {
	var f referentialFile
	dec := json.NewDecoder(bytes.NewReader(referentialJSON))
	if err := dec.Decode(&f); err != nil {
		return f, fmt.Errorf("référentiel embarqué illisible : %w", err)
	}
	return f, nil
}

// RNCPRegistrations returns the shipped RNCP registrations of the CQPs, by
// qualification code.
func RNCPRegistrations() (map[string][]accrochage.Registration, error) {
	f, err := referential()
	out := map[string][]accrochage.Registration{}
	for _, q := range f.Qualifications {
		for _, r := range q.RNCPRegistrations {
			out[q.Code] = append(out[q.Code], accrochage.Registration{Code: r.Number, From: r.RegisteredOn, Until: r.EndsOn})
		}
	}
	return out, err
}

// Referential returns the shipped qualifications and branches.
func Referential() ([]certif.Branch, []certif.Qualification, error) {
	f, err := referential()
	if err != nil {
		return nil, nil, err
	}
	var quals []certif.Qualification
	for _, q := range f.Qualifications {
		qual := q.Qualification
		qual.Active = true
		qual.BlockCountConfirmed = !q.BlockCountUnknown
		for n := 1; n <= q.BlockCount; n++ {
			// Block titles are not public: empty until the office enters them.
			qual.Blocks = append(qual.Blocks, certif.Block{Number: n, Modalities: q.Modalities})
		}
		quals = append(quals, qual)
	}
	return f.Branches, quals, nil
}

// Programmes returns the shipped programmes of the branches, each with the
// CQP it most likely leads to, none confirmed: the exam office confirms them.
func Programmes() ([]certif.Programme, error) {
	f, err := referential()
	return f.Programmes, err
}

// Calendar returns the shipped calendar configuration.
func Calendar() (calendar.Config, error) {
	var f calendarFile
	if err := json.Unmarshal(calendarJSON, &f); err != nil {
		return calendar.Config{}, fmt.Errorf("calendrier embarqué illisible : %w", err)
	}
	cfg := calendar.Config{WorkedHolidays: f.WorkedHolidays, Juries: f.Juries, Campaigns: f.Campaigns, ExamMonths: map[int][]time.Month{}}
	for y, ms := range f.ExamMonths {
		year, err := strconv.Atoi(y)
		if err != nil {
			return cfg, fmt.Errorf("calendrier embarqué : année %q invalide", y)
		}
		cfg.ExamMonths[year] = ms
	}
	return cfg, nil
}

// settingKey marks the seed as loaded: it is loaded once, never over the office's edits.
const settingKey = "seed.loaded"

// Load loads the referential and the calendar on first start. It does nothing
// when they were loaded before, so it is safe to call at every start.
func Load(ctx context.Context, st *store.Store) (loaded bool, err error) {
	done, err := st.Setting(ctx, settingKey)
	if err != nil || done != "" {
		return false, err
	}
	branches, quals, err := Referential()
	if err != nil {
		return false, err
	}
	for i, b := range branches {
		if err := st.SaveBranch(ctx, store.Platform(), b, i+1); err != nil {
			return false, fmt.Errorf("branche %s : %w", b.Code, err)
		}
	}
	for _, q := range quals {
		if err := st.SaveQualification(ctx, store.Platform(), q); err != nil {
			return false, fmt.Errorf("certification %s : %w", q.Code, err)
		}
	}
	progs, err := Programmes()
	if err != nil {
		return false, err
	}
	for _, p := range progs {
		if err := st.SaveProgramme(ctx, store.Platform(), p, false); err != nil {
			return false, fmt.Errorf("programme %s : %w", p.Code, err)
		}
	}
	regs, err := RNCPRegistrations()
	if err != nil {
		return false, err
	}
	for _, q := range quals {
		if err := st.SaveRNCPRegistrations(ctx, store.Platform(), q.Code, regs[q.Code]); err != nil {
			return false, fmt.Errorf("enregistrements RNCP de %s : %w", q.Code, err)
		}
	}
	cfg, err := Calendar()
	if err != nil {
		return false, err
	}
	if err := st.SetWorkedHolidays(ctx, store.Platform(), cfg.WorkedHolidays); err != nil {
		return false, err
	}
	for _, j := range cfg.Juries {
		if err := st.SaveNationalJury(ctx, store.Platform(), j); err != nil {
			return false, fmt.Errorf("jury national du %s : %w", j.Date.French(), err)
		}
	}
	for _, cp := range cfg.Campaigns {
		if err := st.SaveCampaign(ctx, store.Platform(), cp); err != nil {
			return false, fmt.Errorf("campagne %s : %w", cp.Name, err)
		}
	}
	for y, ms := range cfg.ExamMonths {
		if err := st.SetExamMonths(ctx, store.Platform(), y, ms); err != nil {
			return false, err
		}
	}
	return true, st.SetSetting(ctx, settingKey, st.Now().Format(time.RFC3339))
}
