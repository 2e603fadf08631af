package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// a11yTimeout bounds one run of axe-core.
const a11yTimeout = 30 * time.Second

// a11yTags are the rules that CheckA11y applies: WCAG 2.0 and 2.1, levels A
// and AA.
const a11yTags = `['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']`

// axeRun runs axe-core on the document and returns its violations in the
// shape of [Violation].
const axeRun = `axe.run(document, {runOnly: {type: 'tag', values: ` + a11yTags + `}}).then(r => r.violations.map(v => ({
	id: v.id,
	impact: v.impact || '',
	help: v.help,
	helpUrl: v.helpUrl,
	nodes: v.nodes.map(n => ({
		target: n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : String(t)),
		html: n.html,
		summary: n.failureSummary || '',
	})),
})))`

// Violation is a rule of axe-core that the page breaks.
type Violation struct {
	ID      string          `json:"id"`     // the rule, such as "image-alt"
	Impact  string          `json:"impact"` // minor, moderate, serious or critical
	Help    string          `json:"help"`
	HelpURL string          `json:"helpUrl"`
	Nodes   []ViolationNode `json:"nodes"`
}

// ViolationNode is an element that breaks a rule.
type ViolationNode struct {
	Target  []string `json:"target"`  // CSS selectors, one for each frame
	HTML    string   `json:"html"`    // the start of the element's HTML
	Summary string   `json:"summary"` // how to fix it
}

// maxNodes is the number of elements that CheckA11y shows for each rule.
const maxNodes = 3

// CheckA11y runs axe-core on the page, for WCAG 2.1 A and AA, and fails the
// test with every violation that it finds.
func (tb *Tab) CheckA11y() {
	tb.t.Helper()
	vs := tb.Violations()
	if len(vs) == 0 {
		return
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "browsertest: %d accessibility violation(s) (axe-core, WCAG 2.1 A/AA) on %s", len(vs), tb.location())
	for _, v := range vs {
		fmt.Fprintf(&sb, "\n- %s [%s]: %s (%s)", v.ID, v.Impact, v.Help, v.HelpURL)
		for i, n := range v.Nodes {
			if i == maxNodes {
				fmt.Fprintf(&sb, "\n    … and %d more", len(v.Nodes)-maxNodes)
				break
			}
			fmt.Fprintf(&sb, "\n    %s  %s", strings.Join(n.Target, " "), snippet(n.HTML))
		}
	}
	tb.t.Fatalf("%s", sb.String())
}

// Violations runs axe-core on the page, for WCAG 2.1 A and AA, and returns
// the violations.
func (tb *Tab) Violations() []Violation {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, a11yTimeout)
	defer cancel()
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof axe === 'object'`))
	if err == nil && !loaded {
		// The script is an expression whose value is no JSON: end it with one.
		err = chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](tb.axe+"\n;true"))
	}
	if err != nil {
		tb.fail("load axe-core", err)
	}
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]Violation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.fail("run axe-core", err)
	}
	return vs
}

// snippet returns the HTML on one line, cut to a readable length.
func snippet(html string) string {
	const limit = 160
	s := strings.Join(strings.Fields(html), " ")
	if r := []rune(s); len(r) > limit {
		s = string(r[:limit]) + "…"
	}
	return s
}

// jsString returns s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
