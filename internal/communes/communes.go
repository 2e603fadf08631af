// Package communes is the official list of French communes the INSEE code of
// a birth commune is checked against, shipped in the binary: the Code
// officiel géographique (COG) of INSEE, millésime 2026, as published by
// Etalab in the npm package @etalab/decoupage-administratif, version 6.0.0
// (data/communes.json, MIT licence). scripts/gen-communes.sh regenerates
// communes.tsv.gz from it: one line per code with its name, department and
// kind; update Version and COG below with it.
//
// People were born in communes that no longer exist, so the list keeps, next
// to the current communes, the communes déléguées and associées of merged
// communes and the former codes of absorbed ones (named after the commune
// that absorbed them). It also keeps the arrondissements municipaux of
// Paris, Lyon and Marseille (75101…75120, 69381…69389, 13201…13216): the
// civil registry records a birth in Paris under the arrondissement's code,
// so both the arrondissement's code and the city's (75056) are valid
// birth places. Codes 99xxx name foreign countries in INSEE's lists; this
// list has none: a birth abroad is given by its country, not an INSEE code
// (the CDC's codePaysNaissance).
package communes

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"strings"
	"sync"
)

// Source, Version and COG name where the list comes from.
const (
	Source  = "Code officiel géographique de l'INSEE, via le paquet npm @etalab/decoupage-administratif"
	Version = "6.0.0"
	COG     = 2026
)

//go:embed communes.tsv.gz
var data []byte

// Kind says what a code names.
type Kind byte

// The kinds of codes of the list.
const (
	Current     Kind = 'c' // a commune of the COG
	Delegated   Kind = 'd' // a commune déléguée of a merged commune
	Associated  Kind = 'a' // a commune associée
	District    Kind = 'm' // an arrondissement municipal (Paris, Lyon, Marseille)
	FormerMerge Kind = 'o' // the former code of a commune absorbed by another
)

// Commune is one code of the list.
type Commune struct {
	Code       string
	Name       string // the current name; a delegated commune's former name follows in brackets
	Department string
	Kind       Kind
}

// Label is the commune as shown next to its code: "Paris 1er Arrondissement
// (75)", "Lyon, commune fusionnée (69)".
func (c Commune) Label() string {
	name := c.Name
	if c.Kind == FormerMerge {
		name += ", ancienne commune fusionnée"
	}
	return name + " (" + c.Department + ")"
}

var (
	load    sync.Once
	byCode  map[string]Commune
	ordered []Commune
	folded  []string // the folded names of ordered, for Search
)

// all builds the list once, on first use.
func all() map[string]Commune {
	load.Do(func() {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			panic("communes: embedded list unreadable: " + err.Error())
		}
		byCode = make(map[string]Commune, 40000)
		sc := bufio.NewScanner(zr)
		for sc.Scan() {
			f := strings.Split(sc.Text(), "\t")
			if len(f) != 4 || len(f[3]) != 1 {
				panic("communes: embedded list malformed: " + sc.Text())
			}
			c := Commune{Code: f[0], Name: f[1], Department: f[2], Kind: Kind(f[3][0])}
			byCode[c.Code] = c
			ordered = append(ordered, c)
			folded = append(folded, fold(c.Name))
		}
		if err := sc.Err(); err != nil {
			panic("communes: embedded list unreadable: " + err.Error())
		}
	})
	return byCode
}

// Lookup returns the commune of an INSEE code ("2a004" is read as "2A004").
func Lookup(code string) (Commune, bool) {
	c, ok := all()[strings.ToUpper(strings.TrimSpace(code))]
	return c, ok
}

// Country reports whether a code is the INSEE code of a foreign country
// (99xxx), which is not a birth commune.
func Country(code string) bool {
	code = strings.TrimSpace(code)
	return len(code) == 5 && strings.HasPrefix(code, "99")
}
