//! The last step: the service worker learns the build's version and every file to keep for
//! offline use; the page loses Trunk's own loader and its comments, gains the first paint's texts
//! in every language, and pins its stylesheet and inline scripts in its Content-Security-Policy.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use eyre::{bail, ensure, eyre, Result, WrapErr};
use regex::{Captures, Regex};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256, Sha384};

use crate::files::files_below;
use crate::{catalogs, routes};

/// The files the worker keeps and the build's version (a hash of every file it caches, by name
/// and contents). The shell is kept as the folder itself; the chunks as the one file that holds
/// them all (all-chunks.wasm); the host's site.json is not the build's: the worker asks the host
/// for it each time.
pub fn precache(dir: &Path) -> Result<(Vec<String>, String)> {
    let cached: Vec<String> =
        files_below(dir)?.into_iter().filter(|file| file != "sw.js" && !file.starts_with('.')).collect();
    let mut version = Sha256::new();
    for file in &cached {
        version.update(file.as_bytes());
        version.update(fs::read(dir.join(file))?);
    }
    let chunk = Regex::new(r"/(?:chunk_\d+|split_\w+)\.wasm$")?;
    let kept: Vec<String> = cached
        .iter()
        .filter(|file| !chunk.is_match(file) && *file != "site.json")
        .map(|file| if file == "index.html" { "./".to_string() } else { format!("./{file}") })
        .collect();
    ensure!(kept.iter().any(|file| file.ends_with("/all-chunks.wasm")), "no all-chunks.wasm to keep for offline use");
    let digest = version.finalize();
    Ok((kept, digest.iter().take(8).map(|byte| format!("{byte:02x}")).collect()))
}

/// The worker with its version and list in place.
pub fn stamp_worker(worker: &str, version: &str, precache: &[String]) -> Result<String> {
    ensure!(
        worker.contains("'__VERSION__'") && worker.contains("__PRECACHE__"),
        "sw.js has no '__VERSION__' or __PRECACHE__ to fill"
    );
    Ok(worker.replacen("'__VERSION__'", &serde_json::to_string(version)?, 1).replacen(
        "__PRECACHE__",
        &serde_json::to_string(precache)?,
        1,
    ))
}

/// The page's own start script (index.html) replaces Trunk's, which would load the unsplit wasm
/// Trunk bound and preload it before the first paint; the page's comments are for whoever
/// edits index.html, not for every first visit.
pub fn without_trunks_loader(page: &str, app: &str) -> Result<String> {
    let script = Regex::new(r#"<script type="module">\s*import init[\s\S]*?</script>\s*"#)?;
    let preload = Regex::new(r#"<link rel="(?:modulepreload|preload)" href="\./dispute-desk-[^>]*>"#)?;
    let page = preload.replace_all(&script.replace_all(page, ""), "").replace("__APP__", app);
    if Regex::new(r"dispute-desk-[0-9a-f]+(?:_bg\.wasm|\.js)")?.is_match(&page) {
        bail!("Trunk's own loader is still in index.html");
    }
    Ok(Regex::new(r"<!--[\s\S]*?-->\s*")?.replace_all(&page, "").into_owned())
}

/// Trunk pinned the stylesheet by its hash before the build minified it: pinned again.
pub fn stylesheets_pinned(page: &str, read: impl Fn(&str) -> Result<Vec<u8>>) -> Result<String> {
    let link = Regex::new(r#"(<link rel="stylesheet" href="\./([^"]+)" integrity=")sha384-[^"]+""#)?;
    let mut failed = None;
    let pinned = link.replace_all(page, |found: &Captures| match read(&found[2]) {
        Ok(bytes) => format!("{}sha384-{}\"", &found[1], BASE64.encode(Sha384::digest(bytes))),
        Err(error) => {
            failed = Some(error);
            found[0].to_string()
        }
    });
    match failed {
        Some(error) => Err(error),
        None => Ok(pinned.into_owned()),
    }
}

/// The first paint's texts in every language, copied from the catalogs (English is the markup),
/// escaped so that no text can close the script it sits in.
pub fn boot_texts(page: &str, catalogs: &BTreeMap<String, Map<String, Value>>) -> Result<String> {
    let key = Regex::new(r#"data-(?:text|label)="([^"]+)""#)?;
    let keys: Vec<&str> = key.captures_iter(page).filter_map(|found| found.get(1)).map(|key| key.as_str()).collect();
    let mut texts = Map::new();
    for (locale, catalog) in catalogs {
        let mut chosen = Map::new();
        for key in &keys {
            let text = catalog
                .get(*key)
                .ok_or_else(|| eyre!("index.html's first paint shows \"{key}\", which locales/{locale}.json lacks"))?;
            chosen.insert(key.to_string(), text.clone());
        }
        texts.insert(locale.clone(), Value::Object(chosen));
    }
    ensure!(page.contains("__BOOT_TEXTS__"), "index.html has no __BOOT_TEXTS__ to fill");
    Ok(page.replacen("__BOOT_TEXTS__", &Value::Object(texts).to_string().replace('<', "\\u003c"), 1))
}

/// Only the page's own inline scripts may run: each pinned by its hash.
pub fn with_policy(page: &str) -> Result<(String, usize)> {
    let script = Regex::new(r"<script([^>]*)>([\s\S]*?)</script>")?;
    let external = Regex::new(r"\bsrc=")?;
    let hashes: Vec<String> = script
        .captures_iter(page)
        .filter(|found| !external.is_match(&found[1]))
        .map(|found| format!("'sha256-{}'", BASE64.encode(Sha256::digest(found[2].as_bytes()))))
        .collect();
    let policy = [
        "default-src 'self'".to_string(),
        format!("script-src 'self' 'wasm-unsafe-eval' {}", hashes.join(" ")),
        "style-src 'self'".into(),
        "img-src 'self' blob: data:".into(),
        "media-src 'self' blob:".into(),
        "frame-src 'self' blob:".into(),
        "connect-src 'self' blob:".into(),
        "worker-src 'self'".into(),
        "manifest-src 'self'".into(),
        "object-src 'none'".into(),
        "base-uri 'self'".into(),
        "form-action 'self'".into(),
    ]
    .join("; ");
    let charset = "<meta charset=\"utf-8\">";
    ensure!(page.contains(charset), "index.html has no {charset} to put the policy after");
    let meta = format!("{charset}\n  <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">");
    Ok((page.replacen(charset, &meta, 1), hashes.len()))
}

/// Stamps the staging folder `dir`, whose app lives in `app` (its folder's name).
pub fn stamp(dir: &Path, app: &str, catalogs_folder: &Path, src: &Path) -> Result<()> {
    let (kept, version) = precache(dir)?;
    let worker = fs::read_to_string(dir.join("sw.js"))?;
    fs::write(dir.join("sw.js"), stamp_worker(&worker, &version, &kept)?)?;
    let page = without_trunks_loader(&fs::read_to_string(dir.join("index.html"))?, app)?;
    let page = routes::with_routes(&page, src)?;
    let page = stylesheets_pinned(&page, |file| fs::read(dir.join(file)).wrap_err_with(|| format!("reading {file}")))?;
    let page = boot_texts(&page, &catalogs::read(catalogs_folder)?)?;
    let (page, scripts) = with_policy(&page)?;
    fs::write(dir.join("index.html"), page)?;
    println!("stamped {} files into sw.js and {scripts} script hashes into the policy", kept.len());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::tests::TempDir;

    #[test]
    fn the_worker_keeps_every_file_but_the_chunks_one_by_one_and_the_hosts() {
        let dir = TempDir::new("stamp-precache");
        for file in [
            "index.html",
            "sw.js",
            "site.json",
            "style-1.css",
            "app-1/all-chunks.wasm",
            "app-1/chunk_3.wasm",
            "app-1/split_case.wasm",
            "app-1/dispute-desk_bg.wasm",
        ] {
            dir.write(file, file.as_bytes());
        }
        let (kept, version) = precache(&dir.0).unwrap();
        assert_eq!(kept, ["./app-1/all-chunks.wasm", "./app-1/dispute-desk_bg.wasm", "./", "./style-1.css"]);
        assert_eq!(version.len(), 16);
        dir.write("style-1.css", b"changed");
        assert_ne!(precache(&dir.0).unwrap().1, version, "a file's change is a new version");
        let worker =
            stamp_worker("const VERSION = '__VERSION__';\nconst FILES = __PRECACHE__;", "abc", &kept[..1]).unwrap();
        assert_eq!(worker, "const VERSION = \"abc\";\nconst FILES = [\"./app-1/all-chunks.wasm\"];");
    }

    #[test]
    fn without_the_bundle_there_is_nothing_to_keep_offline() {
        let dir = TempDir::new("stamp-no-bundle");
        dir.write("index.html", b"x");
        assert!(precache(&dir.0).is_err());
    }

    const PAGE: &str = "<head><meta charset=\"utf-8\">\n<!-- for editors -->\n<link rel=\"modulepreload\" href=\"./dispute-desk-0af3.js\" crossorigin>\
        <link rel=\"stylesheet\" href=\"./style-1.css\" integrity=\"sha384-old\"/>\
        <script type=\"module\">\nimport init from './dispute-desk-0af3.js';\ninit();\n</script>\n\
        <script>const texts = __BOOT_TEXTS__; load('./__APP__/dispute-desk.js');</script><script src=\"x.js\"></script></head>\
        <body><h1 data-text=\"Welcome\">Welcome</h1><button data-label=\"Start\">Start</button></body>";

    #[test]
    fn the_page_loses_trunks_loader_and_its_comments() {
        let page = without_trunks_loader(PAGE, "app-1").unwrap();
        assert!(!page.contains("dispute-desk-0af3") && !page.contains("for editors"));
        assert!(page.contains("load('./app-1/dispute-desk.js')"));
        assert!(without_trunks_loader("<script src=\"./dispute-desk-0af3_bg.wasm\"></script>", "a").is_err());
    }

    #[test]
    fn the_stylesheet_is_pinned_by_what_was_built() {
        let page = stylesheets_pinned(PAGE, |file| Ok(format!("body{{}} /* {file} */").into_bytes())).unwrap();
        let expected = BASE64.encode(Sha384::digest(b"body{} /* style-1.css */"));
        assert!(page.contains(&format!("integrity=\"sha384-{expected}\"")));
        assert!(stylesheets_pinned(PAGE, |_| Err(eyre!("gone"))).is_err());
    }

    #[test]
    fn the_first_paint_speaks_every_language_and_no_text_closes_its_script() {
        let catalog = |pairs: &[(&str, &str)]| {
            pairs.iter().map(|(key, text)| (key.to_string(), Value::from(*text))).collect::<Map<_, _>>()
        };
        let catalogs = BTreeMap::from([
            ("en".to_string(), catalog(&[("Welcome", "Welcome"), ("Start", "Start"), ("Unused", "x")])),
            ("fr".to_string(), catalog(&[("Welcome", "Bienvenue </script>"), ("Start", "Commencer")])),
        ]);
        let page = boot_texts(PAGE, &catalogs).unwrap();
        assert!(page.contains(r#"const texts = {"en":{"Start":"Start","Welcome":"Welcome"},"fr":{"Start":"Commencer","Welcome":"Bienvenue \u003c/script>"}};"#));
        let mut lacking = catalogs.clone();
        lacking.get_mut("fr").unwrap().remove("Start");
        assert!(boot_texts(PAGE, &lacking).unwrap_err().to_string().contains("locales/fr.json lacks"));
    }

    #[test]
    fn only_the_pages_own_inline_scripts_are_allowed() {
        let page = "<meta charset=\"utf-8\"><script>run()</script><script src=\"a.js\"></script><script type=\"module\">go()</script>";
        let (stamped, count) = with_policy(page).unwrap();
        assert_eq!(count, 2);
        let hash = |text: &str| format!("'sha256-{}'", BASE64.encode(Sha256::digest(text.as_bytes())));
        assert!(stamped.contains(&format!("script-src 'self' 'wasm-unsafe-eval' {} {};", hash("run()"), hash("go()"))));
        assert!(stamped.starts_with(
            "<meta charset=\"utf-8\">\n  <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self';"
        ));
    }
}
