package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"certibloc/internal/certif"
)

func scanCriterion(r *sql.Rows) (certif.Criterion, error) {
	var c certif.Criterion
	return c, r.Scan(&c.ID, &c.Qualification, &c.Block, &c.Position, &c.Label)
}

const criterionSelect = `SELECT id, qualification_code, block_number, position, label FROM evaluation_criteria WHERE retired = FALSE`

// Grids returns the evaluation grids of a qualification's blocks (R11), by
// block number, each in its order.
func (s *Store) Grids(ctx context.Context, qualification string) (map[int][]certif.Criterion, error) {
	rows, err := s.query(ctx, criterionSelect+` AND qualification_code = ? ORDER BY block_number, position, id`, qualification)
	list, err := collect(rows, err, scanCriterion)
	out := map[int][]certif.Criterion{}
	for _, c := range list {
		out[c.Block] = append(out[c.Block], c)
	}
	return out, err
}

// grid reads one block's grid in a transaction.
func (tx *Tx) grid(qualification string, block int) ([]certif.Criterion, error) {
	rows, err := tx.query(criterionSelect+` AND qualification_code = ? AND block_number = ? ORDER BY position, id`, qualification, block)
	return collect(rows, err, scanCriterion)
}

// MaxCriteria bounds a block's grid.
const MaxCriteria = 30

// SaveGrid replaces a block's grid with labels, in their order (R11): a
// label kept keeps its criterion (and the answers given on it), a label
// taken off is retired, never deleted, so that past evaluations still read
// as they were. The change is traced.
func (s *Store) SaveGrid(ctx context.Context, by Caller, qualification string, block int, labels []string) ([]certif.Criterion, error) {
	var clean []string
	seen := map[string]bool{}
	var v certif.Validation
	for _, l := range labels {
		l = strings.Join(strings.Fields(l), " ")
		switch {
		case l == "" || seen[strings.ToLower(l)]:
			continue
		case len([]rune(l)) > 300:
			v.Add(fmt.Sprintf("grid_%d", block), "Un critère compte 300 caractères au plus.")
		}
		seen[strings.ToLower(l)] = true
		clean = append(clean, l)
	}
	if len(clean) > MaxCriteria {
		v.Add(fmt.Sprintf("grid_%d", block), fmt.Sprintf("Une grille compte %d critères au plus.", MaxCriteria))
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	q, err := s.Qualification(ctx, qualification)
	if err != nil {
		return nil, err
	}
	if block < 1 || block > len(q.Blocks) {
		return nil, notFound("Bloc introuvable.")
	}
	var out []certif.Criterion
	err = s.write(ctx, by.Actor, func(tx *Tx) error {
		old, err := tx.grid(q.Code, block)
		if err != nil {
			return err
		}
		byLabel := map[string]certif.Criterion{}
		var before []string
		for _, c := range old {
			byLabel[strings.ToLower(c.Label)] = c
			before = append(before, c.Label)
		}
		out = nil
		for i, l := range clean {
			c, ok := byLabel[strings.ToLower(l)]
			delete(byLabel, strings.ToLower(l))
			if ok {
				_, err = tx.exec(`UPDATE evaluation_criteria SET position = ?, label = ? WHERE id = ?`, i+1, l, c.ID)
			} else {
				c.ID, err = tx.insert(`INSERT INTO evaluation_criteria (qualification_code, block_number, position, label) VALUES (?, ?, ?, ?)`, q.Code, block, i+1, l)
			}
			if err != nil {
				return err
			}
			out = append(out, certif.Criterion{ID: c.ID, Qualification: q.Code, Block: block, Position: i + 1, Label: l})
		}
		for _, c := range byLabel {
			if _, err := tx.exec(`UPDATE evaluation_criteria SET retired = TRUE WHERE id = ?`, c.ID); err != nil {
				return err
			}
		}
		return tx.auditChanges("evaluation_grid", fmt.Sprintf("%s/%d", q.Code, block),
			map[string]string{"criteria": strings.Join(before, " | ")}, map[string]string{"criteria": strings.Join(clean, " | ")}, by.Reason)
	})
	return out, err
}
