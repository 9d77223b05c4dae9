//! The buyer's language in headless Chromium: catalogs as the browser parses them, and days,
//! amounts and counts written by the browser's `Intl` for a non-English buyer (the formats the
//! core asks for once the app has installed them).
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use dispute_desk::domain::evidence::size_text;
use dispute_desk::domain::i18n::{day_text, english_day_text};
use dispute_desk::domain::i18n::{trn, Catalog, Locale, MessageLanguage};
use dispute_desk::domain::money::Money;
use dispute_desk::ui::language::{catalog_from_parsed, install_formats};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn french_days_amounts_and_counts_come_from_intl_and_english_messages_keep_english_forms() {
    let day = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap_or_default();
    let euros = Money { minor: 2_499, currency: "EUR".into() };
    assert_eq!(day_text(day), "Wed 2 Dec 2026", "nothing installed yet: the app's English forms");
    install_formats(Locale::Fr);
    // The browser's tag decides the region; headless Chromium's is en-US, so French is plain "fr".
    assert_eq!(day_text(day), "mer. 2 déc. 2026");
    assert_eq!(euros.local_text(), "24,99\u{a0}€");
    assert_eq!(trn("{count} case", "{count} cases", 12_345), "12\u{202f}345 cases");
    assert_eq!(size_text(1_536 * 1_024), "1,5 MB", "sizes take the French decimal comma");
    // A currency the browser does not know falls back to the plain form rather than failing.
    assert_eq!(Money { minor: 500, currency: "ZZ".into() }.local_text(), "5.00 ZZ");
    // A message written in English keeps English forms whatever the buyer's locale.
    assert_eq!(MessageLanguage::English.day(day), english_day_text(day));
    assert_eq!(euros.text_in(MessageLanguage::English), "24.99 EUR");
    assert_eq!(euros.text_in(MessageLanguage::Buyers), "24,99\u{a0}€");
}

#[wasm_bindgen_test]
fn every_catalog_reads_the_same_from_the_browsers_json_parser_as_from_its_text() {
    let catalogs = [
        (Locale::Es, include_str!("../public/locales/es.json")),
        (Locale::PtBr, include_str!("../public/locales/pt-BR.json")),
        (Locale::Ru, include_str!("../public/locales/ru.json")),
        (Locale::Fr, include_str!("../public/locales/fr.json")),
    ];
    assert_eq!(catalogs.len() + 1, Locale::ALL.len(), "every locale but English has a catalog here");
    for (locale, text) in catalogs {
        let parsed = js_sys::JSON::parse(text).unwrap_or_default();
        let read = catalog_from_parsed(locale, parsed).unwrap_or_else(|error| panic!("{}: {error}", locale.code()));
        assert_eq!(Some(read), Catalog::from_json(locale, text).ok(), "{}", locale.code());
    }
    for broken in [r#"{"A": 3}"#, r#"{"A": ["one", 2]}"#, r#""text""#, "null"] {
        let parsed = js_sys::JSON::parse(broken).unwrap_or_default();
        assert!(catalog_from_parsed(Locale::Es, parsed).is_err(), "{broken}");
    }
}
