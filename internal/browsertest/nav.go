package browsertest

import (
	"context"
	"errors"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// navigationGrace is how long an action may take to start a navigation
// before the tab takes it as an action that does not navigate.
const navigationGrace = 500 * time.Millisecond

// mainFrame returns the id of the main frame of the tab, which Chrome gives
// the id of the target.
func mainFrame(ctx context.Context) cdp.FrameID {
	return cdp.FrameID(chromedp.FromContext(ctx).Target.TargetID)
}

// navigating runs the action. When the action starts a navigation of the main
// frame, it waits until the new page has loaded.
func (tb *Tab) navigating(what string, action chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()

	started := make(chan struct{})
	loaded := make(chan struct{})
	var isStarted, isLoaded bool // only the listener touches them
	err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *page.EventFrameRequestedNavigation:
			if ev.FrameID == tb.frame && !isStarted {
				isStarted = true
				close(started)
			}
		case *page.EventFrameStartedLoading:
			if ev.FrameID == tb.frame && !isStarted {
				isStarted = true
				close(started)
			}
		case *page.EventFrameStoppedLoading:
			if ev.FrameID == tb.frame && isStarted && !isLoaded {
				isLoaded = true
				close(loaded)
			}
		}
	})
	if err == nil {
		err = chromedp.Do(ctx, action)
	}
	if err != nil {
		tb.fail(what, err)
	}

	select {
	case <-started:
	case <-time.After(navigationGrace):
		return // no navigation
	case <-ctx.Done():
		tb.fail(what, ctx.Err())
	}
	select {
	case <-loaded:
	case <-ctx.Done():
		tb.fail(what, errors.New("the new page did not finish loading"))
	}
}
