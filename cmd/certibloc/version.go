package main

import (
	"context"
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"
)

func versionCommand(_ *flag.FlagSet, _ *config) runFunc {
	return func(_ context.Context, a *app, _ *config, _ []string) error {
		fmt.Fprintf(a.stdout, "certibloc %s (%s, %s/%s%s)\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH, revision())
		return nil
	}
}

// revision is ", révision abc1234" when the binary was built from a Git checkout.
func revision() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 7 {
			return ", révision " + s.Value[:7]
		}
	}
	return ""
}

// releaseVersion is the version the pages' footer shows of a build's
// version: the one a release build was given (-ldflags "-X
// main.version=1.2.0"), nothing for a development build ("dev").
func releaseVersion(v string) string {
	if v == "dev" {
		return ""
	}
	return v
}
