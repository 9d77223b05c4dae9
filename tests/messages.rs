//! What the messages say holds in every language: files are named only when attached, the
//! checklist is never presented as attached, the buyer's own words are quoted, and the letters
//! that carry the history carry every dated step. A catalog is installed once per process, so the
//! check runs once per language, each in a process of its own.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::fs;
use std::process::Command;

use chrono::{TimeZone, Utc};
use dispute_desk::domain::case::CaseId;
use dispute_desk::domain::evidence::{checklist, EvidenceItem};
use dispute_desk::domain::i18n::{install, tr, Catalog, Locale, MessageLanguage};
use dispute_desk::domain::journal::Entry;
use dispute_desk::domain::templates::{compose, TemplateInput, TemplateKind};
use support::sample::sample_cases;

const LOCALE: &str = "DISPUTE_DESK_MESSAGES_LOCALE";
const OWN_WORDS: &str = "Left earbud does not charge. Case cracked on arrival.";

#[test]
fn messages_hold_in_every_language() {
    let this_test_binary = std::env::current_exe().expect("the test binary");
    for locale in Locale::ALL {
        let run = Command::new(&this_test_binary)
            .args(["--ignored", "--exact", "messages_in_one_language", "--nocapture", "--test-threads", "1"])
            .env(LOCALE, locale.code())
            .output()
            .expect("the test binary runs");
        let output = String::from_utf8_lossy(&run.stdout);
        assert!(run.status.success(), "{}: {output}{}", locale.code(), String::from_utf8_lossy(&run.stderr));
        assert!(output.contains("1 passed"), "{}: the check did not run\n{output}", locale.code());
    }
}

fn file(case: &dispute_desk::domain::case::Case, name: &str, caption: &str, proves: bool) -> EvidenceItem {
    EvidenceItem {
        id: name.into(),
        case_id: CaseId::new(case.id.to_string()),
        name: name.into(),
        mime: "image/png".into(),
        size: 1,
        added_at: Utc::now(),
        caption: caption.into(),
        proves: proves.then(|| checklist(case)[0]),
        sha256: String::new(),
    }
}

#[test]
#[ignore = "run by messages_hold_in_every_language, one language per process"]
fn messages_in_one_language() {
    let code = std::env::var(LOCALE).expect("the language to check");
    let locale = Locale::from_code(&code).expect("a known language");
    if locale != Locale::En {
        let json = fs::read_to_string(format!("public/locales/{code}.json")).expect("the catalog");
        install(Catalog::from_json(locale, &json).expect("a valid catalog"));
    }
    let now = Utc.with_ymd_and_hms(2026, 11, 22, 12, 0, 0).unwrap();
    let mut steps_checked = 0;
    for mut case in sample_cases(60, 11, now) {
        case.details.description = OWN_WORDS.into();
        let files = vec![file(&case, "IMG_1.png", "Crack on the case", true), file(&case, "chat.png", "", false)];
        let unproven: Vec<String> =
            checklist(&case)[1..].iter().map(|proof| tr(proof.label()).to_lowercase()).collect();
        let steps: Vec<(String, String)> = case
            .journal()
            .current()
            .iter()
            .filter(|c| !matches!(c.latest.entry, Entry::Note { .. } | Entry::Status { .. }))
            .map(|c| (MessageLanguage::Buyers.day(c.latest.on), c.latest.entry.summary()))
            .collect();
        for kind in TemplateKind::ALL {
            let bare = compose(*kind, &case, &TemplateInput::default(), MessageLanguage::Buyers).text;
            let input = TemplateInput { files: files.clone(), ..TemplateInput::default() };
            let text = compose(*kind, &case, &input, MessageLanguage::Buyers).text;
            for proof in &unproven {
                assert!(
                    !text.to_lowercase().contains(proof),
                    "{code} {kind:?}: checklist item {proof:?} read as attached\n{text}"
                );
            }
            assert!(!bare.contains("Crack on the case"), "{code} {kind:?}");
            let names_files = text.contains("- Crack on the case (") && text.contains("- chat.png");
            assert_eq!(names_files, kind.carries_evidence(), "{code} {kind:?}: the attached files\n{text}");
            if *kind != TemplateKind::AcceptProposal {
                assert!(text.contains(OWN_WORDS), "{code} {kind:?}: the buyer's own words\n{text}");
            }
            let carries_history = matches!(
                kind,
                TemplateKind::EscalationRequest
                    | TemplateKind::Appeal
                    | TemplateKind::ChargebackLetter
                    | TemplateKind::PayPalClaim
            );
            if carries_history {
                for (day, step) in &steps {
                    assert!(text.contains(&format!("- {day}: {step}")), "{code} {kind:?}: {day} {step}\n{text}");
                    steps_checked += 1;
                }
            }
        }
    }
    assert!(steps_checked > 100, "{code}: only {steps_checked} dated steps were checked");
}
