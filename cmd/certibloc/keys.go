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
// first start: the certificates' key (given to the store, which derives the
// certificates' short codes from it) and the minutes' identity.
func platformKeys(cfg *config, st *store.Store, logger *slog.Logger) (ed25519.PrivateKey, *minutes.Signer, error) {
	key, created, err := certificate.LoadOrCreateKey(cfg.keyFile())
	if err != nil {
		return nil, nil, fmt.Errorf("clé des certificats : %w", err)
	}
	if created {
		logger.Info("clé des certificats créée", "fichier", cfg.keyFile())
	}
	st.SetCertificateCode(certificate.Issuer{Key: key}.Code)
	signer, created, err := minutes.LoadOrCreateSigner(cfg.minutesKeyFile(), cfg.clock.Now())
	if err != nil {
		return nil, nil, fmt.Errorf("identité qui signe les procès-verbaux : %w", err)
	}
	if created {
		logger.Info("identité qui signe les procès-verbaux créée", "fichier", cfg.minutesKeyFile())
	}
	return key, signer, nil
}
