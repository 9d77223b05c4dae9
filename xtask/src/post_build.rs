//! Trunk's post_build hook: runs on the staging folder before it becomes dist/.
//!
//! Cuts cargo's wasm into the module the first screen needs and the chunks each lazy page loads
//! when first opened (`lazy_page!` in src/ui/pages/mod.rs), binds and optimises each, and moves
//! them into a folder named by their contents: chunk names do not change with their code, so a
//! browser must never mix the files of two builds. Trunk's own bindings of the unsplit wasm go.
//! Then the catalogs are cut, the stylesheet minified, and the page and worker stamped.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use eyre::{eyre, Result, WrapErr};
use sha2::{Digest, Sha256};

use crate::files::files_below;
use crate::loader::{self, ChunkTable};
use crate::{catalogs, import_names, stamp, tools};

/// What Trunk built and where.
pub struct Build {
    /// The checkout (its src/ and public/).
    pub root: PathBuf,
    /// Trunk's staging folder, which becomes dist/.
    pub staging: PathBuf,
    /// cargo's target folder.
    pub target: PathBuf,
    pub release: bool,
}

impl Build {
    fn profile(&self) -> &str {
        if self.release {
            "release"
        } else {
            "debug"
        }
    }
}

pub fn run(build: &Build) -> Result<()> {
    let app = split_wasm(build)?;
    catalogs::cut_all(&build.staging.join("locales"), &catalogs::sources(&build.root.join("src"))?)?;
    if build.release {
        tools::minify(&with_extension(&build.staging, "css")?)?;
    }
    stamp::stamp(&build.staging, &app, &build.root.join("public/locales"), &build.root.join("src"))
}

/// `step`'s result, after saying how long it took (the build's slow steps, to see where time goes).
fn timed<T>(step: &str, run: impl FnOnce() -> T) -> T {
    let started = std::time::Instant::now();
    let result = run();
    println!("{step}: {:.1} s", started.elapsed().as_secs_f64());
    result
}

/// The files of `dir` (not below it) that end in `.{extension}`.
fn with_extension(dir: &Path, extension: &str) -> Result<Vec<PathBuf>> {
    Ok(files_below(dir)?
        .into_iter()
        .filter(|file| !file.contains('/') && file.ends_with(&format!(".{extension}")))
        .map(|file| dir.join(file))
        .collect())
}

/// Splits, binds and optimises the app into the staging folder's `app-<version>/`, whose name
/// it returns.
fn split_wasm(build: &Build) -> Result<String> {
    let built = build.target.join("wasm32-unknown-unknown").join(build.profile()).join("dispute-desk.wasm");
    let work = build.target.join("xtask-work");
    let _ = fs::remove_dir_all(&work);
    let (split, app) = (work.join("split"), work.join("app"));
    let input = fs::read(&built).wrap_err_with(|| format!("reading cargo's {}", built.display()))?;
    let main = split.join("dispute-desk.wasm");
    let mut options = wasm_split_cli_support::Options::new(&input);
    options.output_dir = &split;
    options.main_out_path = &main;
    options.main_module = "./dispute-desk.js";
    options.target.web();
    let result = timed("split", || wasm_split_cli_support::transform(options))?;
    timed("bind", || tools::bind(&main, &app))?;
    for file in files_below(&split)?.into_iter().filter(|file| file != "dispute-desk.wasm") {
        fs::copy(split.join(&file), app.join(&file))?;
    }
    let stems = result.split_modules.iter().filter_map(|path| path.file_stem().and_then(|stem| stem.to_str()));
    let table = ChunkTable::of_split(stems, &result.prefetch_map.into_iter().collect::<BTreeMap<_, _>>())?;
    if build.release {
        let (wasm, bindings) = (app.join("dispute-desk_bg.wasm"), app.join("dispute-desk.js"));
        let (short_wasm, short_bindings) = import_names::shorten(&fs::read(&wasm)?, &fs::read_to_string(&bindings)?)?;
        fs::write(&wasm, short_wasm)?;
        fs::write(&bindings, short_bindings)?;
        let wasm_files = with_extension(&app, "wasm")?;
        timed(&format!("optimise {} files", wasm_files.len()), || tools::optimise(&wasm_files))?;
    }
    let loader_file = app.join("__wasm_split.js");
    fs::write(&loader_file, loader::write_loader(&fs::read_to_string(&loader_file)?, &table)?)?;
    let files: Vec<Vec<u8>> =
        table.order().iter().map(|stem| fs::read(app.join(format!("{stem}.wasm")))).collect::<Result<_, _>>()?;
    fs::write(app.join("all-chunks.wasm"), loader::bundle(&files)?)?;
    // The bindings and the chunk loader are generated readable; a first visit downloads both.
    if build.release {
        tools::minify(&with_extension(&app, "js")?)?;
    }
    let name = format!("app-{}", content_version(&app)?);
    for stale in files_below(&build.staging)?.into_iter().filter(|file| is_trunks_binding(file)) {
        fs::remove_file(build.staging.join(stale))?;
    }
    fs::rename(&app, build.staging.join(&name))
        .map_err(|error| eyre!("moving the app into the staging folder: {error}"))?;
    let _ = fs::remove_dir_all(&work);
    println!("split the wasm into {} files ({name}/)", table.order().len() + 1);
    Ok(name)
}

/// Trunk's bindings of the unsplit wasm (dispute-desk-<hash>.js and its _bg.wasm).
fn is_trunks_binding(file: &str) -> bool {
    file.strip_prefix("dispute-desk-")
        .is_some_and(|rest| !rest.contains('/') && (rest.ends_with(".js") || rest.ends_with("_bg.wasm")))
}

/// The first 16 hex digits of a hash of every file's contents, in name order.
fn content_version(dir: &Path) -> Result<String> {
    let mut hash = Sha256::new();
    for file in files_below(dir)? {
        hash.update(fs::read(dir.join(file))?);
    }
    Ok(hash.finalize().iter().take(8).map(|byte| format!("{byte:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::tests::TempDir;

    #[test]
    fn trunks_own_bindings_are_told_from_the_apps() {
        assert!(is_trunks_binding("dispute-desk-9f3a1b.js") && is_trunks_binding("dispute-desk-9f3a1b_bg.wasm"));
        assert!(!is_trunks_binding("app-1/dispute-desk.js") && !is_trunks_binding("dispute-desk.css"));
    }

    #[test]
    fn the_version_follows_the_contents() {
        let dir = TempDir::new("version");
        dir.write("a.wasm", b"one");
        let first = content_version(&dir.0).unwrap();
        assert_eq!(first.len(), 16);
        assert_eq!(content_version(&dir.0).unwrap(), first);
        dir.write("a.wasm", b"two");
        assert_ne!(content_version(&dir.0).unwrap(), first);
    }

    #[test]
    fn only_the_folders_own_files_of_a_kind() {
        let dir = TempDir::new("extension");
        dir.write("a.css", b"");
        dir.write("b.js", b"");
        dir.write("sub/c.css", b"");
        assert_eq!(with_extension(&dir.0, "css").unwrap(), [dir.0.join("a.css")]);
    }
}
