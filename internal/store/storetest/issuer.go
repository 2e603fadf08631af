package storetest

import (
	"sync/atomic"

	"certibloc/internal/certificate"
	"certibloc/internal/store"
)

// Renders is a certificate issuer that counts the PDFs it renders: a
// download served with the PDF its proclamation kept renders none.
type Renders struct {
	store.CertificateIssuer
	n atomic.Int64
}

// PDFBytes renders, counted.
func (r *Renders) PDFBytes(c certificate.Certificate) ([]byte, error) {
	r.n.Add(1)
	return r.CertificateIssuer.PDFBytes(c)
}

// Count is how many PDFs were rendered.
func (r *Renders) Count() int { return int(r.n.Load()) }
