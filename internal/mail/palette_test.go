package mail

import (
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"
)

var (
	hexColour = regexp.MustCompile(`#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b`)
	rootBlock = regexp.MustCompile(`(?s):root\s*\{(.*?)\}`)
)

// sitePalette reads the colours of the site's stylesheet (its :root custom
// properties), white added: the paper of the mails' content.
func sitePalette(t *testing.T) map[string]bool {
	t.Helper()
	css, err := os.ReadFile("../web/static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	root := rootBlock.FindSubmatch(css)
	if root == nil {
		t.Fatal("style.css sans bloc :root")
	}
	palette := map[string]bool{"#ffffff": true}
	for _, c := range hexColour.FindAll(root[1], -1) {
		palette[strings.ToLower(string(c))] = true
	}
	if len(palette) < 6 {
		t.Fatalf("palette du site trop courte : %v", palette)
	}
	return palette
}

// TestMailsUseTheSitesColours: every colour of every mail template, and of
// the button, is one of the site's stylesheet; the site's brand colour heads
// every mail and colours its buttons.
func TestMailsUseTheSitesColours(t *testing.T) {
	t.Parallel()
	palette := sitePalette(t)
	brand := regexp.MustCompile(`--brand:\s*(#[0-9a-fA-F]{6})`)
	css, _ := os.ReadFile("../web/static/style.css")
	m := brand.FindSubmatch(css)
	if m == nil {
		t.Fatal("style.css sans --brand")
	}
	link, err := button("https://certibloc.example.fr/", "Ouvrir")
	if err != nil {
		t.Fatal(err)
	}
	sources := map[string]string{"button": string(link)}
	err = fs.WalkDir(templateFiles, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		b, err := fs.ReadFile(templateFiles, path)
		sources[path] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, src := range sources {
		for _, c := range hexColour.FindAllString(src, -1) {
			if !palette[strings.ToLower(c)] {
				t.Errorf("%s : couleur %s hors de la palette du site %v", name, c, palette)
			}
		}
	}
	for _, name := range []string{"button", "templates/_layout.html"} {
		if !strings.Contains(sources[name], "background:"+strings.ToLower(string(m[1]))) {
			t.Errorf("%s : sans la couleur de la marque du site (%s)", name, m[1])
		}
	}
}
