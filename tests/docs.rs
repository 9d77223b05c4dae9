//! The project's own docs name real files: every path the README or docs/ARCHITECTURE.md
//! writes in backticks under one of the project's folders is there.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::Path;

const FOLDERS: &[&str] = &["src/", "tests/", "docs/", "xtask/", "public/", "style/"];
/// What the tests write (git-ignored), named by the docs as where to look.
const WRITTEN_BY_TESTS: &str = "tests/results/";

/// The backticked texts of `doc` that name a path in the project (not a pattern or a placeholder).
fn paths_in(doc: &str) -> Vec<String> {
    doc.split('`')
        .skip(1)
        .step_by(2)
        .filter(|text| FOLDERS.iter().any(|folder| text.starts_with(folder)) && !text.starts_with(WRITTEN_BY_TESTS))
        .filter(|text| !text.contains(['<', '*', ' ', '{']))
        .map(|text| text.trim_end_matches([',', '.']).to_owned())
        .collect()
}

#[test]
fn the_docs_name_files_that_exist() {
    for doc in ["README.md", "docs/ARCHITECTURE.md"] {
        let text = fs::read_to_string(doc).unwrap_or_else(|error| panic!("{doc}: {error}"));
        let paths = paths_in(&text);
        assert!(paths.len() >= 10, "{doc} names {paths:?}");
        for path in paths {
            assert!(Path::new(&path).exists(), "{doc} names {path}, which is not in the project");
        }
    }
}

#[test]
fn only_paths_under_the_projects_folders_are_read() {
    let doc = "see `src/domain/rules.rs`, `cargo test`, `tests/e2e/<file>`, `tests/results/a.png`, `docs/RULES.md`.";
    assert_eq!(paths_in(doc), ["src/domain/rules.rs", "docs/RULES.md"]);
}
