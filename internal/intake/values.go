package intake

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"

	"certibloc/internal/certif"
)

// parser reads cell values; a workbook may hold dates as serial numbers.
type parser struct {
	serialDates bool // a number in a date column is a spreadsheet serial date
	date1904    bool // the workbook counts its serial dates from 1904
}

// setter stores the value of a cell in a row and returns the French reason
// why it cannot ("" when it can). An empty cell is never an error here: the
// caller's validation reports the missing values that matter.
type setter func(p parser, r *Row, v string) string

// oneLine trims a value and collapses its runs of spaces (non-breaking ones
// included) and line breaks into one space.
func oneLine(v string) string { return strings.Join(strings.Fields(v), " ") }

// text stores a one-line text.
func text(dst func(*Row) *string) setter {
	return func(_ parser, r *Row, v string) string { *dst(r) = oneLine(v); return "" }
}

// upper stores a one-line code in capitals.
func upper(dst func(*Row) *string) setter {
	return func(_ parser, r *Row, v string) string { *dst(r) = strings.ToUpper(oneLine(v)); return "" }
}

// note stores a text that may span several lines.
func note(dst func(*Row) *string) setter {
	return func(_ parser, r *Row, v string) string { *dst(r) = strings.TrimSpace(v); return "" }
}

// firstName stores the i-th first name (0-based), keeping the ones before it.
func firstName(i int) setter {
	return func(_ parser, r *Row, v string) string {
		v = oneLine(v)
		if v == "" {
			return ""
		}
		for len(r.Candidate.FirstNames) <= i {
			r.Candidate.FirstNames = append(r.Candidate.FirstNames, "")
		}
		r.Candidate.FirstNames[i] = v
		return ""
	}
}

// choice stores one of the listed values, found by its folded spelling.
func choice[T any](dst func(*Row) *T, options map[string]T, invalid string) setter {
	return func(_ parser, r *Row, v string) string {
		if strings.TrimSpace(v) == "" {
			return ""
		}
		x, ok := options[fold(v)]
		if !ok {
			return invalid
		}
		*dst(r) = x
		return ""
	}
}

var (
	sexes = map[string]string{"f": "F", "feminin": "F", "femme": "F", "m": "M", "h": "M", "masculin": "M", "homme": "M"}
	paths = map[string]certif.Path{
		"complet": certif.PathComplete, "parcourscomplet": certif.PathComplete, "complete": certif.PathComplete,
		"partiel": certif.PathPartial, "parcourspartiel": certif.PathPartial, "partial": certif.PathPartial,
	}
	contracts = map[string]certif.Contract{
		"cdi": certif.ContractCDI, "cdd": certif.ContractCDD,
		"contratdeprofessionnalisation": certif.ContractPro, "contratprofessionnalisation": certif.ContractPro,
		"professionnalisation": certif.ContractPro, "pro": certif.ContractPro, "contratpro": certif.ContractPro, "contratdepro": certif.ContractPro,
	}
	answers = map[string]bool{
		"oui": true, "o": true, "x": true, "vrai": true, "1": true, "yes": true, "true": true,
		"non": false, "n": false, "faux": false, "0": false, "no": false, "false": false,
	}
)

// yesNo stores a oui/non answer; an empty cell means non.
func yesNo(dst func(*Row) *bool) setter {
	return choice(dst, answers, "réponse invalide (oui ou non attendu)")
}

// date stores a date written JJ/MM/AAAA or AAAA-MM-JJ, or a spreadsheet date.
func date(dst func(*Row) *certif.Date) setter {
	return func(p parser, r *Row, v string) string {
		if strings.TrimSpace(v) == "" {
			return ""
		}
		d, ok := p.date(v)
		if !ok {
			return "date invalide (JJ/MM/AAAA attendu)"
		}
		*dst(r) = d
		return ""
	}
}

// dateLayouts are the written dates accepted: French with one or two digits
// for the day and the month, and ISO. Years have four digits: "15/03/60"
// could be 1960 or 2060.
var dateLayouts = []string{"2/1/2006", "2006-01-02", "2-1-2006", "2.1.2006"}

func (p parser) date(v string) (certif.Date, bool) {
	v = strings.TrimSpace(v)
	if p.serialDates {
		if serial, err := strconv.ParseFloat(v, 64); err == nil {
			return serialDate(serial, p.date1904)
		}
	}
	if len(v) > 10 && (v[10] == ' ' || v[10] == 'T') { // a time of day follows
		v = v[:10]
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, v); err == nil {
			return certif.DateOf(t), true
		}
	}
	return certif.Date{}, false
}

// serialDate converts a spreadsheet serial date (days since 1900 or 1904).
func serialDate(serial float64, date1904 bool) (certif.Date, bool) {
	if serial < 1 || serial > 2958465 { // 31/12/9999
		return certif.Date{}, false
	}
	t, err := excelize.ExcelDateToTime(math.Floor(serial), date1904)
	if err != nil {
		return certif.Date{}, false
	}
	return certif.DateOf(t), true
}

// month stores the exam period of a contrat de professionnalisation.
var month = monthIn(func(r *Row) *certif.Month { return &r.Request.ExamPeriod })

// monthIn stores a month: AAAA-MM, MM/AAAA, or a date (a spreadsheet turns
// "09/2026" into 01/09/2026).
func monthIn(dst func(*Row) *certif.Month) setter {
	return func(p parser, r *Row, v string) string {
		v = strings.TrimSpace(v)
		if v == "" {
			return ""
		}
		for _, layout := range []string{"2006-01", "1/2006", "2006/1", "1-2006"} {
			if t, err := time.Parse(layout, v); err == nil {
				*dst(r) = certif.DateOf(t).MonthOf()
				return ""
			}
		}
		if d, ok := p.date(v); ok {
			*dst(r) = d.MonthOf()
			return ""
		}
		return "période invalide (AAAA-MM ou MM/AAAA attendu)"
	}
}

// insee stores the INSEE code of the birth commune. A code that lost its
// leading zero in a spreadsheet (1053 for 01053) is kept as is: it cannot be
// told from a mistyped code, and the caller's validation refuses it.
func insee(_ parser, r *Row, v string) string {
	r.Candidate.BirthINSEE = strings.ToUpper(strings.Join(strings.Fields(v), ""))
	return ""
}

// phone stores a phone number, restoring the leading zero a spreadsheet drops
// when the number was typed as a number (612345678 → 0612345678).
func phone(_ parser, r *Row, v string) string {
	v = oneLine(v)
	if len(v) == 9 && v[0] != '0' && strings.IndexFunc(v, func(r rune) bool { return r < '0' || r > '9' }) < 0 {
		v = "0" + v
	}
	r.Candidate.Phone = v
	return ""
}

// blockWords are removed before reading block numbers: "blocs 1 et 3".
var blockWords = strings.NewReplacer("blocs", " ", "bloc", " ", " et ", " ", "&", " ")

// blocks stores the block numbers of a partial path: "1;3", "1, 3", "1 et 3",
// "2". A spreadsheet reads "1,3" typed in a French cell as the number 1.3, so
// the point separates numbers too.
func blocks(_ parser, r *Row, v string) string {
	out, msg := parseBlocks(v)
	if msg == "" {
		r.Request.Blocks = out
	}
	return msg
}

// parseBlocks reads block numbers as blocks does, sorted and each once; the
// French reason is "" when they can be read.
func parseBlocks(v string) ([]int, string) {
	s := blockWords.Replace(" " + certif.SearchKey(v) + " ")
	var out []int
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(";,./+", r) }) {
		n, err := strconv.Atoi(part)
		if err != nil || n < 1 || n > 99 {
			return nil, "blocs illisibles (numéros séparés par des points-virgules attendus, ex. 1;3)"
		}
		out = append(out, n)
	}
	slices.Sort(out)
	return slices.Compact(out), ""
}
