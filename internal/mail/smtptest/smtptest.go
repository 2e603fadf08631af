// Package smtptest runs a real SMTP server process on the loopback for tests
// (the testsmtp command of this folder): messages it accepts are files the
// test reads back, it can be stopped and restarted on the same port, and told
// to answer 4xx or 5xx. The command is built once per test binary.
package smtptest

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
)

// build compiles the testsmtp command into a temporary folder shared by the
// test binaries (replaced atomically, so parallel builds do not collide).
func build() (string, error) {
	buildOnce.Do(func() {
		goTool, err := exec.LookPath("go")
		if err != nil {
			buildErr = fmt.Errorf("commande go introuvable : testsmtp ne peut pas être compilé : %v", err)
			return
		}
		dir := filepath.Join(os.TempDir(), "certibloc-testsmtp")
		if buildErr = os.MkdirAll(dir, 0o755); buildErr != nil {
			return
		}
		binary = filepath.Join(dir, "testsmtp")
		tmp := binary + ".tmp" + strconv.Itoa(os.Getpid())
		out, err := exec.Command(goTool, "build", "-o", tmp, "certibloc/internal/mail/smtptest/cmd/testsmtp").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("compilation de testsmtp : %v\n%s", err, out)
			return
		}
		buildErr = os.Rename(tmp, binary)
	})
	return binary, buildErr
}

// Server is a running testsmtp process.
type Server struct {
	t       testing.TB
	Dir     string // where accepted messages are written
	Port    int
	control string
	cmd     *exec.Cmd
	stderr  bytes.Buffer
}

// Start builds testsmtp if needed and starts it on a free loopback port; it is
// stopped at the end of the test.
func Start(t testing.TB) *Server {
	t.Helper()
	dir := t.TempDir()
	s := &Server{t: t, Dir: filepath.Join(dir, "recus"), control: filepath.Join(dir, "consignes")}
	if err := os.Mkdir(s.Dir, 0o755); err != nil {
		t.Fatal(err)
	}
	s.start("127.0.0.1:0")
	t.Cleanup(s.Stop)
	return s
}

// Host is the address to connect to.
func (s *Server) Host() string { return "127.0.0.1" }

func (s *Server) start(addr string) {
	s.t.Helper()
	bin, err := build()
	if err != nil {
		s.t.Fatal(err)
	}
	s.stderr.Reset()
	s.cmd = exec.Command(bin, "-addr", addr, "-dir", s.Dir, "-control", s.control)
	s.cmd.Stderr = &s.stderr
	out, err := s.cmd.StdoutPipe()
	if err != nil {
		s.t.Fatal(err)
	}
	if err := s.cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		_ = s.cmd.Wait()
		s.t.Fatalf("testsmtp n'a pas démarré : %v\n%s", err, s.stderr.String())
	}
	if s.Port, err = strconv.Atoi(strings.TrimSpace(line)); err != nil {
		s.t.Fatalf("testsmtp : port illisible %q", line)
	}
}

// Stop ends the process: the port then refuses connections.
func (s *Server) Stop() {
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
	s.cmd = nil
}

// Restart starts the process again on the same port.
func (s *Server) Restart() {
	s.t.Helper()
	s.Stop()
	s.start("127.0.0.1:" + strconv.Itoa(s.Port))
}

// Refuse makes the server answer code to a stage ("mail", "rcpt" or "data")
// from now on; code 0 accepts again.
func (s *Server) Refuse(stage string, code int) {
	s.t.Helper()
	content := ""
	if code != 0 {
		content = fmt.Sprintf("%s %d refus de test %d\n", stage, code, code)
	}
	if err := os.WriteFile(s.control, []byte(content), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// Message is a mail the server accepted, decoded.
type Message struct {
	EnvelopeFrom string
	EnvelopeTo   []string
	Header       mail.Header
	Subject      string // decoded
	MessageID    string
	Text, HTML   string // decoded parts, with \n line ends
	Attachments  map[string][]byte
	Raw          []byte
}

// Messages reads the messages accepted so far, in the order received.
func (s *Server) Messages() []Message {
	s.t.Helper()
	names, err := filepath.Glob(filepath.Join(s.Dir, "*.eml"))
	if err != nil {
		s.t.Fatal(err)
	}
	sort.Strings(names)
	var out []Message
	for _, name := range names {
		raw, err := os.ReadFile(name)
		if err != nil {
			s.t.Fatal(err)
		}
		m, err := Parse(raw)
		if err != nil {
			s.t.Fatalf("%s : %v", filepath.Base(name), err)
		}
		out = append(out, m)
	}
	return out
}

// Wait polls until at least n messages were accepted, or fails the test after
// timeout.
func (s *Server) Wait(n int, timeout time.Duration) []Message {
	s.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		msgs := s.Messages()
		if len(msgs) >= n {
			return msgs
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("%d courriels reçus au bout de %s, %d attendus", len(msgs), timeout, n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Parse decodes a stored message: headers, text and HTML parts, attachments.
func Parse(raw []byte) (Message, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return Message{}, err
	}
	m := Message{Raw: raw, Header: msg.Header, EnvelopeFrom: msg.Header.Get("X-Envelope-From"),
		EnvelopeTo: strings.Split(msg.Header.Get("X-Envelope-To"), ", "), MessageID: msg.Header.Get("Message-Id"),
		Attachments: map[string][]byte{}}
	if m.Subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); err != nil {
		return m, err
	}
	return m, m.walk(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), "", msg.Body)
}

// walk decodes one MIME part, recursing into multiparts.
func (m *Message) walk(contentType, encoding, disposition string, body io.Reader) error {
	media, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return fmt.Errorf("Content-Type %q : %w", contentType, err)
	}
	if strings.HasPrefix(media, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			if err := m.walk(p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p.Header.Get("Content-Disposition"), p); err != nil {
				return err
			}
		}
	}
	switch strings.ToLower(encoding) {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, newlineStripper{body})
	}
	data, err := io.ReadAll(body)
	if err != nil {
		return err
	}
	if _, dparams, err := mime.ParseMediaType(disposition); err == nil && dparams["filename"] != "" {
		name, err := new(mime.WordDecoder).DecodeHeader(dparams["filename"])
		if err != nil {
			return err
		}
		m.Attachments[name] = data
		return nil
	}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	switch media {
	case "text/plain":
		m.Text = text
	case "text/html":
		m.HTML = text
	}
	return nil
}

// newlineStripper drops the line breaks of a base64 body.
type newlineStripper struct{ r io.Reader }

func (n newlineStripper) Read(p []byte) (int, error) {
	k, err := n.r.Read(p)
	out := p[:0]
	for _, b := range p[:k] {
		if b != '\r' && b != '\n' {
			out = append(out, b)
		}
	}
	return len(out), err
}
