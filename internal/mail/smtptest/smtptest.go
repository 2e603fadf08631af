// Package smtptest runs a real SMTP server process on the loopback for tests
// (the testsmtp command of this folder): messages it accepts are files the
// test reads back, it can be stopped and restarted on the same port, and told
// to answer 4xx or 5xx. StartWith makes it offer STARTTLS or speak TLS from
// the start, with a self-signed certificate made for the test (ClientTLS
// trusts it), and require AUTH PLAIN; each message records whether it came
// over TLS and who authenticated. The command is built once per test binary.
package smtptest

import (
	"bufio"
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
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

// Options are the security settings of a test server.
type Options struct {
	Security       string // "" (plain SMTP), "starttls" or "tls" (TLS from the start)
	User, Password string // when set, AUTH PLAIN is required before MAIL FROM
}

// Server is a running testsmtp process.
type Server struct {
	t        testing.TB
	Dir      string // where accepted messages are written
	Port     int
	opts     Options
	control  string
	certFile string // PEM files of the certificate, "" without TLS
	keyFile  string
	cert     *x509.Certificate
	cmd      *exec.Cmd
	stderr   bytes.Buffer
}

// Start builds testsmtp if needed and starts it on a free loopback port,
// plain SMTP without authentication; it is stopped at the end of the test.
func Start(t testing.TB) *Server {
	t.Helper()
	return StartWith(t, Options{})
}

// StartWith is Start with TLS and authentication settings. With a Security,
// the server uses a self-signed certificate for 127.0.0.1, made in the test's
// temporary folder and trusted by ClientTLS.
func StartWith(t testing.TB, opts Options) *Server {
	t.Helper()
	switch opts.Security {
	case "", "starttls", "tls":
	default:
		t.Fatalf("smtptest : sécurité %q inconnue : \"\", \"starttls\" ou \"tls\"", opts.Security)
	}
	if opts.User != "" && opts.Security == "" {
		t.Fatal("smtptest : l'authentification demande starttls ou tls (AUTH n'est offert que sur TLS)")
	}
	dir := t.TempDir()
	s := &Server{t: t, Dir: filepath.Join(dir, "recus"), opts: opts, control: filepath.Join(dir, "consignes")}
	if err := os.Mkdir(s.Dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if opts.Security != "" {
		s.certFile, s.keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
		var err error
		if s.cert, err = selfSigned(s.certFile, s.keyFile); err != nil {
			t.Fatalf("smtptest : certificat : %v", err)
		}
	}
	s.start("127.0.0.1:0")
	t.Cleanup(s.Stop)
	return s
}

// selfSigned writes a self-signed ECDSA P-256 certificate for the IP address
// 127.0.0.1, valid for one day, and its key, as PEM files.
func selfSigned(certFile, keyFile string) (*x509.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 128))
	if err != nil {
		return nil, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "testsmtp", Organization: []string{"certibloc tests"}},
		NotBefore:             now.Add(-time.Minute),
		NotAfter:              now.Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		return nil, err
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		return nil, err
	}
	return cert, nil
}

// ClientTLS is the client TLS configuration that trusts exactly the server's
// certificate, for the server name 127.0.0.1. It fails the test for a server
// without TLS.
func (s *Server) ClientTLS() *tls.Config {
	s.t.Helper()
	if s.cert == nil {
		s.t.Fatal("smtptest : ClientTLS sur un serveur sans TLS (Options.Security vide)")
	}
	roots := x509.NewCertPool()
	roots.AddCert(s.cert)
	return &tls.Config{RootCAs: roots, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12}
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
	args := []string{"-addr", addr, "-dir", s.Dir, "-control", s.control}
	if s.opts.Security != "" {
		args = append(args, "-tls", s.opts.Security, "-cert", s.certFile, "-key", s.keyFile)
	}
	if s.opts.User != "" {
		args = append(args, "-user", s.opts.User, "-password", s.opts.Password)
	}
	s.cmd = exec.Command(bin, args...)
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

// Restart starts the process again on the same port, with the same options
// and certificate.
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
	Types        map[string]string // Content-Type of each attachment, by name
	TLS          bool              // received over TLS (STARTTLS or implicit)
	AuthUser     string            // user authenticated by AUTH, "" if none
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
		Attachments: map[string][]byte{}, Types: map[string]string{}, TLS: msg.Header.Get("X-Test-TLS") == "yes", AuthUser: msg.Header.Get("X-Test-Auth")}
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
		m.Types[name] = contentType
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
