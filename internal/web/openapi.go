package web

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
)

// The OpenAPI document is written by hand, one file per area (openapi/*.json,
// each with "paths" and "schemas"), merged into base.json at start. Every
// operation has a camelCase operationId and a tag, and documents each error
// it answers with the shared response of its status (base.json: BadRequest,
// Unauthorized…, all of the Error schema); openapi_test.go checks them
// against the route table and the answers, and lints the whole with Redocly.
//
//go:embed openapi/*.json
var openAPIFiles embed.FS

// buildOpenAPI merges the area files into one OpenAPI 3.1 document.
func buildOpenAPI() ([]byte, error) {
	var doc map[string]any
	raw, err := openAPIFiles.ReadFile("openapi/base.json")
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("openapi/base.json : %w", err)
	}
	paths := doc["paths"].(map[string]any)
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	areas, err := fs.Glob(openAPIFiles, "openapi/*.json")
	if err != nil {
		return nil, err
	}
	for _, name := range areas {
		if name == "openapi/base.json" {
			continue
		}
		var area struct {
			Paths   map[string]any `json:"paths"`
			Schemas map[string]any `json:"schemas"`
		}
		raw, err := openAPIFiles.ReadFile(name)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(raw, &area); err != nil {
			return nil, fmt.Errorf("%s : %w", name, err)
		}
		for k, v := range area.Paths {
			if _, dup := paths[k]; dup {
				return nil, fmt.Errorf("%s : chemin %s déjà décrit", name, k)
			}
			paths[k] = v
		}
		for k, v := range area.Schemas {
			if _, dup := schemas[k]; dup {
				return nil, fmt.Errorf("%s : schéma %s déjà décrit", name, k)
			}
			schemas[k] = v
		}
	}
	return json.MarshalIndent(doc, "", "  ")
}

func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, err := w.Write(s.openAPI)
	return err
}
