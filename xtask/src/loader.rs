//! wasm-split writes its chunk loader as one function per chunk (over 350 of them). Rewritten
//! as one table of the chunks and of the chunks each page needs, whose lists are runs of numbers
//! ("gap+more": 22+5 is 22 to 27), read by one function (`chunk_loader.js`): 4.6 -> 2.0 KB gzip
//! on every first visit. The benchmark reads the same table back (`cargo xtask chunk-table`).
//!
//! Every chunk is also written into one file, all-chunks.wasm (a header of the files' lengths, as
//! little-endian u32 after their count, then the files: the chunks in the table's order, then the
//! pages'). The service worker keeps that file instead of the chunks one by one, and the loader
//! takes a returning buyer's chunks from it: opening the cases (over 220 files) cost about 1.2 ms
//! a file when each was read from the cache on its own, mostly in the Cache API. A first visit,
//! before the worker has kept it, fetches each chunk it needs. Any cached copy is the right one:
//! each build's files live in their own content-named folder.
//!
//! Fails the build if wasm-split's loader is not written the way this expects, rather than ship
//! a loader that loads the wrong files.

use std::collections::{BTreeMap, BTreeSet};

use eyre::{bail, ensure, eyre, Result};
use regex::Regex;
use serde_json::{json, Value};

const RUNTIME: &str = include_str!("chunk_loader.js");
/// How the table sits in the written loader (see `chunk_loader.js`), minified or not.
const TABLE_OPEN: &str = "JSON.parse('";
const TABLE_START: &str = "{\"chunks\":";
const TABLE_CLOSE: &str = "')";

/// The chunks, by number, and the chunks each page (a split point, by name) needs besides its
/// own file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChunkTable {
    pub chunks: BTreeSet<u32>,
    pub pages: BTreeMap<String, Vec<u32>>,
}

impl ChunkTable {
    /// The table of a split: its files' stems (`chunk_3`, `split_case`) and, for each page,
    /// the stems it loads (its chunks, then itself), as wasm-split reports them.
    pub fn of_split<'a>(
        stems: impl IntoIterator<Item = &'a str>,
        pages: &BTreeMap<String, Vec<String>>,
    ) -> Result<Self> {
        let mut table = ChunkTable::default();
        for stem in stems {
            if let Some(number) = stem.strip_prefix("chunk_") {
                table.chunks.insert(number.parse()?);
            } else if !stem.strip_prefix("split_").is_some_and(|page| pages.contains_key(page)) {
                bail!("wasm-split wrote {stem}.wasm, which is neither a chunk nor a page's");
            }
        }
        for (page, loads) in pages {
            ensure!(
                loads.iter().any(|stem| *stem == format!("split_{page}")),
                "the page {page} has no code of its own"
            );
            let mut needs = Vec::new();
            for stem in loads.iter().filter_map(|stem| stem.strip_prefix("chunk_")) {
                let number = stem.parse()?;
                ensure!(table.chunks.contains(&number), "the page {page} needs chunk_{number}, which was not written");
                needs.push(number);
            }
            needs.sort_unstable();
            table.pages.insert(page.clone(), needs);
        }
        Ok(table)
    }

    /// The files' stems in the order all-chunks.wasm holds them: the chunks, then the pages.
    pub fn order(&self) -> Vec<String> {
        let chunks = self.chunks.iter().map(|number| format!("chunk_{number}"));
        chunks.chain(self.pages.keys().map(|page| format!("split_{page}"))).collect()
    }

    fn to_json(&self) -> String {
        let chunks: Vec<u32> = self.chunks.iter().copied().collect();
        let pages: serde_json::Map<String, Value> =
            self.pages.iter().map(|(page, needs)| (page.clone(), Value::String(runs(needs)))).collect();
        json!({ "chunks": runs(&chunks), "pages": pages }).to_string()
    }

    fn from_json(text: &str) -> Result<Self> {
        let value: Value = serde_json::from_str(text)?;
        let field = |value: &Value| {
            value.as_str().map(numbers).ok_or_else(|| eyre!("the chunk table holds a list that is not text"))
        };
        let chunks = field(&value["chunks"])??.into_iter().collect();
        let mut pages = BTreeMap::new();
        for (page, needs) in value["pages"].as_object().ok_or_else(|| eyre!("the chunk table has no pages"))? {
            pages.insert(page.clone(), field(needs)??);
        }
        Ok(ChunkTable { chunks, pages })
    }

    /// The table a written loader holds.
    pub fn in_loader(loader: &str) -> Result<Self> {
        let start = loader
            .find(&format!("{TABLE_OPEN}{TABLE_START}"))
            .ok_or_else(|| eyre!("the loader holds no chunk table"))?
            + TABLE_OPEN.len();
        let end = loader[start..].find(TABLE_CLOSE).ok_or_else(|| eyre!("the loader's chunk table is not closed"))?;
        Self::from_json(&loader[start..start + end])
    }
}

/// Ascending numbers as runs: each the gap from the last run's end, and `+more` when the next
/// ones follow on (`[3, 4, 5, 9]` is "3+2 4").
pub fn runs(numbers: &[u32]) -> String {
    let mut out: Vec<(u32, u32)> = Vec::new();
    let mut last = 0;
    for (at, &number) in numbers.iter().enumerate() {
        match out.last_mut() {
            Some((_, more)) if at > 0 && number == numbers[at - 1] + 1 => *more += 1,
            _ => out.push((number - last, 0)),
        }
        last = number;
    }
    let text: Vec<String> =
        out.iter().map(|&(gap, more)| if more > 0 { format!("{gap}+{more}") } else { gap.to_string() }).collect();
    text.join(" ")
}

/// The numbers `runs` wrote.
pub fn numbers(runs: &str) -> Result<Vec<u32>> {
    let mut out = Vec::new();
    let mut at = 0;
    for run in runs.split(' ').filter(|run| !run.is_empty()) {
        let (gap, more) = run.split_once('+').unwrap_or((run, "0"));
        at += gap.parse::<u32>()?;
        let more: u32 = more.parse()?;
        out.extend(at..=at + more);
        at += more;
    }
    Ok(out)
}

/// all-chunks.wasm from the files in the table's order.
pub fn bundle(files: &[Vec<u8>]) -> Result<Vec<u8>> {
    let length = |count: usize| u32::try_from(count).map(u32::to_le_bytes);
    let mut out = length(files.len())?.to_vec();
    for file in files {
        out.extend(length(file.len())?);
    }
    for file in files {
        out.extend(file);
    }
    Ok(out)
}

/// The loader: wasm-split's preamble (its imports, `makeLoad`, `wrapAsyncCb`), then the table
/// and the runtime that reads it, in place of wasm-split's declarations, which must be exactly
/// the table's chunks (none needing another) and pages.
pub fn write_loader(generated: &str, table: &ChunkTable) -> Result<String> {
    let first = Regex::new(r"(?m)^(?:/\* |const __chunk_|export const __wasm_split_load_)")?;
    let start = first.find(generated).map_or(generated.len(), |found| found.start());
    let (preamble, declarations) = generated.split_at(start);
    ensure!(
        preamble.contains("function makeLoad(fetcher, deps)") && preamble.contains("wrapAsyncCb"),
        "wasm-split's loader has no makeLoad(fetcher, deps) or wrapAsyncCb: did it change?"
    );
    let chunk = Regex::new(r"^const __chunk_(\d+) = makeLoad\(")?;
    let mut declared = BTreeSet::new();
    for declaration in declarations_in(&first, declarations) {
        if let Some(found) = chunk.captures(declaration) {
            ensure!(
                declaration.trim_end().ends_with(", []);"),
                "a chunk's loader in wasm-split's output needs other chunks"
            );
            declared.insert(found[1].parse::<u32>()?);
        }
    }
    let page = Regex::new(r"(?m)^export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(")?;
    let pages: BTreeSet<&str> =
        page.captures_iter(declarations).filter_map(|found| found.get(1)).map(|name| name.as_str()).collect();
    ensure!(declared == table.chunks, "wasm-split's loader declares other chunks than it wrote");
    ensure!(
        pages.iter().copied().eq(table.pages.keys().map(String::as_str)),
        "wasm-split's loader declares other pages than it reported"
    );
    let json = table.to_json();
    ensure!(!json.contains(['\'', '\\']), "a page's name would need escaping in the loader");
    let exports: Vec<String> = table
        .pages
        .keys()
        .map(|name| {
            format!(
                "export const __wasm_split_load_{name} = page({});",
                serde_json::to_string(name).unwrap_or_default()
            )
        })
        .collect();
    let runtime = RUNTIME.lines().skip_while(|line| line.starts_with("//")).collect::<Vec<_>>().join("\n");
    let runtime = runtime.replacen("__TABLE__", &json, 1).replacen("__PAGES__", &exports.join("\n"), 1);
    Ok(format!("{preamble}{runtime}\n"))
}

/// The text from each start of a declaration to the next.
fn declarations_in<'a>(start: &Regex, text: &'a str) -> Vec<&'a str> {
    let starts: Vec<usize> = start.find_iter(text).map(|found| found.start()).chain([text.len()]).collect();
    starts.windows(2).map(|pair| &text[pair[0]..pair[1]]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_read_back_as_the_numbers_they_were() {
        for numbers_in in [vec![], vec![0], vec![3, 4, 5, 9], vec![1, 2, 3, 4, 10, 12, 13], vec![7, 100]] {
            assert_eq!(numbers(&runs(&numbers_in)).unwrap(), numbers_in);
        }
        assert_eq!(runs(&[3, 4, 5, 9]), "3+2 4");
        assert_eq!(runs(&[0, 1]), "0+1");
        assert!(numbers("2+x").is_err());
    }

    fn split_pages() -> BTreeMap<String, Vec<String>> {
        let list = |stems: &[&str]| stems.iter().map(|stem| stem.to_string()).collect();
        BTreeMap::from([
            ("case".to_string(), list(&["chunk_2", "chunk_1", "split_case"])),
            ("backup".to_string(), list(&["chunk_2", "split_backup"])),
        ])
    }

    fn table() -> ChunkTable {
        ChunkTable::of_split(["chunk_1", "chunk_2", "split_case", "split_backup"], &split_pages()).unwrap()
    }

    #[test]
    fn the_table_lists_each_pages_chunks_in_order() {
        let table = table();
        assert_eq!(table.pages["case"], [1, 2]);
        assert_eq!(table.order(), ["chunk_1", "chunk_2", "split_backup", "split_case"]);
        assert!(ChunkTable::of_split(["chunk_1", "split_other"], &split_pages()).is_err());
        assert!(ChunkTable::of_split(["chunk_2", "split_case", "split_backup"], &split_pages()).is_err());
    }

    #[test]
    fn the_bundle_is_counted_lengths_then_files() {
        let bundled = bundle(&[vec![1, 2, 3], vec![9]]).unwrap();
        assert_eq!(bundled, [2, 0, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0, 1, 2, 3, 9]);
    }

    fn declaration(name: &str, deps: &str, page: bool) -> String {
        let fetcher = format!(
            "() => {{\n    const src = fetch(new URL(\"./{name}.wasm\", import.meta.url));\n    src.catch(() => {{}});\n    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));\n}}\n"
        );
        match name.strip_prefix("split_") {
            Some(page_name) if page => {
                format!("export const __wasm_split_load_{page_name} = wrapAsyncCb(makeLoad({fetcher}, [{deps}]));\n")
            }
            _ => format!("/* case */\nconst __{name} = makeLoad({fetcher}, [{deps}]);\n"),
        }
    }

    const PREAMBLE: &str = "import { initSync } from \"./dispute-desk.js\";\nfunction makeLoad(fetcher, deps) {}\nfunction wrapAsyncCb(f) {}\n";

    fn generated(chunk_deps: &str) -> String {
        let mut text = PREAMBLE.to_string();
        text += &declaration("chunk_1", chunk_deps, false);
        text += &declaration("chunk_2", "", false);
        text += &declaration("split_case", "__chunk_1, __chunk_2", true);
        text += &declaration("split_backup", "__chunk_2", true);
        text
    }

    #[test]
    fn the_loader_keeps_the_preamble_and_holds_the_table_the_bench_reads() {
        let loader = write_loader(&generated(""), &table()).unwrap();
        assert!(loader.starts_with(PREAMBLE));
        assert!(!loader.contains("__chunk_1 = makeLoad"));
        assert!(loader.contains("export const __wasm_split_load_case = page(\"case\");"));
        assert!(loader.contains("export const __wasm_split_load_backup = page(\"backup\");"));
        assert!(!loader.contains("__TABLE__") && !loader.contains("__PAGES__"));
        assert_eq!(ChunkTable::in_loader(&loader).unwrap(), table());
        // As esbuild minifies it.
        let minified = loader.replace("const table = JSON.parse('", "const t=JSON.parse('");
        assert_eq!(ChunkTable::in_loader(&minified).unwrap(), table());
    }

    #[test]
    fn a_loader_not_written_as_expected_fails() {
        assert!(write_loader(&generated("__chunk_2"), &table()).is_err(), "a chunk needing another");
        assert!(write_loader(&generated("").replace("function makeLoad(fetcher, deps)", "function load()"), &table())
            .is_err());
        let mut fewer = table();
        fewer.pages.remove("backup");
        assert!(write_loader(&generated(""), &fewer).is_err());
    }
}
