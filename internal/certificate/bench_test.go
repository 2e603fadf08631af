package certificate

import (
	"io"
	"testing"
)

// BenchmarkPDF measures one certificate PDF; the goal of issue 13 is 1,500
// within a 10 s proclamation. A French name prints with the Windows-1252 cut
// of the fonts (winansi), a name outside the code page with the whole
// Unicode fonts (unicode, the rare case):
//
//	go test -run XXX -bench 'PDF|QR' ./internal/certificate
func BenchmarkPDF(b *testing.B) {
	for _, tc := range []struct {
		name string
		c    Certificate
	}{{"winansi", sampleCCP()}, {"unicode", polishHolder()}} {
		b.Run(tc.name, func(b *testing.B) {
			is := testIssuer()
			b.ReportAllocs()
			for b.Loop() {
				if err := is.PDF(io.Discard, tc.c); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/pdf")
			b.ReportMetric(1500*b.Elapsed().Seconds()/float64(b.N), "s/1500pdf")
		})
	}
}

// BenchmarkPDFParallel is the same on every core, as a proclamation renders
// its certificates (they need no shared state).
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
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/pdf")
	b.ReportMetric(1500*b.Elapsed().Seconds()/float64(b.N), "s/1500pdf")
}

// BenchmarkQR is the QR code's part: encoding the verification URL (the
// mask of lowest penalty is chosen among eight).
func BenchmarkQR(b *testing.B) {
	link := must(testIssuer().VerificationURL(sampleCCP()))
	for b.Loop() {
		if _, err := encodeQR(link); err != nil {
			b.Fatal(err)
		}
	}
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
