#!/usr/bin/env bash
# Installs the Hugo the blog deploys with, for the export's --verify: the version
# its deploy workflow names (HUGO_VERSION in <blog>/.github/workflows/*.yml), as
# the same extended .deb from Hugo's releases, unpacked into <install-dir> (no
# root needed). Prints the hugo binary's path; in GitHub Actions it also sets HUGO
# for the later steps, which the exporter reads.
# Usage: install-hugo.sh <blog-dir> <install-dir>
# Env: HUGO_RELEASES, where the releases are (default: GitHub), for tests or a mirror.
set -euo pipefail
blog="$1"
mkdir -p "$2"
dest="$(cd "$2" && pwd)"
pattern='s/^[[:space:]]*HUGO_VERSION:[[:space:]]*["'\'']?([0-9]+\.[0-9]+\.[0-9]+)["'\'']?[[:space:]]*(#.*)?$/\1/p'
version="$(sed -nE "$pattern" "$blog"/.github/workflows/*.y*ml 2>/dev/null | head -n 1 || true)"
if [[ -z "$version" ]]; then
  echo "install-hugo: no HUGO_VERSION in $blog/.github/workflows/*.yml, where the blog's deploy workflow names the Hugo it builds with" >&2
  exit 1
fi
releases="${HUGO_RELEASES:-https://github.com/gohugoio/hugo/releases/download}"
curl -fsSL --retry 3 -o "$dest/hugo.deb" "$releases/v$version/hugo_extended_${version}_linux-amd64.deb"
dpkg-deb -x "$dest/hugo.deb" "$dest/root"
bin="$(find "$dest/root" -type f -name hugo -perm -u+x | head -n 1)"
if [[ -z "$bin" ]]; then
  echo "install-hugo: the package for Hugo $version holds no hugo binary" >&2
  exit 1
fi
"$bin" version >&2
if [[ -n "${GITHUB_ENV:-}" ]]; then echo "HUGO=$bin" >>"$GITHUB_ENV"; fi
echo "$bin"
