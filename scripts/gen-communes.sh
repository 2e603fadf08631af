#!/bin/sh
# Regenerates internal/communes/communes.tsv.gz, the official commune list
# (Code officiel géographique) the INSEE codes of birth communes are checked
# against, from the npm package @etalab/decoupage-administratif. The package
# is fetched with `npm pack` in a temporary directory, never added to
# package.json. Usage: scripts/gen-communes.sh [version] (default 6.0.0, COG 2026);
# then update Version and COG in internal/communes/communes.go.
set -eu
version=${1:-6.0.0}
out=$(cd "$(dirname "$0")/.." && pwd)/internal/communes/communes.tsv.gz
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm pack --silent "@etalab/decoupage-administratif@$version" >/dev/null
tar xzf etalab-decoupage-administratif-*.tgz
# One line per code: code, name, department, kind (c: current commune,
# d: commune déléguée, a: commune associée, m: arrondissement municipal,
# o: former code of a merged commune). A code shared by a current commune
# and its delegated one keeps the current name, the former name in brackets.
node -e '
const list = require("./package/data/communes.json");
const kinds = {"commune-actuelle": "c", "commune-deleguee": "d", "commune-associee": "a", "arrondissement-municipal": "m"};
const by = new Map();
for (const c of list.filter(c => c.type === "commune-actuelle").concat(list.filter(c => c.type !== "commune-actuelle"))) {
  const seen = by.get(c.code);
  if (!seen) { by.set(c.code, {name: c.nom, dep: c.departement, kind: kinds[c.type]}); continue; }
  if (seen.name !== c.nom && !seen.name.includes("(" + c.nom + ")")) seen.name += " (" + c.nom + ")";
}
for (const c of list.filter(c => c.type === "commune-actuelle")) {
  for (const old of c.anciensCodes || []) {
    if (!by.has(old)) by.set(old, {name: c.nom, dep: c.departement, kind: "o"});
  }
}
const lines = [...by.keys()].sort().map(k => { const c = by.get(k); return [k, c.name, c.dep, c.kind].join("\t"); });
process.stdout.write(lines.join("\n") + "\n");
' | gzip -9n >"$out"
echo "$out: $(gunzip -c "$out" | wc -l) codes from @etalab/decoupage-administratif@$version"
