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
BINARYEN_VERSION=132
ESBUILD_VERSION=0.25.12
WASM_SPLIT_VERSION=0.2.4
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

setup_build() { setup_rust; setup_trunk; setup_wasm_bindgen; setup_splitter; setup_node_tools; }
setup_all() { setup_build; setup_chromium; setup_other_engines; setup_geckodriver; }

# The wasm features wasm-opt must keep (rustc's default set for wasm32).
WASM_FEATURES=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals
  --enable-reference-types --enable-multivalue)

setup_splitter() {
  # It has no --version; cargo's own record of what it installed says which one is there.
  command -v wasm-split-cli >/dev/null && grep -qF "wasm_split_cli_support $WASM_SPLIT_VERSION" "$TOOLS/.crates.toml" 2>/dev/null && return
  log "installing wasm-split-cli $WASM_SPLIT_VERSION (about 2 minutes, once)"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --locked --features build-binary --root "$TOOLS"
}

# Trunk's post_build hook: runs on the staging folder before it becomes dist/.
post_build() {
  split_wasm
  split_catalogs
  if [ "${TRUNK_PROFILE:-debug}" = release ]; then minify "$TRUNK_STAGING_DIR"/*.css; fi
  stamp_build
}

# Cuts each catalog (locales/<code>.json) in two: <code>.first.json, the texts a first visit can
# see before anything else downloads (the shell, the welcome, the questions), which the app fetches
# before it starts; and <code>.rest.json, fetched while the first screen shows, which every lazy
# page and the `cases` chunk wait for (src/ui/language.rs, `with_whole_catalog`). A text goes in the
# rest only when every source file that holds it is one of LATE below; any other text, or one no
# file holds, goes first. The languages journey holds the rest back and finds the first screen
# whole.
split_catalogs() {
  node - "${TRUNK_STAGING_DIR:?run by Trunk}" "$ROOT/src" <<'JS'
const { readdirSync, readFileSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');
const [dir, src] = process.argv.slice(2);
// Code that runs only inside a lazy page or the `cases` chunk, or (the domain files) only for
// them; a folder ends in "/".
const LATE = [
  'ui/pages/case/', 'ui/pages/new_case.rs', 'ui/pages/checklist.rs', 'ui/pages/backup.rs', 'ui/pages/import.rs',
  'ui/pages/inbox.rs', 'ui/pages/shared_case.rs', 'ui/pages/upcoming.rs', 'ui/pages/host_check.rs',
  'ui/components/evidence_locker.rs', 'ui/components/journal_view.rs', 'ui/components/message_writer.rs',
  'ui/components/guide_card.rs', 'ui/components/share_case.rs', 'ui/components/bulk_actions.rs',
  'ui/components/worklist_tools.rs', 'ui/components/timeline.rs', 'ui/components/adjust_deadline.rs',
  'ui/components/case_chart.rs', 'ui/components/legal_rights.rs', 'ui/components/case_form.rs',
  'domain/templates.rs', 'domain/guide.rs', 'domain/rules.rs', 'domain/legal.rs', 'domain/evidence.rs',
  'domain/import.rs', 'domain/backup.rs', 'domain/recognise.rs', 'domain/overview.rs', 'domain/form.rs',
  'domain/deadline.rs', 'domain/worklist.rs',
];
const isLate = (file) => LATE.some((late) => (late.endsWith('/') ? file.startsWith(late) : file === late));
// Every string literal of a Rust source, unescaped as the compiler reads it; comments and
// character literals skipped, so that a quote inside them starts nothing.
const literals = (source) => {
  const found = new Set();
  let at = 0;
  while (at < source.length) {
    const rest = source.slice(at, at + 12);
    if (rest.startsWith('//')) {
      at = source.indexOf('\n', at);
      if (at < 0) break;
    } else if (rest.startsWith('/*')) {
      at = source.indexOf('*/', at) + 2;
    } else if (rest[0] === "'") {
      const char = /^'(?:\\(?:u\{[0-9a-fA-F]+\}|x[0-9a-fA-F]{2}|.)|[^\\'])'/su.exec(rest);
      at += char ? char[0].length : 1; // a lifetime's quote otherwise
    } else if (/^b?r#*"/.test(rest) && !/\w/.test(source[at - 1] ?? '')) {
      const [open, hashes] = /^b?r(#*)"/.exec(rest);
      const end = source.indexOf(`"${hashes}`, at + open.length);
      found.add(source.slice(at + open.length, end));
      at = end + 1 + hashes.length;
    } else if (rest[0] === '"') {
      let text = '';
      for (at += 1; source[at] !== '"'; ) {
        if (source[at] !== '\\') text += source[at++];
        else if (source[at + 1] === '\n') for (at += 2; /\s/.test(source[at]); ) at += 1;
        else {
          const escaped = source[at + 1];
          text += { n: '\n', t: '\t', r: '\r', 0: '\0' }[escaped] ?? escaped;
          at += 2;
        }
      }
      at += 1;
      found.add(text);
    } else {
      at += 1;
    }
  }
  return found;
};
const sources = [];
const walk = (folder) => readdirSync(folder).forEach((name) => {
  const path = join(folder, name);
  if (statSync(path).isDirectory()) walk(path);
  else if (name.endsWith('.rs')) sources.push({ late: isLate(relative(src, path)), texts: literals(readFileSync(path, 'utf8')) });
});
walk(src);
const unknownLate = LATE.filter((late) => !statSync(join(src, late), { throwIfNoEntry: false }));
if (unknownLate.length) throw new Error(`split_catalogs: no such source: ${unknownLate.join(', ')}`);
// A count's key is its two English forms: a file holds it when it holds both.
const holders = (key) => sources.filter(({ texts }) => key.split('|').every((part) => texts.has(part)));
const folder = join(dir, 'locales');
for (const file of readdirSync(folder).filter((name) => /^[\w-]+\.json$/.test(name))) {
  const catalog = JSON.parse(readFileSync(join(folder, file), 'utf8'));
  const parts = { first: {}, rest: {} };
  for (const [key, text] of Object.entries(catalog)) {
    const found = holders(key);
    parts[found.length && found.every(({ late }) => late) ? 'rest' : 'first'][key] = text;
  }
  const code = file.replace(/\.json$/, '');
  for (const [part, texts] of Object.entries(parts)) writeFileSync(join(folder, `${code}.${part}.json`), JSON.stringify(texts));
  rmSync(join(folder, file));
  console.log(`locales/${code}: ${Object.keys(parts.first).length} texts first, ${Object.keys(parts.rest).length} later`);
}
JS
}

# Minifies JavaScript modules and stylesheets in place (their names stay: the build names them).
# Errors only: wasm-bindgen's bindings repeat one harmless object key, of which esbuild warns.
minify() {
  local file
  for file in "$@"; do esbuild "$file" --minify --log-level=error --allow-overwrite --outfile="$file"; done
}

# Cuts cargo's wasm into the module the first screen needs and the chunks each lazy page loads
# when first opened (`lazy_page!` in src/ui/pages/mod.rs), binds and optimises each, and moves
# them into a folder named by their contents: chunk names do not change with their code, so a
# browser must never mix the files of two builds. Trunk's own bindings of the unsplit wasm go.
split_wasm() {
  local staging=${TRUNK_STAGING_DIR:?run by Trunk} profile=${TRUNK_PROFILE:-debug}
  local built="${CARGO_TARGET_DIR:-$ROOT/target}/wasm32-unknown-unknown/$profile/dispute-desk.wasm"
  local work; work=$(mktemp -d)
  wasm-split-cli "$built" "$work/split" --out-name dispute-desk --target web >/dev/null
  wasm-bindgen "$work/split/dispute-desk.wasm" --target web --keep-lld-exports --no-demangle --no-typescript \
    --out-dir "$work/app"
  find "$work/split" -type f ! -name dispute-desk.wasm -exec cp -t "$work/app" {} +
  if [ "$profile" = release ]; then
    short_import_names "$work/app/dispute-desk_bg.wasm" "$work/app/dispute-desk.js"
    # wasm-opt warns of an "unknown name subsection" in every split file: harmless, so not shown.
    find "$work/app" -name '*.wasm' -print0 |
      xargs -0 -P "$(nproc)" -I{} wasm-opt -Oz "${WASM_FEATURES[@]}" {} -o {} 2>/dev/null
  fi
  compact_chunk_loader "$work/app"
  # The bindings and the chunk loader are generated readable; a first visit downloads both.
  if [ "$profile" = release ]; then minify "$work/app"/*.js; fi
  local version; version=$(cat "$work/app"/* | sha256sum | cut -c1-16)
  rm -f "$staging"/dispute-desk-*.js "$staging"/dispute-desk-*_bg.wasm
  mv "$work/app" "$staging/app-$version"
  rm -rf "$work"
  log "split the wasm into $(find "$staging/app-$version" -name '*.wasm' | wc -l) files (app-$version/)"
}

# wasm-bindgen names each function the bindings give the wasm `__wbg_<name>_<16 hex digits>`, both
# in the wasm's imports and in the bindings' object that provides them: about 340 random hashes,
# twice over, which no compression shrinks. Renamed to short names in both (measured: 9.5 KB gzip
# off a first visit). The chunks import nothing from the bindings. Fails the build if the bindings
# are not written the way this expects, rather than leave the two out of step.
short_import_names() {
  node - "$1" "$2" <<'JS'
const { readFileSync, writeFileSync } = require('node:fs');
const [wasmFile, jsFile] = process.argv.slice(2);
const BINDINGS = './dispute-desk_bg.js';
const wasm = readFileSync(wasmFile);
const uleb = (at) => {
  let value = 0, shift = 0, byte;
  do { byte = wasm[at++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
  return [value, at];
};
const encode = (value) => {
  const bytes = [];
  do { let byte = value & 0x7f; value = Math.floor(value / 128); if (value) byte |= 0x80; bytes.push(byte); } while (value);
  return Buffer.from(bytes);
};
const name = (text) => { const bytes = Buffer.from(text); return Buffer.concat([encode(bytes.length), bytes]); };
const renamed = new Map();
const sections = [wasm.subarray(0, 8)];
for (let at = 8; at < wasm.length;) {
  const [size, body] = uleb(at + 1);
  const end = body + size;
  if (wasm[at] !== 2) { sections.push(wasm.subarray(at, end)); at = end; continue; }
  let [count, cursor] = uleb(body);
  const entries = [encode(count)];
  while (count--) {
    let [length, start] = uleb(cursor);
    const module = wasm.toString('utf8', start, start + length);
    [length, start] = uleb(start + length);
    const field = wasm.toString('utf8', start, start + length);
    let kind = start + length;
    const descriptor = kind;
    switch (wasm[kind++]) {
      case 0: [, kind] = uleb(kind); break; // function: type index
      case 1: kind++; // table: element type, then limits
      // falls through
      case 2: { const flags = wasm[kind++]; [, kind] = uleb(kind); if (flags & 1) [, kind] = uleb(kind); break; } // limits
      case 3: kind += 2; break; // global: value type, mutability
      default: throw new Error(`${wasmFile}: import ${module}.${field} is of a kind this does not read`);
    }
    // The same function may be imported more than once: one short name for it.
    if (module === BINDINGS && !renamed.has(field)) renamed.set(field, renamed.size.toString(36));
    const short = module === BINDINGS ? renamed.get(field) : field;
    entries.push(name(module), name(short), wasm.subarray(descriptor, kind));
    cursor = kind;
  }
  const imports = Buffer.concat(entries);
  sections.push(Buffer.from([2]), encode(imports.length), imports);
  at = end;
}
if (renamed.size === 0) throw new Error(`${wasmFile}: no import from ${BINDINGS}`);
let bindings = readFileSync(jsFile, 'utf8');
for (const [field, short] of renamed) {
  const key = new RegExp(`^(\\s+)${field}: function`, 'm');
  if (bindings.split(field).length !== 2 || !key.test(bindings)) throw new Error(`${jsFile}: ${field} is not one key of the imports object`);
  bindings = bindings.replace(key, `$1${JSON.stringify(short)}: function`);
}
writeFileSync(wasmFile, Buffer.concat(sections));
writeFileSync(jsFile, bindings);
JS
}

# wasm-split-cli writes its chunk loader as one function per chunk (over 350 of them). Rewritten as
# one table of the chunks and of the chunks each page needs, whose lists are runs of numbers
# ("gap+more": 22+5 is 22 to 27), read by one function: 4.6 -> 2.0 KB gzip on every first visit.
# tests/bench/web.mjs reads the same table.
#
# Every chunk is also written into one file, all-chunks.wasm (a header of the files' lengths, as
# little-endian u32 after their count, then the files: the chunks in the table's order, then the
# pages'). The service worker keeps that file instead of the chunks one by one, and the loader
# takes a returning buyer's chunks from it: opening the cases (over 220 files) cost about 1.2 ms
# a file when each was read from the cache on its own, mostly in the Cache API. A first visit,
# before the worker has kept it, fetches each chunk it needs. Any cached copy is the right one:
# each build's files live in their own content-named folder.
#
# Fails the build if the loader is not written the way this expects, rather than ship a loader
# that loads the wrong files.
compact_chunk_loader() {
  node - "$1" <<'JS'
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const dir = process.argv[2];
const file = join(dir, '__wasm_split.js');
const source = readFileSync(file, 'utf8').replace(/^\/\*[^\n]*\*\/\n/gm, '');
const declaration = /(?:export )?const (?:__chunk_(\d+)|__wasm_split_load_(\w+)) = (wrapAsyncCb\()?makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/(chunk_\d+|split_\w+)\.wasm", import\.meta\.url\)\);\s*src\.catch\(\(\) => \{\}\);\s*return async \(imports\) => \(WebAssembly\.instantiateStreaming\(src, imports\)\);\s*\}\s*, \[([^\]]*)\]\)\)?;\n/g;
const runs = (numbers) => {
  const out = [];
  let last = 0;
  numbers.forEach((number, at) => {
    if (at > 0 && number === numbers[at - 1] + 1) out[out.length - 1].more += 1;
    else out.push({ gap: number - last, more: 0 });
    last = number;
  });
  return out.map(({ gap, more }) => (more ? `${gap}+${more}` : `${gap}`)).join(' ');
};
const chunks = new Map();
const pages = new Map();
let preamble;
let rest = source;
for (const match of source.matchAll(declaration)) {
  preamble ??= source.slice(0, match.index);
  const [line, chunk, page, wrapped, name, list] = match;
  const deps = list.split(',').map((dep) => dep.trim()).filter(Boolean).map((dep) => {
    const number = Number(/^__chunk_(\d+)$/.exec(dep)?.[1]);
    if (!chunks.has(number)) throw new Error(`${file}: ${dep} is not a chunk declared before ${name}`);
    return number;
  }).sort((a, b) => a - b);
  if (chunk !== undefined && name === `chunk_${chunk}` && !wrapped) chunks.set(Number(chunk), deps);
  else if (page !== undefined && name === `split_${page}` && wrapped) pages.set(page, deps);
  else throw new Error(`${file}: ${line.split('\n')[0]} loads ${name}`);
  rest = rest.replace(line, '');
}
if (preamble === undefined || rest !== preamble || !preamble.includes('function makeLoad(fetcher, deps)')) {
  throw new Error(`${file}: the loader is not written as this expects; did wasm-split-cli change it?`);
}
const numbers = [...chunks.keys()];
if (numbers.some((number, at) => at > 0 && number <= numbers[at - 1])) throw new Error(`${file}: chunks out of order`);
const order = [...numbers.map((number) => `chunk_${number}`), ...[...pages.keys()].map((name) => `split_${name}`)];
const files = order.map((name) => readFileSync(join(dir, `${name}.wasm`)));
const header = Buffer.alloc(4 * (files.length + 1));
header.writeUInt32LE(files.length, 0);
files.forEach((bytes, at) => header.writeUInt32LE(bytes.length, 4 * (at + 1)));
writeFileSync(join(dir, 'all-chunks.wasm'), Buffer.concat([header, ...files]));
const table = JSON.stringify({
  chunks: runs(numbers),
  needs: numbers.map((number) => runs(chunks.get(number))),
  pages: Object.fromEntries([...pages].map(([name, deps]) => [name, runs(deps)])),
});
writeFileSync(file, `${preamble}
const table = JSON.parse('${table}');
const numbers = (runs) => {
    const out = [];
    let at = 0;
    for (const run of runs.split(' ').filter(Boolean)) {
        const [gap, more = 0] = run.split('+').map(Number);
        at += gap;
        for (let next = 0; next <= more; next += 1) out.push(at + next);
        at += more;
    }
    return out;
};
const order = [...numbers(table.chunks).map((number) => \`chunk_\${number}\`), ...Object.keys(table.pages).map((name) => \`split_\${name}\`)];
const unbundle = (bytes) => {
    const header = new DataView(bytes);
    if (header.getUint32(0, true) !== order.length) return undefined;
    const files = new Map();
    let at = 4 * (order.length + 1);
    order.forEach((name, index) => {
        const length = header.getUint32(4 * (index + 1), true);
        files.set(name, new Uint8Array(bytes, at, length));
        at += length;
    });
    return files;
};
let bundle;
const cachedChunks = () => {
    bundle ??= (self.caches ? caches.match(new URL('./all-chunks.wasm', import.meta.url)) : Promise.resolve())
        .then((hit) => hit && hit.arrayBuffer())
        .then((bytes) => bytes && unbundle(bytes))
        .catch(() => undefined);
    // Not kept yet (a first visit): asked again for the next chunk, as the worker may keep it meanwhile.
    bundle.then((files) => { if (!files) bundle = undefined; });
    return bundle;
};
const instantiate = (name) => {
    const src = cachedChunks().then((files) => files?.get(name) ?? fetch(new URL(\`./\${name}.wasm\`, import.meta.url)));
    src.catch(() => {});
    return async (imports) => {
        const found = await src;
        return found instanceof Uint8Array ? WebAssembly.instantiate(found, imports) : WebAssembly.instantiateStreaming(found, imports);
    };
};
const chunks = {};
numbers(table.chunks).forEach((number, at) => {
    chunks[number] = makeLoad(() => instantiate(\`chunk_\${number}\`), numbers(table.needs[at]).map((dep) => chunks[dep]));
});
const page = (name) => wrapAsyncCb(makeLoad(() => instantiate(\`split_\${name}\`), numbers(table.pages[name]).map((dep) => chunks[dep])));
${[...pages.keys()].map((name) => `export const __wasm_split_load_${name} = page(${JSON.stringify(name)});`).join('\n')}
`);
JS
}

stamp_build() {
  node - "${TRUNK_STAGING_DIR:?run by Trunk}" "$ROOT/public/locales" <<'JS'
const { createHash } = require('node:crypto');
const { readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');
const [dir, catalogs] = process.argv.slice(2);
const files = [];
const walk = (folder) => readdirSync(folder).forEach((name) => {
  const path = join(folder, name);
  if (statSync(path).isDirectory()) walk(path); else files.push(relative(dir, path));
});
walk(dir);
// The service worker caches every file of the build; the shell is cached as the folder itself.
const cached = files.filter((file) => file !== 'sw.js' && !file.startsWith('.')).sort();
const version = createHash('sha256');
cached.forEach((file) => version.update(file).update(readFileSync(join(dir, file))));
// The chunks are kept as the one file that holds them all (all-chunks.wasm, split_wasm). The
// host's site.json is not the build's: the worker asks the host for it each time.
const precache = cached.filter((file) => !/\/(?:chunk_\d+|split_\w+)\.wasm$/.test(file) && file !== 'site.json')
  .map((file) => (file === 'index.html' ? './' : `./${file}`));
if (!precache.some((file) => file.endsWith('/all-chunks.wasm'))) throw new Error('no all-chunks.wasm to keep for offline use');
const worker = readFileSync(join(dir, 'sw.js'), 'utf8')
  .replace("'__VERSION__'", JSON.stringify(version.digest('hex').slice(0, 16)))
  .replace('__PRECACHE__', JSON.stringify(precache));
writeFileSync(join(dir, 'sw.js'), worker);
let page = readFileSync(join(dir, 'index.html'), 'utf8');
// The page's own start script (index.html) replaces Trunk's, which would load the unsplit wasm
// Trunk bound and preload it before the first paint.
const [app] = readdirSync(dir).filter((name) => /^app-[0-9a-f]{16}$/.test(name));
page = page
  .replace(/<script type="module">\s*import init[\s\S]*?<\/script>\s*/, '')
  .replace(/<link rel="(?:modulepreload|preload)" href="\.\/dispute-desk-[^>]*>/g, '')
  .replaceAll('__APP__', app);
if (/dispute-desk-[0-9a-f]+(?:_bg\.wasm|\.js)/.test(page)) throw new Error("Trunk's own loader is still in index.html");
// The page's comments are for whoever edits index.html, not for every first visit.
page = page.replace(/<!--[\s\S]*?-->\s*/g, '');
// Trunk pinned the stylesheet by its hash before the build minified it: pinned again.
page = page.replace(/(<link rel="stylesheet" href="\.\/([^"]+)" integrity=")sha384-[^"]+"/g, (_, link, file) =>
  `${link}sha384-${createHash('sha384').update(readFileSync(join(dir, file))).digest('base64')}"`);
// The first paint's texts in every language, copied from the catalogs (English is the markup).
const keys = [...page.matchAll(/data-(?:text|label)="([^"]+)"/g)].map((match) => match[1]);
const texts = {};
for (const file of readdirSync(catalogs)) {
  const catalog = JSON.parse(readFileSync(join(catalogs, file), 'utf8'));
  const locale = file.replace(/\.json$/, '');
  texts[locale] = Object.fromEntries(keys.map((key) => {
    if (!(key in catalog)) throw new Error(`index.html's first paint shows "${key}", which locales/${file} lacks`);
    return [key, catalog[key]];
  }));
}
// Escaped so that no text can close the script it sits in.
page = page.replace('__BOOT_TEXTS__', JSON.stringify(texts).replace(/</g, '\\u003c'));
// Only the page's own inline scripts may run: each pinned by its hash.
const hashes = [...page.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map((match) => `'sha256-${createHash('sha256').update(match[1]).digest('base64')}'`);
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`,
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "frame-src 'self' blob:",
  "connect-src 'self' blob:",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
writeFileSync(join(dir, 'index.html'), page.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n  ${meta}`));
console.log(`stamped ${precache.length} files into sw.js and ${hashes.length} script hashes into the policy`);
JS
}

build_release() {
  log "building the release app into dist/"
  trunk build --release
}

run_tests() {
  setup_all
  log "native tests of the domain core"
  cargo test --quiet
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
