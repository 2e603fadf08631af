#!/bin/sh
# Regenerates the WinAnsi (Windows-1252) embeddings of DejaVu Sans that
# certificates print with (internal/certificate/fonts/*-WinAnsi.json and .z):
# the glyphs of Windows-1252 only, without hinting, as fpdf's font
# definitions, so that a certificate embeds them as they are instead of
# parsing and subsetting the whole font each time. Needs pyftsubset (Debian:
# fonttools) and Go. Usage: scripts/gen-fonts.sh
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
fonts=$root/internal/certificate/fonts
map=$(cd "$root" && go list -m -f '{{.Dir}}' codeberg.org/go-pdf/fpdf)/font/cp1252.map
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The characters of the code page, from the map fpdf's makefont encodes with.
unicodes=$(awk '$3 != ".notdef" { printf "%s%s", sep, $2; sep = "," }' "$map")
for font in DejaVuSans DejaVuSans-Bold; do
	pyftsubset "$fonts/$font.ttf" --unicodes="$unicodes" --no-hinting --layout-features='' \
		--drop-tables+=FFTM,GSUB,GPOS,GDEF --name-IDs='*' --output-file="$tmp/$font-WinAnsi.ttf"
	(cd "$root" && go run codeberg.org/go-pdf/fpdf/makefont --embed --enc="$map" --dst="$fonts" "$tmp/$font-WinAnsi.ttf")
done
