package accrochage

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Report is the CDC's acknowledgement of one flow (accusé de traitement).
type Report struct {
	FileName string    // nomFichier: the flow's file as uploaded
	Accepted []string  // idTechnique of the records accepted, in the report's order
	Rejected []Outcome // the records rejected, with the CDC's messages
	// Existing are the records the CDC rejected because it already holds
	// them: they count as accepted (and are also in Accepted).
	Existing []Outcome
}

// Outcome is one record of the report with the CDC's message.
type Outcome struct {
	ID      string
	Message string // messageErreur; several are joined with " ; "
}

// AlreadyExists reports whether a CDC error message says the record is
// already there, which counts as accepted. The schema says nothing of the
// acknowledgement; the CDC's messages read "… existe déjà …".
func AlreadyExists(message string) bool {
	m := strings.ToLower(message)
	return strings.Contains(m, "existe déjà") || strings.Contains(m, "existe deja") || strings.Contains(m, "already exists")
}

// ParseReport reads an acknowledgement: a rapport element naming the flow
// in nomFichier, the accepted records' idTechnique under PassagesOK (bare
// or inside a passage), and each rejected passage (anywhere else) with its
// idTechnique and messageErreur. Namespaces, letter case of the element
// names and surrounding whitespace are ignored.
func ParseReport(data []byte) (Report, error) {
	var r Report
	if len(bytes.TrimSpace(data)) == 0 {
		return r, errors.New("accusé de traitement vide")
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	dec.CharsetReader = func(charset string, in io.Reader) (io.Reader, error) {
		if strings.EqualFold(charset, "iso-8859-1") || strings.EqualFold(charset, "latin1") {
			return latin1(in)
		}
		return nil, fmt.Errorf("encodage %q non pris en charge", charset)
	}
	var (
		path []string // lower-case local names from the root
		text strings.Builder
		cur  *passageText // the passage being read
		ok   = map[string]bool{}
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, _ := dec.InputPos()
			return Report{}, fmt.Errorf("accusé de traitement illisible (ligne %d) : ce n'est pas un XML valide", line)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			if len(path) == 0 && name != "rapport" {
				return Report{}, fmt.Errorf("accusé de traitement illisible : l'élément racine est « %s », « rapport » attendu", t.Name.Local)
			}
			path = append(path, name)
			text.Reset()
			if name == "passage" && cur == nil {
				cur = &passageText{ok: under(path, "passagesok")}
			}
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			name := path[len(path)-1]
			v := strings.Join(strings.Fields(text.String()), " ")
			switch {
			case name == "nomfichier" && len(path) == 2:
				r.FileName = v
			case name == "idtechnique" && cur != nil:
				cur.id = v
			case name == "idtechnique" && under(path, "passagesok"):
				if v == "" {
					return Report{}, errors.New("accusé de traitement illisible : un idTechnique vide dans PassagesOK")
				}
				r.addAccepted(ok, v)
			case name == "messageerreur" && cur != nil && v != "":
				cur.messages = append(cur.messages, v)
			case name == "passage" && cur != nil:
				if err := r.addPassage(ok, *cur); err != nil {
					return Report{}, err
				}
				cur = nil
			}
			path = path[:len(path)-1]
			text.Reset()
		}
	}
	if r.FileName == "" {
		return Report{}, errors.New("accusé de traitement illisible : nomFichier manquant (le fichier du flux n'est pas nommé)")
	}
	return r, nil
}

type passageText struct {
	ok       bool
	id       string
	messages []string
}

func under(path []string, name string) bool {
	for _, p := range path[:len(path)-1] {
		if p == name {
			return true
		}
	}
	return false
}

func (r *Report) addAccepted(ok map[string]bool, id string) {
	if !ok[id] {
		ok[id] = true
		r.Accepted = append(r.Accepted, id)
	}
}

func (r *Report) addPassage(ok map[string]bool, p passageText) error {
	if p.id == "" {
		return errors.New("accusé de traitement illisible : un passage sans idTechnique")
	}
	msg := strings.Join(p.messages, " ; ")
	switch {
	case p.ok:
		r.addAccepted(ok, p.id)
	case AlreadyExists(msg):
		r.addAccepted(ok, p.id)
		r.Existing = append(r.Existing, Outcome{ID: p.id, Message: msg})
	default:
		if msg == "" {
			msg = "rejeté par la Caisse des Dépôts sans message"
		}
		r.Rejected = append(r.Rejected, Outcome{ID: p.id, Message: msg})
	}
	return nil
}

// CheckFile says whether the report is about one of the flows sent, given
// their file names (FileName), and returns that flow's index in names.
func (r Report) CheckFile(names []string) (int, error) {
	for i, n := range names {
		if strings.EqualFold(n, r.FileName) {
			return i, nil
		}
	}
	return -1, fmt.Errorf("l'accusé de traitement concerne le fichier « %s », qui n'est pas un flux envoyé par la plateforme", r.FileName)
}

// latin1 decodes ISO-8859-1 into UTF-8.
func latin1(in io.Reader) (io.Reader, error) {
	b, err := io.ReadAll(in)
	if err != nil {
		return nil, err
	}
	out := make([]rune, len(b))
	for i, c := range b {
		out[i] = rune(c)
	}
	return strings.NewReader(string(out)), nil
}
