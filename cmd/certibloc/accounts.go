package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"certibloc/internal/auth"
	"certibloc/internal/certif"
	"certibloc/internal/clock"
	"certibloc/internal/store"
)

func userAddCommand(fs *flag.FlagSet, _ *config) runFunc {
	email := fs.String("email", "", "`ADRESSE` électronique, identifiant de connexion (obligatoire)")
	role := fs.String("role", "", "`RÔLE` : office, certifier, national_fund, employer, jury ou candidate (obligatoire)")
	employer := fs.String("employer", "", "`CODE` de l'employeur, obligatoire pour le rôle employer (ex. CPAM33)")
	branch := fs.String("branch", "", "`BRANCHE` de la caisse nationale, obligatoire pour le rôle national_fund : maladie, famille, recouvrement ou retraite")
	name := fs.String("name", "", "`NOM` affiché")
	password := fs.String("password", "", "mot de passe (défaut : généré et affiché une fois)")
	return func(ctx context.Context, a *app, cfg *config, _ []string) error {
		if err := required(fs, "email", "role"); err != nil {
			return err
		}
		r, err := certif.ParseRole(*role)
		if err != nil {
			return err
		}
		generated := *password == ""
		if generated {
			*password = auth.GeneratePassword()
		} else if err := auth.CheckPassword(*password); err != nil {
			return err
		}
		hash, err := auth.HashPassword(*password)
		if err != nil {
			return err
		}
		st, err := cfg.openStore(ctx)
		if err != nil {
			return err
		}
		defer st.Close()
		u, err := st.CreateUser(ctx, store.Platform(), store.NewUser{Email: *email, Name: *name, Role: r,
			EmployerCode: strings.ToUpper(strings.TrimSpace(*employer)), BranchCode: strings.ToLower(strings.TrimSpace(*branch)), PasswordHash: hash})
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "Compte créé : %s (%s", u.Email, u.RoleLabel())
		if u.EmployerCode != "" {
			fmt.Fprintf(a.stdout, ", employeur %s", u.EmployerCode)
		}
		fmt.Fprintln(a.stdout, ").")
		if generated {
			fmt.Fprintf(a.stdout, "Mot de passe : %s\n", *password)
			fmt.Fprintln(a.stdout, "Transmettez-le de façon sûre : il ne sera plus affiché.")
		}
		return nil
	}
}

func tokenCreateCommand(fs *flag.FlagSet, _ *config) runFunc {
	email := fs.String("email", "", "`ADRESSE` du compte pour lequel créer le jeton (obligatoire)")
	label := fs.String("label", "", "`LIBELLÉ` du jeton, pour le reconnaître (ex. « export mensuel »)")
	days := fs.Int("days", auth.DefaultTokenDays, fmt.Sprintf("durée de validité du jeton, en `JOURS` (1 à %d)", auth.MaxTokenDays))
	return func(ctx context.Context, a *app, cfg *config, _ []string) error {
		if err := auth.CheckTokenDays(*days); err != nil {
			return err
		}
		st, u, err := accountOf(ctx, fs, cfg, *email)
		if err != nil {
			return err
		}
		defer st.Close()
		if *label == "" {
			*label = "créé en ligne de commande le " + cfg.clock.Today().French()
		}
		value, t, err := auth.New(st, auth.DefaultPolicy).CreateToken(ctx, store.Platform(), u.ID, *label, *days)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stderr, "Jeton n° %d créé pour %s (%s), valable jusqu'au %s. Conservez-le : il ne sera plus affiché.\n",
			t.ID, u.Email, *label, clock.FormatParisDay(t.ExpiresAt))
		fmt.Fprintf(a.stderr, "Usage : en-tête « Authorization: Bearer <jeton> » sur /api/v1. Révocation : certibloc token revoke --email %s --id %d\n", u.Email, t.ID)
		fmt.Fprintln(a.stdout, value)
		return nil
	}
}

func tokenRevokeCommand(fs *flag.FlagSet, _ *config) runFunc {
	email := fs.String("email", "", "`ADRESSE` du compte titulaire du jeton (obligatoire)")
	id := fs.Int64("id", 0, "`NUMÉRO` du jeton, affiché à sa création (obligatoire)")
	return func(ctx context.Context, a *app, cfg *config, _ []string) error {
		if err := required(fs, "id"); err != nil {
			return err
		}
		st, u, err := accountOf(ctx, fs, cfg, *email)
		if err != nil {
			return err
		}
		defer st.Close()
		if err := st.RevokeAPIToken(ctx, store.Platform(), u.ID, *id); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "Jeton n° %d de %s révoqué.\n", *id, u.Email)
		return nil
	}
}

// accountOf opens the store and finds the account named by --email; the caller
// closes the store.
func accountOf(ctx context.Context, fs *flag.FlagSet, cfg *config, email string) (*store.Store, *certif.User, error) {
	if err := required(fs, "email"); err != nil {
		return nil, nil, err
	}
	st, err := cfg.openStore(ctx)
	if err != nil {
		return nil, nil, err
	}
	u, _, err := st.UserByEmail(ctx, email)
	if certif.ErrorCode(err) == certif.ENotFound {
		err = &certif.Error{Code: certif.ENotFound, Message: "Compte introuvable.",
			Fields: map[string]string{"email": "Aucun compte n'a l'adresse " + store.NormalizeEmail(email) + "."}}
	}
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return st, u, nil
}

// required checks that the named flags were given on the command line or by
// the environment.
func required(fs *flag.FlagSet, names ...string) error {
	for _, n := range names {
		if f := fs.Lookup(n); f.Value.String() == "" || f.Value.String() == "0" {
			return usageErrorf("l'option --%s est obligatoire", n)
		}
	}
	return nil
}
