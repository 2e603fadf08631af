package intake

import "testing"

// BenchmarkReadXLSXOfMaxRows reads a workbook at the row limit.
func BenchmarkReadXLSXOfMaxRows(b *testing.B) {
	data := streamed(b, MaxRows+1, func(row int) []any {
		if row == 1 {
			return required
		}
		return minimalLine(row)
	})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadRegistrations("a.xlsx", data); err != nil {
			b.Fatal(err)
		}
	}
}
