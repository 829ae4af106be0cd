#!/bin/sh
# Minifies one ES module in place with esbuild (npm, installed by scripts/setup.sh): what a release ships.
# Syntax is left as written (no target lowering); `import.meta` and export names are kept.
set -eu
file="${1:?usage: minify-js.sh <file.js>}"
esbuild "$file" --minify --format=esm --log-level=warning --outfile="$file.min"
mv "$file.min" "$file"
