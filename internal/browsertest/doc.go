// Package browsertest drives a headless Chromium from Go tests and checks the
// accessibility of the pages it shows with axe-core.
//
// A test starts the browser once with [Start], opens a [Tab] for each
// scenario with [Browser.NewTab], and acts on the page as a person would:
//
//	b := browsertest.Start(t)
//	tab := b.NewTab(t)
//	tab.Navigate(srv.URL + "/connexion")
//	tab.Fill("#email", "ada@example.org")
//	tab.Click("button[type=submit]")
//	tab.CheckA11y()
//
// Each tab lives in its own browser context, so cookies and storage do not
// leak from one tab to another. Every action has a timeout and fails the test
// with the URL of the page when it goes wrong.
//
// The package needs Chromium and the axe-core script. [Start] looks for
// Chromium in $CERTIBLOC_CHROMIUM, /usr/bin/chromium and the PATH, and for
// axe-core in $CERTIBLOC_AXE or node_modules/axe-core/axe.min.js (installed by
// "npm ci" at the root of the module). When one of them is missing, the test
// is skipped, or fails when $CI is set.
package browsertest
