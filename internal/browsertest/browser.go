package browsertest

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// startTimeout bounds the start of the browser and the opening of a tab.
const startTimeout = 30 * time.Second

// Browser is a headless Chromium that a test started with [Start].
type Browser struct {
	ctx context.Context // the chromedp context that owns the browser
	axe string          // the source of axe.min.js
}

// Start launches a headless Chromium for the test and closes it when the test
// ends. It skips the test when Chromium or axe-core is missing, or fails it
// when the environment variable CI is set.
func Start(t testing.TB) *Browser {
	t.Helper()
	exe, axePath := requirements(t)
	b, stop, err := launch(exe, axePath)
	if err != nil {
		t.Fatalf("%v", err)
	}
	t.Cleanup(stop)
	return b
}

// launch starts a headless Chromium; stop closes it.
func launch(exe, axePath string) (*Browser, func(), error) {
	axe, err := os.ReadFile(axePath)
	if err != nil {
		return nil, nil, fmt.Errorf("browsertest: read axe-core: %v", err)
	}
	dir, err := os.MkdirTemp("", "browsertest-profile-")
	if err != nil {
		return nil, nil, fmt.Errorf("browsertest: profile directory: %v", err)
	}
	out := new(lockedBuffer)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(dir),
		chromedp.CombinedOutput(out),
		chromedp.WindowSize(1280, 1024),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	)
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	stop := func() {
		cancel()
		allocCancel() // waits for the browser process to exit
		os.RemoveAll(dir)
	}
	// The first action starts the browser and binds it to ctx, so it must
	// not run under a timeout; a watchdog bounds it instead.
	timer := time.AfterFunc(startTimeout, cancel)
	err = chromedp.Do(ctx)
	if !timer.Stop() {
		err = context.DeadlineExceeded
	}
	if err != nil {
		stop()
		return nil, nil, fmt.Errorf("browsertest: start %s: %v\nbrowser output:\n%s", exe, err, out)
	}
	return &Browser{ctx: ctx, axe: string(axe)}, stop, nil
}

// NewTab opens a tab in a new browser context, with its own cookies and
// storage, and closes it when the test ends.
func (b *Browser) NewTab(t testing.TB) *Tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)

	tab := &Tab{t: t, ctx: ctx, axe: b.axe}
	// As for the browser, the first action binds the tab to ctx.
	timer := time.AfterFunc(startTimeout, cancel)
	err := chromedp.Do(ctx)
	if !timer.Stop() {
		err = context.DeadlineExceeded
	}
	if err != nil {
		t.Fatalf("browsertest: open a tab: %v", err)
	}
	tab.frame = mainFrame(ctx)
	go tab.collectConsole()
	return tab
}

// lockedBuffer collects the output of the browser, which its own goroutine
// writes while the test may read it.
type lockedBuffer struct {
	mu sync.Mutex
	sb strings.Builder
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.sb.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.sb.String()
}
