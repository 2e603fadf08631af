package browsertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
)

// actionTimeout bounds each action of a [Tab].
const actionTimeout = 15 * time.Second

// Tab is a browser tab with its own cookies. Its methods fail the test that
// opened the tab when the action does not succeed within the timeout, so a
// subtest opens a tab of its own.
type Tab struct {
	t     testing.TB
	ctx   context.Context
	axe   string
	frame cdp.FrameID // the main frame

	mu      sync.Mutex
	console []string // errors and exceptions of the page
}

// Navigate loads url and waits for the page to load.
func (tb *Tab) Navigate(url string) {
	tb.t.Helper()
	tb.do("navigate to "+url, chromedp.Navigate(url))
}

// Fill clears the field that selector matches and types value into it. A
// select, date or other field that has no text to type gets its value set,
// with the input and change events that a person would cause.
func (tb *Tab) Fill(selector, value string) {
	tb.t.Helper()
	what := fmt.Sprintf("fill %s with %q", selector, value)
	nodes := run(tb, what, chromedp.Nodes(chromedp.CSS(selector), chromedp.NodeVisible))
	n := nodes[0]
	if typed(n) {
		tb.do(what,
			setValue(selector, ""),
			chromedp.SendKeys(chromedp.CSS(selector), value),
		)
		return
	}
	tb.do(what, setValue(selector, value))
	if got := run(tb, what, chromedp.Value(chromedp.CSS(selector))); got != value {
		tb.fail(what, fmt.Errorf("the %s kept the value %q (no such option?)", strings.ToLower(n.NodeName), got))
	}
}

// setValue sets the value of the field, and fires the input and change
// events that a person would cause.
func setValue(selector, value string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`{
	const el = document.querySelector(%s);
	el.value = %s;
	for (const type of ["input", "change"]) el.dispatchEvent(new Event(type, {bubbles: true}));
}`, jsString(selector), jsString(value)))
}

// typed reports whether a person fills the field by typing.
func typed(n *chromedp.Node) bool {
	switch n.NodeName {
	case "TEXTAREA":
		return true
	case "INPUT":
		return slices.Contains([]string{"", "text", "email", "password", "search", "tel", "url", "number"},
			strings.ToLower(n.AttributeValue("type")))
	}
	return false
}

// Click clicks the element that selector matches, and waits for the new page
// when the click starts a navigation.
func (tb *Tab) Click(selector string) {
	tb.t.Helper()
	tb.navigating("click "+selector, chromedp.Click(chromedp.CSS(selector)))
}

// Submit submits the form of the element that selector matches, without a
// click, and waits for the new page.
func (tb *Tab) Submit(selector string) {
	tb.t.Helper()
	tb.navigating("submit "+selector, chromedp.Submit(chromedp.CSS(selector)))
}

// Text returns the visible text of the element that selector matches.
func (tb *Tab) Text(selector string) string {
	tb.t.Helper()
	return run(tb, "read the text of "+selector, chromedp.Text(chromedp.CSS(selector)))
}

// URL returns the URL of the page.
func (tb *Tab) URL() string {
	tb.t.Helper()
	return run(tb, "read the URL", chromedp.Location())
}

// HTML returns the HTML of the whole page, as the browser has it now.
func (tb *Tab) HTML() string {
	tb.t.Helper()
	return run(tb, "read the HTML", chromedp.Evaluate[string](`document.documentElement.outerHTML`))
}

// WaitVisible waits until the element that selector matches is visible.
func (tb *Tab) WaitVisible(selector string) {
	tb.t.Helper()
	tb.do("wait for "+selector+" to be visible", chromedp.WaitVisible(chromedp.CSS(selector)))
}

// Screenshot saves the whole page to path, as PNG when path ends in .png and
// as JPEG otherwise.
func (tb *Tab) Screenshot(path string) {
	tb.t.Helper()
	quality := 90
	if strings.EqualFold(filepath.Ext(path), ".png") {
		quality = 100 // PNG
	}
	buf := run(tb, "take a screenshot", chromedp.FullScreenshot(quality))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.t.Fatalf("browsertest: screenshot: %v", err)
	}
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		tb.t.Fatalf("browsertest: screenshot: %v", err)
	}
}

// ConsoleErrors returns the errors and uncaught exceptions that the pages of
// the tab reported so far.
func (tb *Tab) ConsoleErrors() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return slices.Clone(tb.console)
}

// do runs the actions with the timeout of an action, and fails the test on
// error.
func (tb *Tab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		tb.fail(what, err)
	}
}

// run runs the action with the timeout of an action, and fails the test on
// error.
func run[T any](tb *Tab, what string, a chromedp.Action[T]) T {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		tb.fail(what, err)
	}
	return v
}

// fail ends the test with the error, the URL of the page and the errors of
// its console.
func (tb *Tab) fail(what string, err error) {
	tb.t.Helper()
	if errors.Is(err, context.DeadlineExceeded) {
		err = fmt.Errorf("timed out (%w): does the selector match a visible element?", err)
	}
	msg := fmt.Sprintf("browsertest: %s: %v\npage: %s", what, err, tb.location())
	if errs := tb.ConsoleErrors(); len(errs) > 0 {
		msg += "\nconsole errors:\n  " + strings.Join(errs, "\n  ")
	}
	tb.t.Fatalf("%s", msg)
}

// location returns the URL of the page, or a note when it cannot be read.
func (tb *Tab) location() string {
	ctx, cancel := context.WithTimeout(tb.ctx, 2*time.Second)
	defer cancel()
	url, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return fmt.Sprintf("(unknown: %v)", err)
	}
	return url
}

// collectConsole keeps the errors and exceptions of the page until the tab
// closes.
func (tb *Tab) collectConsole() {
	for m, err := range chromedp.Console(tb.ctx) {
		if err != nil {
			return
		}
		if m.Type != chromedp.ConsoleError && !m.IsException() {
			continue
		}
		tb.mu.Lock()
		tb.console = append(tb.console, fmt.Sprintf("%s (%s:%d)", m.Text, m.URL, m.Line+1))
		tb.mu.Unlock()
	}
}

// Upload chooses the files of a file input, as a person picking them would.
func (tb *Tab) Upload(selector string, paths ...string) {
	tb.t.Helper()
	tb.do("upload to "+selector, chromedp.SetUploadFiles(chromedp.CSS(selector), paths))
}

// Fetched is the answer to a [Tab.Fetch].
type Fetched struct {
	Status int    `json:"status"`
	Type   string `json:"type"`
	Head   string `json:"head"` // the first bytes of the body, as text
}

// Fetch requests url from the page, with the tab's cookies, as following a
// download link would (a download itself leaves nothing to read in the tab),
// and returns the answer's status, type and first bytes.
func (tb *Tab) Fetch(url string) Fetched {
	tb.t.Helper()
	js := fmt.Sprintf(`fetch(%q).then(async r => ({status: r.status, type: r.headers.get("Content-Type") || "", head: (await r.text()).slice(0, 16)}))`, url)
	return run(tb, "fetch "+url, chromedp.Evaluate[Fetched](js, chromedp.EvalAwaitPromise))
}

// Resize gives the page a viewport of width × height CSS pixels, as a phone
// (390 × 844) or a desktop window would, until the tab closes or is resized
// again.
func (tb *Tab) Resize(width, height int64) {
	tb.t.Helper()
	tb.do(fmt.Sprintf("resize to %d×%d", width, height), chromedp.EmulateViewport(width, height))
}

// Eval evaluates a JavaScript expression in the page and returns its value,
// decoded from JSON into T.
func Eval[T any](tb *Tab, expression string) T {
	tb.t.Helper()
	return run(tb, "evaluate "+expression, chromedp.Evaluate[T](expression))
}
