// The chunk loader's second half, after wasm-split's own preamble (its `makeLoad` and
// `wrapAsyncCb`); written into __wasm_split.js by the build (xtask/src/loader.rs), which puts the
// chunk table in place of __TABLE__ and one export per page in place of __PAGES__.
const table = JSON.parse('__TABLE__');
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
const order = [...numbers(table.chunks).map((number) => `chunk_${number}`), ...Object.keys(table.pages).map((name) => `split_${name}`)];
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
    const src = cachedChunks().then((files) => files?.get(name) ?? fetch(new URL(`./${name}.wasm`, import.meta.url)));
    src.catch(() => {});
    return async (imports) => {
        const found = await src;
        return found instanceof Uint8Array ? WebAssembly.instantiate(found, imports) : WebAssembly.instantiateStreaming(found, imports);
    };
};
const chunks = {};
numbers(table.chunks).forEach((number) => {
    chunks[number] = makeLoad(() => instantiate(`chunk_${number}`), []);
});
const page = (name) => wrapAsyncCb(makeLoad(() => instantiate(`split_${name}`), numbers(table.pages[name]).map((dep) => chunks[dep])));
__PAGES__
