package store

import (
	"fmt"
	"slices"
	"time"

	"certibloc/internal/certif"
)

// Domain dates cross into the database here and nowhere else: certif is pure
// and knows nothing of database/sql. A certif.Date is stored as ISO text
// (YYYY-MM-DD), the zero date as NULL; a certif.Month is passed by its String.

// dbArgs returns the arguments of a statement with each certif.Date in its
// stored form. Every helper that runs SQL (exec, query, queryRow, insert)
// passes its arguments through it; the caller's slice is left as it is.
func dbArgs(args []any) []any {
	var out []any
	for i, a := range args {
		d, ok := a.(certif.Date)
		if !ok {
			continue
		}
		if out == nil {
			out = slices.Clone(args)
		}
		out[i] = storedDate(d)
	}
	if out == nil {
		return args
	}
	return out
}

// storedDate is the stored form of a date: ISO text, NULL for the zero date.
func storedDate(d certif.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

// dateCol scans a stored date into a certif.Date: NULL is the zero date, text
// is read as an ISO date (its first 10 characters), a time (from a DATE
// column) gives its day.
type dateCol struct{ d *certif.Date }

func (c dateCol) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*c.d = certif.Date{}
	case string:
		return c.scanText(v)
	case []byte:
		return c.scanText(string(v))
	case time.Time:
		*c.d = certif.DateOf(v)
	default:
		return fmt.Errorf("certif.Date: cannot scan %T", src)
	}
	return nil
}

func (c dateCol) scanText(s string) error {
	if len(s) > 10 {
		s = s[:10]
	}
	d, err := certif.ParseDate(s)
	*c.d = d
	return err
}
