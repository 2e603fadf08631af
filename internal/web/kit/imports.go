package kit

// ImportLine is a line of an imported file as its preview shows it: what
// committing does with it, or its errors.
type ImportLine struct {
	Line      int
	Candidate string
	Action    string
	Errors    []string
}

// What a preview lists of a file: every line in error when the file is
// refused (up to maxErrorLines), else its first maxPreviewLines lines; the
// totals above the table count them all.
const (
	maxPreviewLines = 200
	maxErrorLines   = 1000
)

// LineWindow returns the lines a preview lists, and how many it leaves out.
func LineWindow(lines []ImportLine, refused bool) ([]ImportLine, int) {
	limit := maxPreviewLines
	if refused {
		limit = maxErrorLines
		var inError []ImportLine
		for _, l := range lines {
			if len(l.Errors) > 0 {
				inError = append(inError, l)
			}
		}
		if len(inError) > 0 {
			lines = inError
		}
	}
	if len(lines) <= limit {
		return lines, 0
	}
	return lines[:limit], len(lines) - limit
}

// TrimStop removes the final full stop of a message, to quote it in a sentence.
func TrimStop(s string) string {
	for len(s) > 0 && (s[len(s)-1] == '.' || s[len(s)-1] == ' ') {
		s = s[:len(s)-1]
	}
	return s
}
