package web_test

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"certibloc/internal/certif"
)

// importLines is a registration file of n new candidates, named after round so
// that each round's commit creates them all again.
func importLinesOfRound(n, round int) []byte {
	var b strings.Builder
	b.WriteString(importHeader)
	for i := range n {
		birth := certif.MustDate("1970-01-01").AddDays(i)
		fmt.Fprintf(&b, "Roux-%s;;Anne;F;%s;69123;;COS;complet;;05/04/2027;CDI;non;;non;\r\n", letters(round), birth.French())
	}
	return []byte(b.String())
}

// letters writes n in letters (names have no digits): 1 → "b", 26 → "ba".
func letters(n int) string {
	s := ""
	for {
		s = string(rune('a'+n%26)) + s
		if n /= 26; n == 0 {
			return s
		}
	}
}

// BenchmarkBearerGetDuringImports measures an API call with a bearer token
// (GET /api/v1/me, one at a time) while the same employer's HR imports files
// of 5,000 lines over and over, on SQLite: "quiet" without imports,
// "preview" while files are checked, "commit" while they are checked and
// recorded (each round new candidates). It reports the calls' median and p99
// latency (ms) and the imports done; the goal is a p99 ≤ 100 ms during either.
//
//	go test -run XXX -bench BearerGetDuringImports -benchtime 2000x ./internal/web
func BenchmarkBearerGetDuringImports(b *testing.B) {
	for _, phase := range []string{"quiet", "preview", "commit"} {
		b.Run(phase, func(b *testing.B) {
			e := newEnv(b)
			hr := e.as("employer")
			stop := make(chan struct{})
			var wg sync.WaitGroup
			imports := 0
			if phase != "quiet" {
				wg.Go(func() {
					for round := 1; ; round++ {
						select {
						case <-stop:
							return
						default:
						}
						res := hr.upload("/imports", "inscriptions.csv", importLinesOfRound(5000, round))
						page, _ := io.ReadAll(res.Body)
						res.Body.Close()
						m := commitForm.FindSubmatch(page)
						if m == nil {
							b.Errorf("aperçu refusé : %d", res.StatusCode)
							return
						}
						if phase == "commit" {
							res := hr.post(string(m[1]), nil)
							if drain(res); res.StatusCode != http.StatusSeeOther {
								b.Errorf("validation : %d", res.StatusCode)
							}
						}
						imports++
					}
				})
			}
			var took []time.Duration
			for b.Loop() {
				start := time.Now()
				drain(e.api("GET", "/api/v1/me", "employer", ""))
				took = append(took, time.Since(start))
			}
			close(stop)
			wg.Wait()
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "median-ms")
			b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
			b.ReportMetric(float64(imports), "imports")
		})
	}
}

func drain(res *http.Response) {
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
}
