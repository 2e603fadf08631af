package certificate

import (
	"io"
	"testing"
)

// BenchmarkPDF measures one certificate PDF; the goal of issue 13 is 1,500
// within a 10 s proclamation, so at most 6.7 ms each on one core.
func BenchmarkPDF(b *testing.B) {
	is, c := testIssuer(), sampleCCP()
	b.ReportAllocs()
	for b.Loop() {
		if err := is.PDF(io.Discard, c); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/pdf")
	b.ReportMetric(1500*b.Elapsed().Seconds()/float64(b.N), "s/1500pdf")
}

// BenchmarkPDFParallel is the same on every core, as a proclamation would
// render its certificates (they need no shared state).
func BenchmarkPDFParallel(b *testing.B) {
	is, c := testIssuer(), sampleCCP()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := is.PDF(io.Discard, c); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/pdf")
	b.ReportMetric(1500*b.Elapsed().Seconds()/float64(b.N), "s/1500pdf")
}

// BenchmarkVerify is the offline check of a payload (the /verifier page's
// cryptographic part).
func BenchmarkVerify(b *testing.B) {
	is := testIssuer()
	p, _ := is.Payload(sampleCCP())
	for b.Loop() {
		if _, err := Verify(pub(is), p); err != nil {
			b.Fatal(err)
		}
	}
}
