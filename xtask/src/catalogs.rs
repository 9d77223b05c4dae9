//! Cuts each catalog (locales/<code>.json) in two: <code>.first.json, the texts a first visit can
//! see before anything else downloads (the shell, the welcome, the questions), which the app
//! fetches before it starts; and <code>.rest.json, fetched while the first screen shows, which
//! every lazy page and the `cases` chunk wait for (src/ui/language.rs, `with_whole_catalog`). A
//! text goes in the rest only when every source file that holds it is one of `LATE`; any other
//! text, or one no file holds, goes first. The languages journey holds the rest back and finds
//! the first screen whole.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::Path;

use eyre::{bail, Result, WrapErr};
use serde_json::{Map, Value};

use crate::files::files_below;

/// Code that runs only inside a lazy page or the `cases` chunk, or (the domain files) only for
/// them, under src/; a folder ends in "/".
pub const LATE: &[&str] = &[
    "ui/pages/case/",
    "ui/pages/new_case.rs",
    "ui/pages/checklist.rs",
    "ui/pages/backup.rs",
    "ui/pages/import.rs",
    "ui/pages/inbox.rs",
    "ui/pages/shared_case.rs",
    "ui/pages/upcoming.rs",
    "ui/pages/host_check.rs",
    "ui/components/evidence_locker.rs",
    "ui/components/journal_view.rs",
    "ui/components/message_writer.rs",
    "ui/components/guide_card.rs",
    "ui/components/share_case.rs",
    "ui/components/bulk_actions.rs",
    "ui/components/worklist_tools.rs",
    "ui/components/timeline.rs",
    "ui/components/adjust_deadline.rs",
    "ui/components/case_chart.rs",
    "ui/components/legal_rights.rs",
    "ui/components/case_form.rs",
    "domain/templates.rs",
    "domain/guide.rs",
    "domain/rules.rs",
    "domain/legal.rs",
    "domain/evidence.rs",
    "domain/proof.rs",
    "domain/import.rs",
    "domain/backup.rs",
    "domain/recognise.rs",
    "domain/overview.rs",
    "domain/form.rs",
    "domain/deadline.rs",
    "domain/deadline_kind.rs",
    "domain/worklist.rs",
];

/// A source file's texts, and whether it runs only late.
pub struct Source {
    pub late: bool,
    pub texts: HashSet<String>,
}

fn is_late(path: &str) -> bool {
    LATE.iter().any(|late| if late.ends_with('/') { path.starts_with(late) } else { path == *late })
}

/// Every Rust source under `src`, with its texts.
pub fn sources(src: &Path) -> Result<Vec<Source>> {
    let missing: Vec<&&str> = LATE.iter().filter(|late| !src.join(late).exists()).collect();
    if !missing.is_empty() {
        bail!("the late sources {missing:?} are not under {}", src.display());
    }
    let mut found = Vec::new();
    for file in files_below(src)?.into_iter().filter(|file| file.ends_with(".rs")) {
        let source = fs::read_to_string(src.join(&file)).wrap_err_with(|| format!("reading src/{file}"))?;
        let texts = rust_literals::literals(&source).into_iter().map(|literal| literal.text).collect();
        found.push(Source { late: is_late(&file), texts });
    }
    Ok(found)
}

/// A catalog's first and rest. A count's key is its two English forms (`one|other`): a file
/// holds it when it holds both.
pub fn cut(catalog: &Map<String, Value>, sources: &[Source]) -> (Map<String, Value>, Map<String, Value>) {
    let (mut first, mut rest) = (Map::new(), Map::new());
    for (key, text) in catalog {
        let mut holders =
            sources.iter().filter(|source| key.split('|').all(|part| source.texts.contains(part))).peekable();
        let late = holders.peek().is_some() && holders.all(|source| source.late);
        if late { &mut rest } else { &mut first }.insert(key.clone(), text.clone());
    }
    (first, rest)
}

/// Every catalog of `folder` (`<code>.json`, not its cut parts), by its code.
pub fn read(folder: &Path) -> Result<BTreeMap<String, Map<String, Value>>> {
    let mut found = BTreeMap::new();
    for file in files_below(folder)? {
        let Some(code) = file.strip_suffix(".json").filter(|code| !code.contains(['.', '/'])) else { continue };
        let text = fs::read_to_string(folder.join(&file))?;
        found
            .insert(code.to_string(), serde_json::from_str(&text).wrap_err_with(|| format!("reading locales/{file}"))?);
    }
    Ok(found)
}

/// Cuts every `<code>.json` of `folder` into `<code>.first.json` and `<code>.rest.json`.
pub fn cut_all(folder: &Path, sources: &[Source]) -> Result<()> {
    for (code, catalog) in read(folder)? {
        let (first, rest) = cut(&catalog, sources);
        println!("locales/{code}: {} texts first, {} later", first.len(), rest.len());
        fs::write(folder.join(format!("{code}.first.json")), Value::Object(first).to_string())?;
        fs::write(folder.join(format!("{code}.rest.json")), Value::Object(rest).to_string())?;
        fs::remove_file(folder.join(format!("{code}.json")))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::tests::TempDir;

    fn source(late: bool, texts: &[&str]) -> Source {
        Source { late, texts: texts.iter().map(|text| text.to_string()).collect() }
    }

    #[test]
    fn a_text_waits_only_when_every_file_holding_it_is_late() {
        let sources =
            [source(false, &["Welcome", "Shared"]), source(true, &["Evidence", "Shared", "1 day", "{n} days"])];
        let catalog: Map<String, Value> = serde_json::from_str(
            r#"{"Welcome":"Bienvenue","Shared":"Partagé","Evidence":"Preuves","1 day|{n} days":"1 jour|{n} jours","Gone":"Parti"}"#,
        )
        .unwrap();
        let (first, rest) = cut(&catalog, &sources);
        let keys = |map: &Map<String, Value>| map.keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(&first), ["Gone", "Shared", "Welcome"]);
        assert_eq!(keys(&rest), ["1 day|{n} days", "Evidence"]);
        assert_eq!(rest["Evidence"], "Preuves");
    }

    #[test]
    fn late_paths_are_files_or_folders() {
        assert!(is_late("ui/pages/case/evidence.rs"));
        assert!(is_late("domain/guide.rs"));
        assert!(!is_late("domain/guide_extra.rs"));
        assert!(!is_late("ui/pages/home.rs"));
    }

    #[test]
    fn every_late_path_is_in_the_app() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src");
        let found = sources(&src).unwrap();
        assert!(found.iter().any(|source| source.late) && found.iter().any(|source| !source.late));
    }

    #[test]
    fn cutting_a_folder_replaces_each_catalog_by_its_two_parts() {
        let dir = TempDir::new("catalogs");
        dir.write("fr.json", br#"{"Welcome":"Bienvenue","Evidence":"Preuves"}"#);
        let folder = &dir.0;
        cut_all(folder, &[source(false, &["Welcome"]), source(true, &["Evidence"])]).unwrap();
        assert!(!folder.join("fr.json").exists());
        assert_eq!(fs::read_to_string(folder.join("fr.first.json")).unwrap(), r#"{"Welcome":"Bienvenue"}"#);
        assert_eq!(fs::read_to_string(folder.join("fr.rest.json")).unwrap(), r#"{"Evidence":"Preuves"}"#);
    }
}
