//! The app's import graph, read from its sources: which module names which (`crate::`, `super::`
//! and `self::` paths, in `use` lines and in code), each name a module re-exports followed to the
//! module that defines it. `cargo xtask imports` prints its rings; the tests below hold the app
//! to its layers (docs/ARCHITECTURE.md).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use eyre::Result;
use regex::Regex;

use crate::files::files_below;

/// Module paths ("domain::case", "ui::components") and the modules each one names.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Graph {
    pub imports: BTreeMap<String, BTreeSet<String>>,
}

/// The module a source file is, by its path under src/ ("ui/components/mod.rs" is
/// "ui::components"); the crate root is "".
fn module_of(file: &str) -> String {
    let stem = file.trim_end_matches(".rs");
    let stem = stem.strip_suffix("/mod").unwrap_or(stem);
    if matches!(stem, "lib" | "main") {
        return String::new();
    }
    stem.replace('/', "::")
}

fn join(parent: &str, child: &str) -> String {
    if parent.is_empty() {
        child.to_owned()
    } else {
        format!("{parent}::{child}")
    }
}

fn parent_of(module: &str) -> &str {
    module.rsplit_once("::").map_or("", |(parent, _)| parent)
}

/// The source without its comments (doc links name modules without importing them) and
/// without its unit tests (the layers are the app's; a test may reach across them), which
/// this project keeps at the end of each file.
fn without_comments(source: &str) -> String {
    let app = source.split("#[cfg(test)]\nmod tests").next().unwrap_or(source);
    app.lines().map(|line| line.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// `a::{b, c::{d, e as f}, self}` as the paths it names: `a::b`, `a::c::d`, `a::c::e`, `a`.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let path = tree.split(" as ").next().unwrap_or(tree).trim();
        return vec![path.trim_end_matches("::self").to_owned()];
    };
    let prefix = tree[..open].trim_end_matches("::");
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (at, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|part| !part.trim().is_empty())
        .flat_map(expand)
        .map(|path| if path == "self" { prefix.to_owned() } else { format!("{prefix}::{path}") })
        .collect()
}

/// The patterns that find what a source names: `use` statements, other paths in code, and
/// re-exports of a child's names.
struct Patterns {
    statement: Regex,
    inline: Regex,
    reexport: Regex,
}

impl Patterns {
    fn new() -> Result<Self> {
        Ok(Patterns {
            statement: Regex::new(r"(?s)\buse\s+((?:crate|super|self)::[^;]*);")?,
            inline: Regex::new(r"\b(?:crate|super|self)(?:::[A-Za-z_][A-Za-z0-9_]*)+")?,
            reexport: Regex::new(r"(?m)^\s*pub(?:\([a-z]+\))?\s+use\s+([a-z_][a-z0-9_]*)::([^;]*);")?,
        })
    }

    /// Every path `code` (a source without comments) names from within the crate, as written
    /// (`crate::…`, `super::…`, `self::…`).
    fn named_paths(&self, code: &str) -> Vec<String> {
        let mut paths: Vec<String> = self.statement.captures_iter(code).flat_map(|found| expand(&found[1])).collect();
        let rest = self.statement.replace_all(code, "");
        paths.extend(self.inline.find_iter(&rest).map(|found| found.as_str().to_owned()));
        paths
    }
}

/// A written path made absolute from `module` (`super::x` in "ui::pages::case" is "ui::pages::x").
fn absolute(module: &str, path: &str) -> String {
    let mut base = module.to_owned();
    let mut rest = path;
    if let Some(after) = rest.strip_prefix("crate::") {
        return after.to_owned();
    }
    if let Some(after) = rest.strip_prefix("self::") {
        return join(&base, after);
    }
    // A mod.rs is its folder's module, so `super` there is the folder's parent, as anywhere.
    while let Some(after) = rest.strip_prefix("super::") {
        base = parent_of(&base).to_owned();
        rest = after;
    }
    join(&base, rest)
}

impl Graph {
    /// The graph of the sources under `src`, each as (path under src/, text).
    pub fn of(sources: &[(String, String)]) -> Result<Graph> {
        let patterns = Patterns::new()?;
        let code: Vec<(String, String)> =
            sources.iter().map(|(file, source)| (module_of(file), without_comments(source))).collect();
        let modules: BTreeSet<String> = code.iter().map(|(module, _)| module.clone()).collect();
        // What each module re-exports from a child of its own: (module, name) -> child module.
        let mut reexports: BTreeMap<(String, String), String> = BTreeMap::new();
        for (module, text) in &code {
            for found in patterns.reexport.captures_iter(text) {
                let child = join(module, &found[1]);
                for name in expand(&found[2]) {
                    let name = name.rsplit("::").next().unwrap_or(&name).to_owned();
                    reexports.insert((module.clone(), name), child.clone());
                }
            }
        }
        let resolve = |path: &str| -> Option<String> {
            let segments: Vec<&str> = path.split("::").collect();
            (1..=segments.len())
                .rev()
                .map(|count| segments[..count].join("::"))
                .find(|prefix| modules.contains(prefix))
                .map(|found| {
                    let next = segments.get(found.matches("::").count() + 1).copied().unwrap_or_default();
                    reexports.get(&(found.clone(), next.to_owned())).cloned().unwrap_or(found)
                })
        };
        let mut imports: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (module, text) in &code {
            let named = patterns.named_paths(text).into_iter().filter_map(|path| resolve(&absolute(module, &path)));
            let entry = imports.entry(module.clone()).or_default();
            entry.extend(named.filter(|named| named != module && !named.is_empty()));
        }
        Ok(Graph { imports })
    }

    /// The graph of the app's own sources (`src/` of the checkout).
    pub fn of_folder(src: &Path) -> Result<Graph> {
        let mut sources = Vec::new();
        for file in files_below(src)?.into_iter().filter(|file| file.ends_with(".rs")) {
            sources.push((file.clone(), std::fs::read_to_string(src.join(&file))?));
        }
        Graph::of(&sources)
    }

    /// The rings: each set of two or more modules that reach each other through their imports
    /// (strongly connected components, Tarjan's algorithm), largest first.
    pub fn rings(&self) -> Vec<Vec<String>> {
        let mut walk =
            Tarjan { graph: self, index: BTreeMap::new(), low: BTreeMap::new(), stack: Vec::new(), rings: Vec::new() };
        for module in self.imports.keys() {
            if !walk.index.contains_key(module.as_str()) {
                walk.visit(module);
            }
        }
        let mut rings = walk.rings;
        rings.sort_by_key(|ring| std::cmp::Reverse(ring.len()));
        rings
    }

    /// The modules under `root` in layers: each module one above the highest it imports, the
    /// ones that import none of them first; none for a root whose modules form a ring.
    pub fn layers(&self, root: &str) -> Option<Vec<Vec<String>>> {
        let under = |module: &str| module.starts_with(&format!("{root}::"));
        let modules: Vec<&String> = self.imports.keys().filter(|module| under(module)).collect();
        let mut level: BTreeMap<&str, usize> = BTreeMap::new();
        // Each pass places the modules whose imports are all placed; a ring never is.
        while level.len() < modules.len() {
            let placed = level.len();
            for module in &modules {
                let below: Option<Vec<usize>> = self.imports[*module]
                    .iter()
                    .filter(|named| under(named))
                    .map(|named| level.get(named.as_str()).copied())
                    .collect();
                if let (false, Some(below)) = (level.contains_key(module.as_str()), below) {
                    level.insert(module, below.into_iter().max().map_or(0, |highest| highest + 1));
                }
            }
            if level.len() == placed {
                return None;
            }
        }
        let mut layers = vec![Vec::new(); level.values().max().map_or(0, |top| top + 1)];
        for (module, at) in level {
            layers[at].push(module.to_owned());
        }
        Some(layers)
    }

    /// Each import that breaks a layer (docs/ARCHITECTURE.md): the core naming storage or the
    /// interface, storage naming the interface, a component naming a page.
    pub fn layer_breaks(&self) -> Vec<(String, String)> {
        [("domain", "storage"), ("domain", "ui"), ("storage", "ui"), ("ui::components", "ui::pages")]
            .into_iter()
            .flat_map(|(from, to)| self.crossings(from, to))
            .collect()
    }

    /// Each import of a module under `from` that names one under `to`, as (importer, imported).
    pub fn crossings(&self, from: &str, to: &str) -> Vec<(String, String)> {
        let under = |module: &str, root: &str| module == root || module.starts_with(&format!("{root}::"));
        self.imports
            .iter()
            .filter(|(module, _)| under(module, from))
            .flat_map(|(module, named)| {
                named.iter().filter(|named| under(named, to)).map(move |named| (module.clone(), named.clone()))
            })
            .collect()
    }
}

struct Tarjan<'a> {
    graph: &'a Graph,
    index: BTreeMap<&'a str, usize>,
    low: BTreeMap<&'a str, usize>,
    stack: Vec<&'a str>,
    rings: Vec<Vec<String>>,
}

impl<'a> Tarjan<'a> {
    fn visit(&mut self, module: &'a str) {
        let order = self.index.len();
        self.index.insert(module, order);
        self.low.insert(module, order);
        self.stack.push(module);
        for named in self.graph.imports.get(module).into_iter().flatten() {
            let named = named.as_str();
            if !self.index.contains_key(named) {
                self.visit(named);
                let low = self.low[module].min(self.low[named]);
                self.low.insert(module, low);
            } else if self.stack.contains(&named) {
                let low = self.low[module].min(self.index[named]);
                self.low.insert(module, low);
            }
        }
        if self.low[module] == self.index[module] {
            let mut ring = Vec::new();
            while let Some(top) = self.stack.pop() {
                ring.push(top.to_owned());
                if top == module {
                    break;
                }
            }
            if ring.len() > 1 {
                ring.sort();
                self.rings.push(ring);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(files: &[(&str, &str)]) -> Vec<(String, String)> {
        files.iter().map(|(file, text)| (file.to_string(), text.to_string())).collect()
    }

    #[test]
    fn use_trees_name_each_path() {
        assert_eq!(
            expand("crate::a::{b, c::{d, e as f}, self}"),
            ["crate::a::b", "crate::a::c::d", "crate::a::c::e", "crate::a"]
        );
        assert_eq!(absolute("ui::pages::case", "super::inbox::X"), "ui::pages::inbox::X");
        assert_eq!(absolute("domain::case", "crate::ui::state"), "ui::state");
        assert_eq!(module_of("ui/components/mod.rs"), "ui::components");
    }

    #[test]
    fn a_reexported_name_leads_to_the_module_that_defines_it_and_comments_name_nothing() {
        let graph = Graph::of(&sources(&[
            ("lib.rs", "pub mod ui;"),
            ("ui/mod.rs", "mod components;\nmod pages;"),
            ("ui/components/mod.rs", "mod card;\npub use card::Card;"),
            ("ui/components/card.rs", "// see crate::ui::pages\nuse crate::ui::pages::{home::Home};"),
            ("ui/pages/mod.rs", "pub mod home;"),
            (
                "ui/pages/home.rs",
                "use crate::ui::components::Card;\nfn f() { super::super::components::card::draw(); }",
            ),
        ]))
        .unwrap();
        assert_eq!(graph.imports["ui::pages::home"], BTreeSet::from(["ui::components::card".to_string()]));
        assert_eq!(graph.rings(), [vec!["ui::components::card".to_string(), "ui::pages::home".to_string()]]);
        assert_eq!(
            graph.crossings("ui::components", "ui::pages"),
            [("ui::components::card".to_string(), "ui::pages::home".to_string())]
        );
    }

    fn app() -> Graph {
        Graph::of_folder(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../src")).unwrap()
    }

    #[test]
    fn layers_put_each_module_above_what_it_imports() {
        let graph = Graph::of(&sources(&[
            ("domain/mod.rs", ""),
            ("domain/text.rs", ""),
            ("domain/case.rs", "use super::text::a;"),
            ("domain/rules.rs", "use super::case::Case;\nuse super::text::b;"),
        ]))
        .unwrap();
        let layers = graph.layers("domain").unwrap();
        assert_eq!(
            layers,
            [vec!["domain::text".to_string()], vec!["domain::case".to_string()], vec!["domain::rules".to_string()]]
        );
        let ring =
            Graph::of(&sources(&[("domain/a.rs", "use super::b::x;"), ("domain/b.rs", "use super::a::y;")])).unwrap();
        assert_eq!(ring.layers("domain"), None);
    }

    #[test]
    fn the_core_has_no_import_ring() {
        let layers =
            app().layers("domain").expect("the core's modules import each other in a ring: cargo xtask imports");
        assert!(layers.len() > 3, "{layers:?}");
    }

    #[test]
    fn no_module_of_the_app_imports_one_above_its_layer() {
        let graph = app();
        assert!(graph.imports.len() > 100, "modules read: {}", graph.imports.len());
        assert_eq!(graph.layer_breaks(), []);
    }
}
