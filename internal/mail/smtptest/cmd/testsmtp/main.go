// Command testsmtp is a tiny SMTP server for certibloc's tests: it listens on
// the loopback, prints its port on standard output, and writes every message
// it accepts as a file of the -dir folder (NNN.eml, envelope first as
// X-Envelope-From and X-Envelope-To headers). The -control file, read at every
// command, makes it refuse: a line "rcpt 451 message" or "data 550 message"
// answers that code to RCPT TO or DATA; an empty or missing file accepts all.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-smtp"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "adresse d'écoute (boucle locale)")
	dir := flag.String("dir", "", "dossier où écrire les messages reçus (obligatoire)")
	control := flag.String("control", "", "fichier de consignes de refus (facultatif)")
	flag.Parse()
	if *dir == "" {
		log.Fatal("testsmtp : -dir est obligatoire")
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatalf("testsmtp : %v", err)
	}
	be := &backend{dir: *dir, control: *control}
	s := smtp.NewServer(be)
	s.Domain = "testsmtp.local"
	s.ReadTimeout, s.WriteTimeout = 30*time.Second, 30*time.Second
	s.MaxMessageBytes = 20 << 20
	s.EnableSMTPUTF8 = true
	fmt.Println(ln.Addr().(*net.TCPAddr).Port)
	if err := s.Serve(ln); err != nil && !errors.Is(err, smtp.ErrServerClosed) {
		log.Fatalf("testsmtp : %v", err)
	}
}

type backend struct {
	dir, control string
	mu           sync.Mutex
	seq          int
}

func (b *backend) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{b: b}, nil }

// refusal returns the error the control file asks for at a stage, nil if none.
func (b *backend) refusal(stage string) error {
	if b.control == "" {
		return nil
	}
	raw, err := os.ReadFile(b.control)
	if err != nil {
		return nil
	}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for sc.Scan() {
		fields := strings.SplitN(strings.TrimSpace(sc.Text()), " ", 3)
		if len(fields) < 2 || fields[0] != stage {
			continue
		}
		code, err := strconv.Atoi(fields[1])
		if err != nil {
			continue
		}
		msg := "refus de test"
		if len(fields) == 3 {
			msg = fields[2]
		}
		return &smtp.SMTPError{Code: code, EnhancedCode: smtp.EnhancedCodeNotSet, Message: msg}
	}
	return nil
}

// save writes a message atomically: a reader never sees half a file.
func (b *backend) save(from string, to []string, body []byte) error {
	b.mu.Lock()
	b.seq++
	name := fmt.Sprintf("%d-%06d.eml", time.Now().UnixNano(), b.seq)
	b.mu.Unlock()
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "X-Envelope-From: %s\r\nX-Envelope-To: %s\r\n", from, strings.Join(to, ", "))
	buf.Write(body)
	tmp := filepath.Join(b.dir, "."+name+".tmp")
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(b.dir, name))
}

type session struct {
	b    *backend
	from string
	to   []string
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	s.from = from
	return s.b.refusal("mail")
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if err := s.b.refusal("rcpt"); err != nil {
		return err
	}
	s.to = append(s.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	body, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if err := s.b.refusal("data"); err != nil {
		return err
	}
	return s.b.save(s.from, s.to, body)
}

func (s *session) Reset() { s.from, s.to = "", nil }

func (s *session) Logout() error { return nil }
