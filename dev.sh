#!/usr/bin/env bash
# Dispute Desk task runner: `bash dev.sh serve`, `bash dev.sh test`, `bash dev.sh bench`, `bash dev.sh build`,
# `bash dev.sh fuzz`.
# Every task first installs what it needs (idempotently) into .tools/, which git ignores.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
TOOLS=$ROOT/.tools

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
# binaryen's version is checked by the build too (xtask/src/tools.rs).
export BINARYEN_VERSION=132
ESBUILD_VERSION=0.25.12
GECKODRIVER_VERSION=0.37.1

export PATH="$TOOLS/bin:$TOOLS/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_NET_RETRY=5

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

have_version() { # command, expected substring of `command --version`
  command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -qF "$2"
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root to run: $*"; return 1; fi
}

setup_rust() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32 target"
    rustup target add wasm32-unknown-unknown
  fi
}

setup_trunk() {
  have_version trunk "$TRUNK_VERSION" && return
  log "installing trunk $TRUNK_VERSION (about 6 minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --root "$TOOLS"
}

setup_wasm_bindgen() {
  have_version wasm-bindgen "$WASM_BINDGEN_VERSION" && have_version wasm-bindgen-test-runner "$WASM_BINDGEN_VERSION" && return
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 5 minutes, once)"
  # No --locked: the registry copy here lacks one locked dependency version.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --root "$TOOLS"
}

setup_node_tools() {
  # binaryen (wasm-opt) and the Playwright driver, pinned by tests/package-lock.json and binaryen's version.
  if ! have_version wasm-opt "version $BINARYEN_VERSION"; then
    log "installing wasm-opt (binaryen $BINARYEN_VERSION)"
    mkdir -p "$TOOLS"
    npm install --prefix "$TOOLS" --no-audit --no-fund "binaryen@$BINARYEN_VERSION" >/dev/null
  fi
  if ! have_version esbuild "$ESBUILD_VERSION"; then
    log "installing esbuild $ESBUILD_VERSION (minifies the release build's JavaScript and CSS)"
    npm install --prefix "$TOOLS" --no-audit --no-fund "esbuild@$ESBUILD_VERSION" >/dev/null
  fi
  if [ -f tests/package.json ] && { [ ! -d tests/node_modules/playwright-core ] || [ ! -d tests/node_modules/puppeteer-core ]; }; then
    log "installing the end-to-end test packages"
    (cd tests && npm ci --no-audit --no-fund >/dev/null)
  fi
}

setup_chromium() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then return; fi
  log "installing Chromium and ChromeDriver from Debian"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver >/dev/null
}

# Safari's engine (WebKitGTK's WebKitWebDriver and MiniBrowser, under Xvfb) and Firefox ESR, for the
# journeys that run in every engine (tests/engines/).
setup_other_engines() {
  if [ -x /usr/bin/WebKitWebDriver ] && [ -x /usr/bin/firefox-esr ] && command -v xvfb-run >/dev/null && command -v xauth >/dev/null; then return; fi
  log "installing WebKitGTK's WebDriver, Firefox ESR and Xvfb from Debian"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq webkit2gtk-driver firefox-esr xvfb xauth >/dev/null
}

setup_geckodriver() {
  have_version geckodriver "$GECKODRIVER_VERSION" && return
  log "installing geckodriver $GECKODRIVER_VERSION (the storage tests in Firefox; about 3 minutes, once)"
  cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked --root "$TOOLS"
}

setup_build() { setup_rust; setup_trunk; setup_wasm_bindgen; setup_node_tools; }
setup_all() { setup_build; setup_chromium; setup_other_engines; setup_geckodriver; }

# Trunk's post_build hook: the build's steps after cargo (split, bind, optimise, chunk loader,
# catalog cut, stamp), as tested Rust in xtask/ (`cargo xtask post-build`).
post_build() { cargo xtask post-build; }

build_release() {
  log "building the release app into dist/"
  trunk build --release
}

run_tests() {
  setup_all
  log "native tests of the domain core, and of the build's own steps (xtask/)"
  cargo test --quiet
  cargo test --quiet --package xtask --package rust-literals --profile xtask
  log "storage tests in headless Chromium (wasm-bindgen-test)"
  CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_WEBDRIVER_JSON="$ROOT/tests/webdriver.json" \
    cargo test --target wasm32-unknown-unknown --test '*'
  log "the same storage tests in headless Firefox (wasm-bindgen-test, geckodriver)"
  GECKODRIVER="$TOOLS/bin/geckodriver" WASM_BINDGEN_TEST_WEBDRIVER_JSON="$ROOT/tests/webdriver.json" \
    cargo test --target wasm32-unknown-unknown --test '*'
  build_release
  log "end-to-end tests: Playwright driving Chromium against dist/"
  (cd tests && npm test)
  log "the journeys in every engine: Chromium, Firefox (WebDriver BiDi) and WebKit (WebDriver), at phone size"
  (cd tests && npm run engines)
  log "all tests passed"
}

case "${1:-}" in
  setup) setup_all ;;
  post-build) post_build ;;
  serve)
    setup_build
    log "serving the release build on http://127.0.0.1:8080"
    exec trunk serve --release --no-autoreload
    ;;
  build) setup_build; build_release ;;
  bench)
    setup_all
    if ! command -v twiggy >/dev/null; then log "installing twiggy (wasm size profiles)"; cargo install twiggy --root "$TOOLS"; fi
    if ! command -v lighthouse >/dev/null; then
      log "installing Lighthouse 12"
      npm install --prefix "$TOOLS" --no-audit --no-fund lighthouse@12 >/dev/null
    fi
    log "benchmarks: figures against budgets, results appended under target/bench/"
    # Both halves run and print whatever the first found; any figure over its budget fails.
    native=0
    cargo bench --bench deadlines || native=$?
    build_release
    node tests/bench/web.mjs
    exit "$native"
    ;;
  test) run_tests ;;
  fuzz)
    # The parsers' properties from the tests, with many more inputs (FUZZ_CASES, default 200,000).
    log "fuzzing the backup, share-link, stored-record, spreadsheet and site.json readers"
    FUZZ_FRESH=1 PROPTEST_CASES="${FUZZ_CASES:-200000}" cargo test --release --test parsers_fuzz -- --nocapture --test-threads 1
    ;;
  *) echo "usage: bash dev.sh setup|serve|build|test|bench|fuzz" >&2; exit 2 ;;
esac
