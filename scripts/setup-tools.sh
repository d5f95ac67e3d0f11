#!/usr/bin/env bash
# Installs what the in-VS-Code and UI tests need on a fresh machine, offline-safe (npm registry and
# Debian apt only), idempotently: every step is skipped when its result is already present.
#   - Debian: chromium (the browser the UI tests drive), libkrb5-dev (code-server's kerberos module
#     builds against it), ripgrep (seeds @vscode/ripgrep, whose postinstall would fetch from GitHub),
#     ffmpeg (the takes panel's MP3-audio copy is tested with the real thing), libxml2-utils (xmllint:
#     the exported FCPXML is checked by a real XML parser against the DTD's elements).
#   - code-server 4.100.3 (VS Code 1.100.3, the newest release that runs on node 20) into .tools/.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${KLING_TOOLS_DIR:-$ROOT/.tools}/code-server"
CS_VERSION=4.100.3
RG_PKG_VERSION=1.15.11   # @vscode/ripgrep version in code-server 4.100.3's shrinkwrap
RG_TAG=v13.0.0-10        # the ripgrep-prebuilt tag that version asks for

need=()
command -v chromium >/dev/null || need+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
command -v rg >/dev/null || need+=(ripgrep)
command -v ffmpeg >/dev/null || need+=(ffmpeg)   # the takes panel's MP3-audio copy is tested for real
command -v xmllint >/dev/null || need+=(libxml2-utils) # the FCPXML export is parsed and DTD-checked for real
command -v openssl >/dev/null || need+=(openssl) # the direct download is tested over TLS with a certificate made at test time
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: apt-get install ${need[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ -x "$DIR/node_modules/.bin/code-server" ] && "$DIR/node_modules/.bin/code-server" --config /dev/null --version 2>/dev/null | grep -q "^$CS_VERSION "; then
  exit 0
fi

TMP="${TMPDIR:-/tmp}"
RG_CACHE="$TMP/vscode-ripgrep-cache-$RG_PKG_VERSION"
RG_TGZ="$RG_CACHE/ripgrep-$RG_TAG-x86_64-unknown-linux-musl.tar.gz"
if [ ! -s "$RG_TGZ" ]; then
  mkdir -p "$RG_CACHE"; staging="$(mktemp -d)"
  cp "$(command -v rg)" "$staging/rg"
  tar czf "$RG_TGZ" -C "$staging" rg && rm -rf "$staging"
fi

echo "setup: installing code-server@$CS_VERSION into $DIR (a minute with a warm npm cache; 2–3 minutes on a first install)"
mkdir -p "$DIR"
[ -f "$DIR/package.json" ] || echo '{"name":"code-server-tools","private":true}' > "$DIR/package.json"
# unsafe_perm: code-server's postinstall refuses to run as root without it.
# yes: node-pty's postinstall runs `npx node-gyp`, which a `yes=false` npmrc would cancel.
(cd "$DIR" && npm_config_yes=true npm_config_unsafe_perm=true \
   npm install --no-save --no-audit --no-fund "code-server@$CS_VERSION" --foreground-scripts --loglevel=error >"$DIR/install.log" 2>&1) \
  || { tail -40 "$DIR/install.log"; exit 1; }
"$DIR/node_modules/.bin/code-server" --config /dev/null --version
