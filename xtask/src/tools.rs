//! The tools the build runs as programs, installed by dev.sh into .tools/: wasm-bindgen (the
//! bindings), wasm-opt (binaryen's optimiser, its JavaScript build from npm) and esbuild (minifies
//! JavaScript and CSS).

use std::path::{Path, PathBuf};
use std::process::Command;

use eyre::{ensure, Result, WrapErr};
use rayon::prelude::*;

/// The wasm features wasm-opt must keep (rustc's default set for wasm32).
const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

fn run(command: &mut Command) -> Result<()> {
    let shown = format!("{command:?}");
    let output =
        command.output().wrap_err_with(|| format!("could not start {shown}: is it installed (bash dev.sh setup)?"))?;
    ensure!(output.status.success(), "{shown} failed:\n{}", String::from_utf8_lossy(&output.stderr));
    Ok(())
}

/// Binds the main wasm for the web into `out_dir` (dispute-desk.js and dispute-desk_bg.wasm),
/// its names kept as the linker wrote them so that the chunks still find them.
pub fn bind(wasm: &Path, out_dir: &Path) -> Result<()> {
    run(Command::new("wasm-bindgen")
        .arg(wasm)
        .args(["--target", "web", "--keep-lld-exports", "--no-demangle", "--no-typescript", "--out-dir"])
        .arg(out_dir))
}

/// The wasm-opt `--version` prints when it is binaryen's `version`: another binaryen writes other
/// bytes (Debian's 108 writes chunks the browser cannot load), so the build refuses it.
fn check_binaryen(printed: &str, version: &str) -> Result<()> {
    let words: Vec<&str> = printed.split_whitespace().collect();
    ensure!(
        words.windows(2).any(|pair| pair == ["version", version]),
        "the wasm-opt on PATH says {:?}, not binaryen version {version}: run `bash dev.sh setup`",
        printed.trim()
    );
    Ok(())
}

/// Optimises each wasm file in place for size, several at once, with the binaryen dev.sh
/// installs (`BINARYEN_VERSION`, when it runs the build). wasm-opt warns of an "unknown
/// name subsection" in every split file: harmless, so its messages are shown only on failure.
pub fn optimise(files: &[PathBuf]) -> Result<()> {
    if let Ok(version) = std::env::var("BINARYEN_VERSION") {
        let output = Command::new("wasm-opt")
            .arg("--version")
            .output()
            .wrap_err("could not start wasm-opt: run `bash dev.sh setup`")?;
        check_binaryen(&String::from_utf8_lossy(&output.stdout), &version)?;
    }
    files
        .par_iter()
        .try_for_each(|file| run(Command::new("wasm-opt").arg("-Oz").args(WASM_FEATURES).arg(file).arg("-o").arg(file)))
}

/// Minifies JavaScript modules and stylesheets in place (their names stay: the build names them).
/// Errors only: wasm-bindgen's bindings repeat one harmless object key, of which esbuild warns.
pub fn minify(files: &[PathBuf]) -> Result<()> {
    files.par_iter().try_for_each(|file| {
        run(Command::new("esbuild")
            .arg(file)
            .args(["--minify", "--log-level=error", "--allow-overwrite"])
            .arg(format!("--outfile={}", file.display())))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_pinned_binaryen_is_taken() {
        assert!(check_binaryen("wasm-opt version 132 (version_132)\n", "132").is_ok());
        assert!(check_binaryen("wasm-opt version 108\n", "132").is_err());
        assert!(check_binaryen("wasm-opt version 1321\n", "132").is_err());
    }
}
