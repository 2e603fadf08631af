package planner

import (
	"bytes"
	"certibloc/internal/certif"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// DecodeInstance reads an instance strictly (an unknown field is an error) and
// checks that its dates, times and references can be read; the French error
// names the field.
func DecodeInstance(data []byte) (Instance, error) {
	var inst Instance
	if err := decodeStrict(data, &inst); err != nil {
		return Instance{}, err
	}
	if _, err := compile(inst); err != nil {
		return Instance{}, err
	}
	return inst, nil
}

// DecodePlan reads a plan strictly (an unknown field is an error). Whether the
// plan holds is Check's business.
func DecodePlan(data []byte) (Plan, error) {
	var p Plan
	if err := decodeStrict(data, &p); err != nil {
		return Plan{}, err
	}
	return p, nil
}

// decodeStrict decodes one JSON value into v, refusing unknown fields and
// trailing data, with French errors that name the field or the line.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return frenchJSONError(data, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("JSON invalide : des données suivent la fin du document")
	}
	return nil
}

// frenchJSONError turns an error of encoding/json into French.
func frenchJSONError(data []byte, err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return fmt.Errorf("JSON invalide à la ligne %d : %s", lineOf(data, syntax.Offset), syntax.Error())
	case errors.As(err, &typ):
		return fmt.Errorf("champ %s : %s au lieu %s", typ.Field, frenchKind(typ.Value), certif.De(frenchKind(typ.Type.Kind().String())))
	case errors.Is(err, io.EOF):
		return errors.New("JSON invalide : le fichier est vide")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("JSON invalide : le document s'arrête avant sa fin")
	}
	if field, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return fmt.Errorf("champ inconnu %s", field)
	}
	return fmt.Errorf("JSON invalide : %v", err)
}

// lineOf is the line (from 1) of a byte offset.
func lineOf(data []byte, offset int64) int {
	return bytes.Count(data[:min(int(offset), len(data))], []byte("\n")) + 1
}

// frenchKind names a Go kind as a JSON reader expects it.
func frenchKind(kind string) string {
	switch kind {
	case "string":
		return "une chaîne"
	case "int", "int64":
		return "un nombre entier"
	case "number":
		return "un nombre"
	case "bool":
		return "true ou false"
	case "slice", "array", "array value":
		return "une liste"
	case "struct", "map", "object":
		return "un objet"
	case "ptr":
		return "une chaîne ou null"
	}
	return kind
}
