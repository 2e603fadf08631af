// Package mail sends certibloc's outbound mail: French templates rendered by
// the callers, an outbox written in the caller's transaction (package store),
// and a background Worker that delivers it over SMTP with retries.
//
// # Templates
//
// Each kind of mail is two files of the templates folder, named after the kind:
//
//   - NAME.txt, the plain-text part (text/template). Its first line is
//     "Subject: …", the subject of the mail (it may use the data too); the body
//     follows after a blank line.
//   - NAME.html, the HTML part (html/template): only the content, which the
//     shared layout (_layout.html) wraps. Keep the styling inline and simple,
//     in the site's colours (internal/web/static/style.css: a test holds every
//     mail to them); the function button(URL, label) draws a link as a button.
//
// Every mail has both parts: the plain text reads on its own. Its footer
// (_footer.txt) and the HTML layout's header and footer name the platform,
// the certifier and the exam office (certif.Names), each once, and say whom
// to write to.
//
// Adding a kind is dropping these two files; files whose name starts with "_"
// are shared. Every template is parsed and checked when the package first
// renders (or at start: Check), so a broken file stops the server at start,
// not in front of a user. Both parts get the same data; date helpers: frDate
// (certif.Date), frTime (a timestamp in Paris time, "dd/mm/yyyy à hh:mm").
// Compose renders a kind into a store.Mail ready for tx.enqueueMail.
//
// # Delivery
//
// The Worker claims due rows of the outbox under a lease (two workers never
// hold the same row), sends each through the Sender with the Message-ID
// <outbox-ID@certibloc> (the same at every attempt, so that a copy sent again
// after a crash is recognised), and records the outcome:
//
//   - accepted: "envoyé";
//   - a temporary failure (server unreachable, timeout, 4xx answer): retried
//     after 1, 5, 15 minutes, then 1 hour, then every 3 hours, until the mail
//     is 3 days old, then "échec";
//   - a permanent refusal (5xx answer): retried the same way, and "échec" at
//     the third 5xx answer;
//   - a row left "en cours" past its lease (a sender that crashed) is claimed
//     again.
//
// A worker that stops finishes the mail in progress and gives the rest of its
// batch back. The office sees every row, its attempts and last error in
// French, and sends a failed mail again. With no SMTP host configured nothing
// is sent: the mails stay queued, visible to the office, until a host is
// configured.
//
// Invitations and password resets carry a personal link (Confidential): the
// office never sees their content, and the outbox erases it once the mail is
// sent; the link itself is kept hashed (store.AccountLink).
package mail
