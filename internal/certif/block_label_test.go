package certif

import "testing"

// TestBlockLabelShowsNumberAloneWhileTitleUnknown: a block whose title is not
// known reads "Bloc 2", never a placeholder; a provisional title is not shown.
func TestBlockLabelShowsNumberAloneWhileTitleUnknown(t *testing.T) {
	for _, tc := range []struct {
		b    Block
		want string
	}{
		{Block{Number: 2}, "Bloc 2"},
		{Block{Number: 2, Title: "Accueillir et orienter le public"}, "Bloc 2 – Accueillir et orienter le public"},
		{Block{Number: 3, Title: "Titre de travail", Placeholder: true}, "Bloc 3"},
	} {
		if got := tc.b.Label(); got != tc.want {
			t.Errorf("%+v : %q, attendu %q", tc.b, got, tc.want)
		}
	}
	if got := BlockLabel(1, ""); got != "Bloc 1" {
		t.Errorf("BlockLabel(1, \"\") = %q", got)
	}
	q := Qualification{BlockCountConfirmed: true, Blocks: []Block{{Number: 1, Title: "Accueillir"}, {Number: 2}, {Number: 3, Title: "Provisoire", Placeholder: true}}}
	if n := q.UntitledBlocks(); n != 2 || !q.HasPlaceholders() {
		t.Errorf("blocs sans intitulé : %d", n)
	}
}
