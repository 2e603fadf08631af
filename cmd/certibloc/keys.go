package main

import (
	"crypto/ed25519"
	"fmt"
	"log/slog"

	"certibloc/internal/certificate"
	"certibloc/internal/minutes"
	"certibloc/internal/store"
)

// platformKeys loads the platform's signing identities, creating each on
// first start: the certificates' key (given to the store as its issuer, with
// the configured address: the certificates the demo's juries issue and the
// re-issues after a correction take their short codes and PDFs from it; the
// web site gives it its own) and the minutes' identity.
func platformKeys(cfg *config, st *store.Store, logger *slog.Logger) (ed25519.PrivateKey, *minutes.Signer, error) {
	key, created, err := certificate.LoadOrCreateKey(cfg.keyFile())
	if err != nil {
		return nil, nil, fmt.Errorf("clé des certificats : %w", err)
	}
	if created {
		logger.Info("clé des certificats créée", "fichier", cfg.keyFile())
	}
	st.SetCertificateIssuer(certificate.Issuer{Key: key, BaseURL: cfg.BaseURL})
	signer, created, err := minutes.LoadOrCreateSigner(cfg.minutesKeyFile(), cfg.clock.Now())
	if err != nil {
		return nil, nil, fmt.Errorf("identité qui signe les procès-verbaux : %w", err)
	}
	if created {
		logger.Info("identité qui signe les procès-verbaux créée", "fichier", cfg.minutesKeyFile())
	}
	return key, signer, nil
}
