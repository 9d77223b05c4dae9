//! Every text the app passes through the translation layer is in every catalog, with the
//! same placeholders, and the catalogs hold nothing the app no longer says.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use dispute_desk::domain::advice::{reason_advice, resolution_meaning};
use dispute_desk::domain::deadline::State;
use dispute_desk::domain::deadline_kind::DeadlineKind;
use dispute_desk::domain::i18n::{Catalog, Locale};
use dispute_desk::domain::import::Target;
use dispute_desk::domain::journal::{Author, Channel, Outcome, Resolution};
use dispute_desk::domain::legal::LEGAL_ROUTES;
use dispute_desk::domain::overview::{Attention, When};
use dispute_desk::domain::proof::Proof;
use dispute_desk::domain::recognise::Field as RecognisedField;
use dispute_desk::domain::rules::{OPENING_RULES, RULES};
use dispute_desk::domain::templates::TemplateKind;
use dispute_desk::domain::vocabulary::{Event, FreeReturns, PaymentMethod, Platform, Problem, Status};
use dispute_desk::domain::worklist::SortBy;

/// The texts `tr("…")`, `trf("…", …)` and `trn("…", "…", …)` calls name in one source file.
fn keys_in(source: &str) -> Vec<String> {
    let literals = rust_literals::literals(source);
    let mut keys = Vec::new();
    for (index, literal) in literals.iter().enumerate() {
        let before = source[..literal.start].trim_end();
        let Some(call) = ["trn(", "trf(", "tr("].into_iter().find(|call| before.ends_with(call)) else { continue };
        let name_start = before.len() - call.len();
        if source[..name_start].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if call != "trn(" {
            keys.push(literal.text.clone());
        } else if let Some(other) =
            literals.get(index + 1).filter(|other| source[literal.end..other.start].trim() == ",")
        {
            keys.push(format!("{}|{}", literal.text, other.text));
        }
    }
    keys
}

fn sources(folder: &Path, found: &mut Vec<String>) {
    for entry in fs::read_dir(folder).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(fs::read_to_string(&path).unwrap_or_default());
        }
    }
}

/// The text `name` gives each of `choices`.
fn names_of<T: Copy>(choices: &[T], name: impl Fn(T) -> &'static str) -> Vec<String> {
    choices.iter().map(|choice| name(*choice).to_owned()).collect()
}

/// Every key the app can ask for: the literal ones in the interface's code, and the names (and
/// for resolutions the meanings) of the choices it shows through `tr(choice.label())`.
fn wanted_keys() -> BTreeSet<String> {
    let mut files = Vec::new();
    sources(Path::new("src"), &mut files);
    let mut keys: BTreeSet<String> = files.iter().flat_map(|source| keys_in(source)).collect();
    let states = [
        State::Upcoming,
        State::DueSoon,
        State::Missed,
        State::Met { on: None },
        State::NotNeeded,
        State::Expected { passed: false },
        State::Expected { passed: true },
    ];
    let names = [
        names_of(Status::ALL, Status::label),
        names_of(Platform::ALL, Platform::label),
        names_of(Problem::ALL, Problem::label),
        names_of(SortBy::ALL, SortBy::label),
        names_of(Attention::ALL, Attention::label),
        names_of(PaymentMethod::ALL, PaymentMethod::label),
        names_of(FreeReturns::ALL, FreeReturns::label),
        names_of(DeadlineKind::ALL, DeadlineKind::label),
        names_of(&When::ALL, When::label),
        names_of(&states, State::label),
        names_of(Resolution::ALL, Resolution::label),
        names_of(Resolution::ALL, resolution_meaning),
        names_of(Outcome::ALL, Outcome::label),
        names_of(Author::ALL, Author::label),
        names_of(Channel::ALL, Channel::label),
        names_of(Event::ALL, Event::label),
        names_of(Proof::ALL, Proof::label),
        names_of(TemplateKind::ALL, TemplateKind::label),
        names_of(Target::ALL, Target::label),
        names_of(&RecognisedField::ALL, RecognisedField::label),
    ];
    keys.extend(names.into_iter().flatten());
    keys.extend(
        RULES.iter().chain(OPENING_RULES).filter(|rule| !rule.note.is_empty()).map(|rule| rule.note.to_owned()),
    );
    keys.extend(LEGAL_ROUTES.iter().flat_map(|route| [route.title.to_owned(), route.note.to_owned()]));
    for platform in Platform::ALL {
        keys.extend(Problem::ALL.iter().map(|problem| reason_advice(*platform, *problem).reason.to_owned()));
    }
    keys
}

fn placeholders(text: &str) -> BTreeSet<String> {
    text.split('{').skip(1).filter_map(|part| part.split_once('}')).map(|(name, _)| name.to_owned()).collect()
}

#[test]
fn the_scanner_finds_every_kind_of_call() {
    let source = r#"tr("Plain") trf("With {n}", &[]) trn("{count} thing", "{count} things", 2) attr("no") tr("Say \"hi\"")
        // tr("commented out")
        tr(
            "On its own line")"#;
    assert_eq!(keys_in(source), ["Plain", "With {n}", "{count} thing|{count} things", "Say \"hi\"", "On its own line"]);
}

#[test]
fn every_locale_translates_every_text_with_the_same_placeholders() {
    let wanted = wanted_keys();
    assert!(wanted.len() > 50, "the scan found the interface's texts: {}", wanted.len());
    let mut problems = Vec::new();
    for locale in Locale::ALL.iter().copied().filter(|locale| *locale != Locale::En) {
        let path = format!("public/locales/{}.json", locale.code());
        let json = fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
        let catalog = Catalog::from_json(locale, &json).unwrap_or_else(|error| panic!("{path}: {error}"));
        let raw: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&json).unwrap_or_default();
        let have: BTreeSet<String> = catalog.keys().map(str::to_owned).collect();
        for missing in wanted.difference(&have) {
            problems.push(format!("{path}: missing {missing:?}"));
        }
        for stale in have.difference(&wanted) {
            problems.push(format!("{path}: no longer used {stale:?}"));
        }
        for key in wanted.intersection(&have) {
            let english = placeholders(key);
            match &raw[key] {
                serde_json::Value::String(text) if text.trim().is_empty() => {
                    problems.push(format!("{path}: empty {key:?}"))
                }
                serde_json::Value::String(text) if placeholders(text) != english => {
                    problems.push(format!("{path}: {key:?} has placeholders {:?}", placeholders(text)))
                }
                serde_json::Value::Array(forms) => {
                    if !key.contains('|') || forms.len() != locale.plural_forms() {
                        problems.push(format!("{path}: {key:?} needs {} plural forms", locale.plural_forms()));
                    }
                    for form in forms.iter().filter_map(|form| form.as_str()) {
                        if placeholders(form) != english {
                            problems
                                .push(format!("{path}: a form of {key:?} has placeholders {:?}", placeholders(form)));
                        }
                    }
                }
                _ if key.contains('|') => problems.push(format!("{path}: {key:?} is a count and needs plural forms")),
                _ => {}
            }
        }
    }
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}

/// Words that only an English text has, and only a Spanish one.
const ENGLISH_WORDS: [&str; 4] = ["the ", " order ", "refund", "Thank you"];
const SPANISH_WORDS: [&str; 3] = ["pedido", "reembolso", "Gracias"];

#[test]
fn a_message_is_written_in_the_buyers_language_or_in_english_as_chosen() {
    use chrono::{TimeZone, Utc};
    use dispute_desk::domain::deadline::chain;
    use dispute_desk::domain::guide::guide;
    use dispute_desk::domain::i18n::{install, MessageLanguage};
    use dispute_desk::domain::templates::{compose, TemplateInput};
    use support::sample::sample_cases;

    let json = fs::read_to_string("public/locales/es.json").unwrap_or_default();
    install(Catalog::from_json(Locale::Es, &json).unwrap_or_else(|error| panic!("es.json: {error}")));
    let now = Utc.with_ymd_and_hms(2026, 11, 22, 12, 0, 0).unwrap();
    for case in sample_cases(40, 7, now) {
        for kind in TemplateKind::ALL {
            let input = TemplateInput::default();
            let english = compose(*kind, &case, &input, MessageLanguage::English).text;
            let written = compose(*kind, &case, &input, MessageLanguage::Buyers);
            // The placeholders left for the buyer are found in Spanish too, and are in the text.
            assert_eq!(written.unfilled(&written.text).len(), written.placeholders.len(), "{kind:?}: {written:?}");
            if *kind == TemplateKind::ChargebackLetter {
                assert!(written.placeholders.len() >= 3, "{kind:?}: {:?}", written.placeholders);
            }
            let spanish = written.text;
            for text in [&english, &spanish] {
                assert!(text.contains(case.details.order_number.as_str()), "{kind:?}: no order number\n{text}");
                assert!(!text.contains('{') && !text.contains('}'), "{kind:?}: a placeholder is left\n{text}");
            }
            let lower = |text: &str| text.to_lowercase();
            assert!(
                SPANISH_WORDS.iter().all(|word| !lower(&english).contains(&lower(word))),
                "{kind:?}: Spanish in the English message\n{english}"
            );
            assert!(
                ENGLISH_WORDS.iter().all(|word| !spanish.contains(word)),
                "{kind:?}: English left in the Spanish message\n{spanish}"
            );
            assert!(SPANISH_WORDS.iter().any(|word| spanish.contains(word)), "{kind:?}: not Spanish\n{spanish}");
        }
        let guidance = guide(&case, &chain(&case, &Utc, now));
        assert!(
            ENGLISH_WORDS.iter().all(|word| !guidance.why.contains(word) && !guidance.title.contains(word)),
            "English left in the guide: {} / {}",
            guidance.title,
            guidance.why
        );
    }
}
