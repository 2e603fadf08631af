package certificate

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"testing"
)

func TestKeysRoundTripPEMAndBase64(t *testing.T) {
	pubKey, priv, err := GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	for _, data := range [][]byte{EncodePrivateKey(priv), []byte(base64.StdEncoding.EncodeToString(priv.Seed()) + "\n"),
		[]byte(base64.StdEncoding.EncodeToString(priv))} {
		got, err := ParsePrivateKey(data)
		if err != nil || !got.Equal(priv) {
			t.Errorf("%.30q : %v", data, err)
		}
	}
	for _, data := range [][]byte{EncodePublicKey(pubKey), []byte(base64.StdEncoding.EncodeToString(pubKey))} {
		got, err := ParsePublicKey(data)
		if err != nil || !got.Equal(pubKey) {
			t.Errorf("%.30q : %v", data, err)
		}
	}
	if _, err := ParsePublicKey(EncodePrivateKey(priv)); err == nil {
		t.Error("clé privée lue comme publique")
	}
	if _, err := ParsePrivateKey([]byte("n'importe quoi")); err == nil {
		t.Error("clé illisible acceptée")
	}
}

func TestLoadOrCreateKeyGeneratesOnceThenReads(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cle.pem")
	first, created, err := LoadOrCreateKey(path)
	if err != nil || !created {
		t.Fatalf("%v %v", created, err)
	}
	again, created, err := LoadOrCreateKey(path)
	if err != nil || created || !again.Equal(first) {
		t.Fatalf("relue : %v %v", created, err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("droits %v", st.Mode().Perm())
	}
}
