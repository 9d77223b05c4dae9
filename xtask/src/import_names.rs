//! wasm-bindgen names each function the bindings give the wasm `__wbg_<name>_<16 hex digits>`,
//! both in the wasm's imports and in the bindings' object that provides them: about 340 random
//! hashes, twice over, which no compression shrinks. Renamed to short names in both (measured:
//! 9.5 KB gzip off a first visit). The chunks import nothing from the bindings. Fails the build
//! if the bindings are not written the way this expects, rather than leave the two out of step.

use std::collections::HashMap;

use eyre::{bail, ensure, Result};
use regex::Regex;
use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasm_encoder::{ImportSection, Module, RawSection};
use wasmparser::{Parser, Payload};

/// The module name under which the main wasm imports the bindings' functions.
pub const BINDINGS: &str = "./dispute-desk_bg.js";

/// The wasm and its bindings with every import from the bindings under a short name (base 36
/// of its order), the same in both.
pub fn shorten(wasm: &[u8], bindings: &str) -> Result<(Vec<u8>, String)> {
    let mut renamed: Vec<(String, String)> = Vec::new();
    let mut module = Module::new();
    for payload in Parser::new(0).parse_all(wasm) {
        let payload = payload?;
        match &payload {
            Payload::Version { .. } => {}
            Payload::ImportSection(reader) => {
                module.section(&short_imports(reader.clone(), &mut renamed)?);
            }
            _ => {
                if let Some((id, range)) = payload.as_section() {
                    let data = wasm.get(usize::try_from(range.start)?..usize::try_from(range.end)?);
                    let data = data.ok_or_else(|| eyre::eyre!("a section lies outside the wasm"))?;
                    module.section(&RawSection { id, data });
                }
            }
        }
    }
    ensure!(!renamed.is_empty(), "the wasm imports nothing from {BINDINGS}");
    Ok((module.finish(), renamed_in_bindings(bindings, &renamed)?))
}

/// The import section with the bindings' names replaced; `renamed` gathers each name once,
/// as the same function may be imported more than once.
fn short_imports(
    reader: wasmparser::ImportSectionReader,
    renamed: &mut Vec<(String, String)>,
) -> Result<ImportSection> {
    let mut index: HashMap<String, usize> =
        renamed.iter().enumerate().map(|(at, (long, _))| (long.clone(), at)).collect();
    let mut section = ImportSection::new();
    for import in reader.into_imports() {
        let import = import?;
        let ty = RoundtripReencoder.entity_type(import.ty)?;
        if import.module != BINDINGS {
            section.import(import.module, import.name, ty);
            continue;
        }
        let at = *index.entry(import.name.to_string()).or_insert_with(|| {
            renamed.push((import.name.to_string(), base36(renamed.len())));
            renamed.len() - 1
        });
        section.import(import.module, &renamed[at].1, ty);
    }
    Ok(section)
}

fn base36(mut number: usize) -> String {
    let mut digits = Vec::new();
    loop {
        digits.push(char::from_digit((number % 36) as u32, 36).unwrap_or('0'));
        number /= 36;
        if number == 0 {
            break;
        }
    }
    digits.iter().rev().collect()
}

/// The bindings' imports object with each key renamed; every long name must be there exactly
/// once, as a key.
fn renamed_in_bindings(bindings: &str, renamed: &[(String, String)]) -> Result<String> {
    let mut text = bindings.to_string();
    for (long, short) in renamed {
        let key = Regex::new(&format!(r"(?m)^(\s+){}: function", regex::escape(long)))?;
        if text.matches(long.as_str()).count() != 1 || !key.is_match(&text) {
            bail!("the bindings do not hold {long} once, as a key of the imports object");
        }
        text = key.replace(&text, format!("${{1}}{}: function", serde_json::to_string(short)?)).into_owned();
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_encoder::{CodeSection, EntityType, ExportKind, ExportSection, Function, FunctionSection, TypeSection};
    use wasmparser::TypeRef;

    /// A module importing `names` from `from`, in order, with a function of its own exported.
    fn module_importing(from: &str, names: &[&str]) -> Vec<u8> {
        let mut module = Module::new();
        let mut types = TypeSection::new();
        types.ty().function([], []);
        module.section(&types);
        let mut imports = ImportSection::new();
        for name in names {
            imports.import(from, name, EntityType::Function(0));
        }
        imports.import(
            "env",
            "memory",
            wasm_encoder::MemoryType {
                minimum: 1,
                maximum: None,
                memory64: false,
                shared: false,
                page_size_log2: None,
            },
        );
        module.section(&imports);
        let mut functions = FunctionSection::new();
        functions.function(0);
        module.section(&functions);
        let mut exports = ExportSection::new();
        exports.export("run", ExportKind::Func, names.len() as u32);
        module.section(&exports);
        let mut code = CodeSection::new();
        let mut body = Function::new([]);
        body.instructions().end();
        code.function(&body);
        module.section(&code);
        module.finish()
    }

    fn imports_of(wasm: &[u8]) -> Vec<(String, String, bool)> {
        let mut found = Vec::new();
        for payload in Parser::new(0).parse_all(wasm) {
            if let Ok(Payload::ImportSection(reader)) = payload {
                for import in reader.into_imports().flatten() {
                    found.push((
                        import.module.to_string(),
                        import.name.to_string(),
                        matches!(import.ty, TypeRef::Func(0)),
                    ));
                }
            }
        }
        found
    }

    const BINDINGS_JS: &str = "const imports = {\n    __wbg_alert_0123456789abcdef: function(arg0) { alert(arg0); },\n    __wbg_log_fedcba9876543210: function() {},\n};\n";

    #[test]
    fn renames_the_bindings_imports_in_both_and_keeps_the_rest() {
        let long = ["__wbg_alert_0123456789abcdef", "__wbg_log_fedcba9876543210", "__wbg_alert_0123456789abcdef"];
        let (wasm, bindings) = shorten(&module_importing(BINDINGS, &long), BINDINGS_JS).unwrap();
        assert!(wasmparser::validate(&wasm).is_ok());
        let imports = imports_of(&wasm);
        let names: Vec<&str> = imports.iter().map(|(_, name, _)| name.as_str()).collect();
        assert_eq!(names, ["0", "1", "0", "memory"]);
        assert!(imports[..3].iter().all(|(module, _, function)| module == BINDINGS && *function));
        assert_eq!(
            bindings,
            "const imports = {\n    \"0\": function(arg0) { alert(arg0); },\n    \"1\": function() {},\n};\n"
        );
    }

    #[test]
    fn numbers_past_nine_are_base_36() {
        assert_eq!([base36(0), base36(10), base36(35), base36(36)], ["0", "a", "z", "10"]);
    }

    #[test]
    fn a_wasm_without_the_bindings_fails() {
        assert!(shorten(&module_importing("other", &["x"]), BINDINGS_JS).is_err());
    }

    #[test]
    fn bindings_that_do_not_hold_the_name_as_a_key_fail() {
        let wasm = module_importing(BINDINGS, &["__wbg_alert_0123456789abcdef"]);
        let called_twice = format!("{BINDINGS_JS}__wbg_alert_0123456789abcdef();\n");
        assert!(shorten(&wasm, &called_twice).is_err());
        assert!(shorten(&wasm, "const imports = {};").is_err());
    }
}
