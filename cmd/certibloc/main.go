// Command certibloc runs the certification platform of the CQP of the Sécurité
// sociale: the web server (French interface and JSON API) and the
// administration commands (migrations, calendar, accounts, API tokens). Run
// `certibloc help` for the list of subcommands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"certibloc/internal/certif"
)

// version is set at build time: go build -ldflags "-X main.version=1.2.0".
var version = "dev"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one subcommand and returns the exit status: 0 on success, 1 when
// the command failed, 2 when the command line is wrong.
func run(args []string, stdout, stderr io.Writer) int {
	a := &app{stdout: stdout, stderr: stderr, getenv: os.Getenv}
	return a.run(context.Background(), args)
}

// app is one run of the program, with its outputs and environment.
type app struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	onListen       func(addr string) // called once serve listens (tests)
}

func (a *app) run(ctx context.Context, args []string) int {
	if len(args) == 0 {
		a.overview(a.stderr)
		return 2
	}
	cmd, rest, err := lookup(args)
	if err != nil {
		fmt.Fprintf(a.stderr, "Erreur : %v\nLancez « certibloc help » pour la liste des commandes.\n", err)
		return 2
	}
	fs := newFlagSet(cmd.name)
	var cfg config
	cfg.bindCommon(fs)
	exec := cmd.setup(fs, &cfg)
	positional, err := cfg.parse(fs, rest, a.getenv)
	if errors.Is(err, flag.ErrHelp) {
		a.usage(a.stdout, cmd, fs)
		return 0
	}
	if err == nil && cmd.args == "" && len(positional) > 0 {
		err = usageErrorf("argument inattendu : %q", positional[0])
	}
	if err == nil {
		err = exec(ctx, a, &cfg, positional)
	}
	return a.report(err, cmd, fs)
}

// report prints err in French and returns the exit status.
func (a *app) report(err error, cmd command, fs *flag.FlagSet) int {
	if err == nil {
		return 0
	}
	var usage *usageError
	if errors.As(err, &usage) {
		fmt.Fprintf(a.stderr, "Erreur : %v\nLancez « certibloc help %s » pour l'aide de la commande.\n", err, cmd.name)
		return 2
	}
	var e *certif.Error
	if !errors.As(err, &e) {
		fmt.Fprintf(a.stderr, "Erreur : %v\n", err)
		return 1
	}
	fmt.Fprintf(a.stderr, "Erreur : %s\n", e.Message)
	fields := make([]string, 0, len(e.Fields))
	for f := range e.Fields {
		fields = append(fields, f)
	}
	slices.Sort(fields)
	for _, f := range fields {
		name := f
		if fs.Lookup(f) != nil {
			name = "--" + f
		}
		fmt.Fprintf(a.stderr, "  %s : %s\n", name, e.Fields[f])
	}
	return 1
}

// lookup finds the command named by the first words of args and returns the
// remaining arguments.
func lookup(args []string) (command, []string, error) {
	var related []string
	for _, c := range commands() {
		words := strings.Fields(c.name)
		if len(args) >= len(words) && slices.Equal(args[:len(words)], words) {
			return c, args[len(words):], nil
		}
		if words[0] == args[0] {
			related = append(related, c.name)
		}
	}
	if len(related) > 0 {
		return command{}, nil, fmt.Errorf("commande incomplète ou inconnue « %s » : essayez %s", strings.Join(args[:min(2, len(args))], " "), strings.Join(related, ", "))
	}
	return command{}, nil, fmt.Errorf("commande inconnue « %s »", args[0])
}
