//! Everything that reads outside input (a backup file, a share link, a stored record) is fed
//! arbitrary bytes and mutations of real input: it must answer with an error, never panic, hang
//! or allocate what the input merely claims.
//!
//! The short run is part of `cargo test`; `bash dev.sh fuzz` runs the same properties with many
//! more inputs (`PROPTEST_CASES`). Each property prints how many inputs it ran.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};
use dispute_desk::domain::backup::{build_manifest, encode_header, read_manifest, read_prefix, PREFIX_BYTES};
use dispute_desk::domain::import::{cases_csv, guess_mapping, plan, read_sheet, summarize, OnExisting};
use dispute_desk::domain::record::{from_record_text, to_record_text};
use dispute_desk::domain::share::{case_from_bytes, decode, encode, Sealed};
use dispute_desk::domain::site::read_site;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{TestRng, TestRunner};
use support::sample::sample_cases;

/// No single input may take longer than this: a parser that loops on crafted input is a hang.
const SLOWEST_ALLOWED: Duration = Duration::from_secs(2);

fn now() -> DateTime<Utc> {
    "2026-11-21T12:00:00Z".parse().unwrap_or_default()
}

fn today() -> NaiveDate {
    now().date_naive()
}

/// An edit of the input: flip a bit, cut it short, insert or remove a byte.
#[derive(Clone, Debug)]
enum Mutation {
    Flip(Index, u8),
    Truncate(Index),
    Insert(Index, u8),
    Remove(Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<Index>(), 0u8..8).prop_map(|(at, bit)| Mutation::Flip(at, bit)),
        any::<Index>().prop_map(Mutation::Truncate),
        (any::<Index>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Insert(at, byte)),
        any::<Index>().prop_map(Mutation::Remove),
    ]
}

fn mutated(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for change in mutations {
        if bytes.is_empty() {
            break;
        }
        match change {
            Mutation::Flip(at, bit) => {
                let at = at.index(bytes.len());
                bytes[at] ^= 1 << bit;
            }
            Mutation::Truncate(at) => bytes.truncate(at.index(bytes.len())),
            Mutation::Insert(at, byte) => bytes.insert(at.index(bytes.len() + 1), *byte),
            Mutation::Remove(at) => {
                bytes.remove(at.index(bytes.len()));
            }
        }
    }
    bytes
}

/// Either arbitrary bytes or a few edits of `good`.
fn hostile(good: &'static [u8]) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..512),
        prop::collection::vec(mutation(), 1..8).prop_map(move |edits| mutated(good.to_vec(), &edits)),
    ]
}

fn good_backup() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let cases = sample_cases(6, 11, now());
        build_manifest(&cases, &[], false, now()).and_then(|manifest| encode_header(&manifest)).unwrap_or_default()
    })
}

fn good_record() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let case = sample_cases(12, 3, now()).into_iter().max_by_key(|case| case.journal().entries().len());
        case.and_then(|case| to_record_text(&case).ok()).unwrap_or_default().into_bytes()
    })
}

fn good_spreadsheet() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| cases_csv(&sample_cases(8, 5, now())).replace(',', ";").into_bytes())
}

fn good_link() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let sealed = Sealed::Encrypted { salt: [9; 16], iv: [8; 12], iterations: 1000, ciphertext: vec![7; 64] };
        format!("#share={}", encode(&sealed)).into_bytes()
    })
}

/// Feeds `parse` every input `inputs` makes (`PROPTEST_CASES` of them, 2,000 by default), failing
/// on a panic or an input slower than [`SLOWEST_ALLOWED`]. `parse` names each input's outcome;
/// the run prints how many inputs ran and how they ended, and returns that tally. The inputs are
/// the same on every run (a fixed seed), so a test run is repeatable; `FUZZ_FRESH=1` (set by
/// `bash dev.sh fuzz`) draws new ones each time.
fn fuzz<S: Strategy>(name: &str, inputs: S, parse: impl Fn(S::Value) -> String) -> BTreeMap<String, u64> {
    let wanted = std::env::var("PROPTEST_CASES").ok().and_then(|cases| cases.parse().ok()).unwrap_or(2_000);
    let mut config = ProptestConfig::with_cases(wanted);
    config.failure_persistence = None;
    let ran = AtomicU64::new(0);
    let tally = Mutex::new(BTreeMap::<String, u64>::new());
    let mut runner = if std::env::var_os("FUZZ_FRESH").is_some() {
        TestRunner::new(config)
    } else {
        let rng = TestRng::deterministic_rng(config.rng_algorithm);
        TestRunner::new_with_rng(config, rng)
    };
    let outcome = runner.run(&inputs, |input| {
        let started = Instant::now();
        let ended = parse(input);
        ran.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut tally) = tally.lock() {
            *tally.entry(ended).or_default() += 1;
        }
        let took = started.elapsed();
        prop_assert!(took < SLOWEST_ALLOWED, "one input took {took:?}");
        Ok(())
    });
    assert!(outcome.is_ok(), "{name}: {outcome:?}");
    let ran = ran.load(Ordering::Relaxed);
    assert!(ran >= u64::from(wanted), "{name}: only {ran} inputs ran");
    let tally = tally.into_inner().unwrap_or_default();
    eprintln!("fuzz {name}: {ran} inputs, none panicked, none slower than {SLOWEST_ALLOWED:?}; outcomes {tally:?}");
    tally
}

/// An outcome's name: the error's variant, without the details.
fn outcome<T, E: std::fmt::Debug>(result: &Result<T, E>) -> String {
    match result {
        Ok(_) => "accepted".into(),
        Err(error) => format!("{error:?}").split(|c: char| !c.is_alphanumeric()).next().unwrap_or_default().to_owned(),
    }
}

fn read_backup(bytes: &[u8]) -> String {
    let total = bytes.len() as u64;
    let read = read_prefix(&bytes[..bytes.len().min(PREFIX_BYTES)], total).and_then(|length| {
        // `read_prefix` promised the manifest fits in the file; slicing must not panic.
        read_manifest(&bytes[PREFIX_BYTES..PREFIX_BYTES + length as usize], total, today())
    });
    outcome(&read)
}

/// Mutations that all end at the first check would test nothing behind it: the inputs must end
/// in at least `kinds` different ways.
fn reaches_several_checks(name: &str, tally: &BTreeMap<String, u64>, kinds: usize) {
    assert!(tally.len() >= kinds, "{name}: the inputs reach several checks: {tally:?}");
}

#[test]
fn the_backup_reader_never_panics() {
    reaches_several_checks("backup", &fuzz("backup file", hostile(good_backup()), |bytes| read_backup(&bytes)), 4);
}

#[test]
fn the_share_link_reader_never_panics() {
    let links = fuzz("share link", hostile(good_link()), |link| outcome(&decode(&String::from_utf8_lossy(&link))));
    reaches_several_checks("share link", &links, 3);
    let cases = fuzz("shared case", hostile(good_record()), |record| outcome(&case_from_bytes(&record, today())));
    reaches_several_checks("shared case", &cases, 3);
}

#[test]
fn the_stored_record_reader_never_panics() {
    let records = fuzz("stored record", hostile(good_record()), |bytes| {
        outcome(&from_record_text(&String::from_utf8_lossy(&bytes)).map_err(|(_, error)| error))
    });
    reaches_several_checks("stored record", &records, 2);
}

#[test]
fn the_spreadsheet_reader_never_panics() {
    let sheets = fuzz("spreadsheet", hostile(good_spreadsheet()), |bytes| {
        // Whatever the columns turn out to be, planning the import must not panic either.
        match read_sheet(&bytes) {
            Ok(sheet) => {
                let planned = summarize(&plan(&sheet, &guess_mapping(&sheet, "USD"), &[], OnExisting::Update, today()));
                match (planned.new > 0, planned.rejected > 0) {
                    (true, false) => "every row imported".into(),
                    (true, true) => "some rows refused".into(),
                    (false, _) => "every row refused".into(),
                }
            }
            failed => outcome(&failed),
        }
    });
    reaches_several_checks("spreadsheet", &sheets, 3);
}

/// A host's site.json: whatever it holds, the reader answers with what it kept and what it refused.
#[test]
fn the_site_file_reader_never_panics() {
    let sites = fuzz("site file", hostile(include_bytes!("../public/site.example.json")), |bytes| {
        let site = read_site(&bytes);
        // Nothing the reader keeps may be a link the app must not make.
        let links = site.organization.iter().flat_map(|organization| organization.help_link()).chain(
            site.marketplaces
                .iter()
                .flat_map(|marketplace| &marketplace.rules)
                .flat_map(|rule| &rule.source)
                .map(|source| source.url.clone()),
        );
        for link in links {
            let lower = link.to_ascii_lowercase();
            assert!(["http://", "https://", "mailto:"].iter().any(|scheme| lower.starts_with(scheme)), "{link:?}");
        }
        match (site.problems.is_empty(), site.organization.is_some() || !site.marketplaces.is_empty()) {
            (true, true) => "read whole".into(),
            (false, true) => "read in part".into(),
            (_, false) => "nothing usable".into(),
        }
    });
    reaches_several_checks("site file", &sites, 3);
}

/// serde_json's recursion limit stays on: deep nesting is refused, not a stack overflow.
#[test]
fn deeply_nested_input_is_refused_without_overflowing_the_stack() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(from_record_text(&deep).is_err());
    assert!(case_from_bytes(deep.as_bytes(), today()).is_err());
    assert!(read_manifest(deep.as_bytes(), deep.len() as u64 + PREFIX_BYTES as u64, today()).is_err());
    assert!(read_site(deep.as_bytes()).marketplaces.is_empty());
}

/// The good inputs the mutations start from really are good, or the mutations test nothing.
#[test]
fn the_seeds_of_the_mutations_parse() {
    let backup = good_backup();
    let length = read_prefix(&backup[..PREFIX_BYTES], backup.len() as u64).map(|length| length as usize);
    assert!(matches!(
        length.map(|length| read_manifest(&backup[PREFIX_BYTES..PREFIX_BYTES + length], backup.len() as u64, today())),
        Ok(Ok(_))
    ));
    assert!(from_record_text(&String::from_utf8_lossy(good_record())).is_ok());
    assert!(case_from_bytes(good_record(), today()).is_ok());
    assert!(decode(&String::from_utf8_lossy(good_link())).is_ok());
    let sheet = read_sheet(good_spreadsheet()).map(|sheet| (sheet.delimiter, sheet.rows.len()));
    assert_eq!(sheet, Ok((';', 8)));
}
