package certificate

import (
	"crypto/ed25519"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/go-jose/go-jose/v4"
)

// Open Badges 3.0 contexts (1EdTech), on top of the W3C VC data model 2.0.
var credentialContext = []string{
	"https://www.w3.org/ns/credentials/v2",
	"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
}

type vcJWT struct {
	Issuer  string     `json:"iss"`
	ID      string     `json:"jti"`
	Subject string     `json:"sub"`
	NBF     int64      `json:"nbf"`
	VC      credential `json:"vc"`
}

type credential struct {
	Context   []string `json:"@context"`
	ID        string   `json:"id"`
	Type      []string `json:"type"`
	Name      string   `json:"name"`
	Issuer    profile  `json:"issuer"`
	ValidFrom string   `json:"validFrom"`
	Subject   subject  `json:"credentialSubject"`
}

type profile struct {
	ID   string   `json:"id"`
	Type []string `json:"type"`
	Name string   `json:"name"`
}

type subject struct {
	Type        []string     `json:"type"`
	Identifier  []identifier `json:"identifier"`
	Achievement achievement  `json:"achievement"`
}

type identifier struct {
	Type         string `json:"type"`
	IdentityHash string `json:"identityHash"`
	IdentityType string `json:"identityType"`
	Hashed       bool   `json:"hashed"`
}

type achievement struct {
	ID              string      `json:"id"`
	Type            []string    `json:"type"`
	AchievementType string      `json:"achievementType"`
	Name            string      `json:"name"`
	Description     string      `json:"description"`
	Criteria        criteria    `json:"criteria"`
	Alignment       []alignment `json:"alignment,omitempty"`
}

type criteria struct {
	Narrative string `json:"narrative"`
}

type alignment struct {
	Type            []string `json:"type"`
	TargetName      string   `json:"targetName"`
	TargetURL       string   `json:"targetUrl"`
	TargetCode      string   `json:"targetCode"`
	TargetFramework string   `json:"targetFramework"`
}

// Credential is the certificate as an Open Badges 3.0 verifiable credential,
// a VC-JWT signed with EdDSA by the issuer's key. Its id is the verification
// URL, which carries the signed payload: VerifyCredential checks both.
func (is Issuer) Credential(c Certificate) (string, error) {
	link, err := is.VerificationURL(c)
	if err != nil {
		return "", err
	}
	cl := c.Claims()
	base := strings.TrimRight(is.BaseURL, "/")
	vc := credential{
		Context: credentialContext, ID: link, Type: []string{"VerifiableCredential", "OpenBadgeCredential"},
		Name:      cl.Kind.Title() + " n° " + cl.Number,
		Issuer:    profile{ID: base, Type: []string{"Profile"}, Name: Certifier},
		ValidFrom: cl.IssuedOn.String() + "T00:00:00Z",
		Subject: subject{
			Type:        []string{"AchievementSubject"},
			Identifier:  []identifier{{Type: "IdentityObject", IdentityHash: cl.Holder, IdentityType: "name"}},
			Achievement: achievementOf(base, cl),
		},
	}
	claims, err := json.Marshal(vcJWT{Issuer: base, ID: link, Subject: cl.Number, NBF: cl.IssuedOn.Time().Unix(), VC: vc})
	if err != nil {
		return "", err
	}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.EdDSA, Key: is.Key},
		(&jose.SignerOptions{}).WithType("JWT"))
	if err != nil {
		return "", err
	}
	jws, err := signer.Sign(claims)
	if err != nil {
		return "", err
	}
	return jws.CompactSerialize()
}

func achievementOf(base string, cl Claims) achievement {
	a := achievement{
		ID: base + "/referentiel/" + cl.Qualification.Code, Type: []string{"Achievement"}, AchievementType: "Certification",
		Name: cl.Qualification.Title, Description: cl.Certification(),
		Criteria: criteria{Narrative: "Décision du jury paritaire national du " + FrenchDate(cl.JuryDate) + "."},
	}
	code := cl.Qualification.RNCP
	if cl.Kind == CCP {
		a.ID += "/bloc/" + strconv.Itoa(cl.Block.Number)
		a.AchievementType, a.Name, code = "Competency", cl.Block.Label(), cl.Block.RNCP
	}
	if code != "" {
		a.Alignment = []alignment{{Type: []string{"Alignment"}, TargetName: a.Name, TargetCode: code, TargetFramework: "RNCP",
			TargetURL: "https://www.francecompetences.fr/recherche/rncp/" + strings.TrimPrefix(cl.Qualification.RNCP, "RNCP") + "/"}}
	}
	return a
}

// VerifyCredential checks a VC-JWT with the public key alone: its EdDSA
// signature, the signed payload of its id, and that what it shows agrees with
// that payload. Anything else is ErrForged.
func VerifyCredential(pub ed25519.PublicKey, token string) (Claims, error) {
	jws, err := jose.ParseSignedCompact(strings.TrimSpace(token), []jose.SignatureAlgorithm{jose.EdDSA})
	if err != nil || len(pub) != ed25519.PublicKeySize {
		return Claims{}, ErrForged
	}
	raw, err := jws.Verify(pub)
	if err != nil {
		return Claims{}, ErrForged
	}
	var t vcJWT
	if json.Unmarshal(raw, &t) != nil {
		return Claims{}, ErrForged
	}
	p, ok := payloadOfURL(t.VC.ID)
	if !ok || t.ID != t.VC.ID {
		return Claims{}, ErrForged
	}
	cl, err := Verify(pub, p)
	if err != nil {
		return Claims{}, ErrForged
	}
	subj := t.VC.Subject
	if t.Subject != cl.Number || t.VC.ValidFrom != cl.IssuedOn.String()+"T00:00:00Z" || len(subj.Identifier) != 1 ||
		subj.Identifier[0].IdentityHash != cl.Holder || subj.Achievement.Name != achievementOf("", cl).Name {
		return Claims{}, ErrForged
	}
	return cl, nil
}
