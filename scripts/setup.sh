#!/usr/bin/env bash
# Installs what building and testing the widget needs, skipping whatever is already there at the right
# version. Nothing is downloaded from GitHub: tools come from crates.io, npm and Debian. Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.22.1
# The wasm-bindgen CLI must match the library version Cargo.lock resolved, exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n== %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

step "Rust toolchain and wasm32 target (rust-toolchain.toml)"
# rust-toolchain.toml pins 1.95.0. Where the machine's stable toolchain is that release under another name,
# expose it under the pinned name rather than downloading it again (outside the repo, so the pin is not read).
pinned=$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
toolchains="${RUSTUP_HOME:-$HOME/.rustup}/toolchains"
host=$(cd / && rustc -vV | sed -n 's/^host: //p')
if [ ! -e "$toolchains/$pinned-$host" ] && [ "$(cd / && rustup run stable rustc --version 2>/dev/null | cut -d' ' -f2)" = "$pinned" ]; then
  ln -s "$toolchains/stable-$host" "$toolchains/$pinned-$host"
fi
rustup show active-toolchain >/dev/null 2>&1 || rustup toolchain install
rustup target list --installed | grep -q '^wasm32-unknown-unknown$' || rustup target add wasm32-unknown-unknown
# std's source and the crates it depends on: release widget builds rebuild std for size (scripts/build-widget.sh),
# and Trunk runs cargo offline, so they must be here first.
rustup component list --installed | grep -q '^rust-src$' || rustup component add rust-src
RUSTC_BOOTSTRAP=1 cargo fetch --quiet -Zbuild-std=std,panic_abort --target wasm32-unknown-unknown

step "Chromium and ChromeDriver (Debian)"
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver
fi
chromium --version

step "trunk $TRUNK_VERSION"
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  # 0.22 declares a newer rustc than ours but builds and runs on it.
  cargo install trunk --version "$TRUNK_VERSION" --locked --ignore-rust-version
fi
trunk --version

step "wasm-bindgen-cli $WASM_BINDGEN_VERSION"
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  if ! cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked; then
    # Its lockfile pins a webpki-roots release the registry no longer serves: lower that one pin.
    src=$(ls -d "$HOME"/.cargo/registry/src/*/wasm-bindgen-cli-"$WASM_BINDGEN_VERSION" | head -n 1)
    work=$(mktemp -d)
    cp -r "$src"/. "$work"
    (cd "$work" && cargo update -p webpki-roots --precise 1.0.10 && cargo install --path . --locked --force)
    rm -rf "$work"
  fi
fi
wasm-bindgen --version

step "npm packages: binaryen (wasm-opt), esbuild, Playwright, axe-core"
npm_install() {
  # Reinstall only when package-lock.json changed since the last install.
  if [ ! -f "$1/node_modules/.package-lock.json" ] || ! cmp -s "$1/package-lock.json" "$1/node_modules/.setup-lock"; then
    (cd "$1" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error \
      && cp package-lock.json node_modules/.setup-lock)
  fi
}
npm_install .
npm_install end2end
node_modules/.bin/wasm-opt --version
