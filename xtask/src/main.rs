//! Dispute Desk's build steps after cargo, run as `cargo xtask <task>`:
//!
//! - `post-build`: Trunk's post_build hook (TRUNK_STAGING_DIR, TRUNK_PROFILE): split, bind,
//!   optimise, chunk loader, catalog cut, stamp (see `post_build`).
//! - `imports`: the rings in the app's import graph (modules that reach each other), largest
//!   first, and fails on any import that breaks a layer (see `imports`).
//! - `chunk-table <app folder>`: the shared chunks each page needs, as JSON, read back from the
//!   built loader (the benchmark's page sizes).

mod catalogs;
mod files;
mod import_names;
mod imports;
mod loader;
mod post_build;
mod routes;
mod stamp;
mod tools;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use eyre::{bail, ensure, eyre, Result};

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Vec<String>) -> Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["post-build"] => {
            let staging = std::env::var_os("TRUNK_STAGING_DIR")
                .ok_or_else(|| eyre!("TRUNK_STAGING_DIR is not set: run by Trunk's hook"))?;
            let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
            let release = std::env::var("TRUNK_PROFILE").is_ok_and(|profile| profile == "release");
            post_build::run(&post_build::Build { root, staging: staging.into(), target, release })
        }
        ["chunk-table", folder] => {
            let table =
                loader::ChunkTable::in_loader(&std::fs::read_to_string(Path::new(folder).join("__wasm_split.js"))?)?;
            let pages: serde_json::Map<String, serde_json::Value> = table
                .pages
                .iter()
                .map(|(page, needs)| {
                    (page.clone(), needs.iter().map(|number| format!("chunk_{number}.wasm")).collect())
                })
                .collect();
            println!("{}", serde_json::Value::Object(pages));
            Ok(())
        }
        ["imports"] => {
            let graph = imports::Graph::of_folder(&root.join("src"))?;
            let rings = graph.rings();
            for ring in &rings {
                println!("a ring of {} modules: {}", ring.len(), ring.join(", "));
            }
            println!("{} rings", rings.len());
            if let Some(layers) = graph.layers("domain") {
                println!("the core's modules, each above what it imports:");
                for (at, layer) in layers.iter().enumerate() {
                    println!(
                        "  {at}: {}",
                        layer.iter().map(|module| module.trim_start_matches("domain::")).collect::<Vec<_>>().join(", ")
                    );
                }
            }
            let breaks = graph.layer_breaks();
            for (importer, imported) in &breaks {
                println!("{importer} imports {imported}, a layer above it");
            }
            ensure!(breaks.is_empty(), "{} imports break the layers", breaks.len());
            Ok(())
        }
        _ => bail!("usage: cargo xtask post-build | cargo xtask imports | cargo xtask chunk-table <app folder>"),
    }
}
