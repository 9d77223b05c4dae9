//! The app's words in the buyer's language. The English text is the key (as with gettext): code
//! reads as English, and a text missing from a catalog shows in English rather than as a key.
//! A catalog is JSON: `{"English": "translation"}`, and for counts `{"one|other": [forms]}` with
//! the locale's plural forms in CLDR order. The build cuts each catalog in two (dev.sh,
//! `split_catalogs`): the first screen's texts, installed before the app starts, and the rest,
//! installed before any other screen shows. Changing language reloads the page.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::{self, Display};
use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate, Utc};
use serde::de::{self, Deserialize, Deserializer, SeqAccess, Visitor};
use thiserror::Error;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Locale {
    En,
    Es,
    PtBr,
    Ru,
    Fr,
}

impl Locale {
    pub const ALL: &'static [Locale] = &[Locale::En, Locale::Es, Locale::PtBr, Locale::Ru, Locale::Fr];

    /// The BCP 47 tag, as in `<html lang>`, `Intl` and the catalog's file name.
    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Es => "es",
            Locale::PtBr => "pt-BR",
            Locale::Ru => "ru",
            Locale::Fr => "fr",
        }
    }

    /// The language's name in itself, as a language menu shows it.
    pub fn own_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Es => "Español",
            Locale::PtBr => "Português (Brasil)",
            Locale::Ru => "Русский",
            Locale::Fr => "Français",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|locale| locale.code().eq_ignore_ascii_case(code))
    }

    /// The first of the browser's preferred languages the app speaks (by language, whatever the
    /// region: "es-MX" is Spanish, "pt-PT" Portuguese), or English.
    pub fn negotiate<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Self {
        preferred
            .into_iter()
            .find_map(|tag| Self::ALL.iter().copied().find(|locale| locale.speaks(tag)))
            .unwrap_or(Locale::En)
    }

    /// Whether a language tag ("es-MX", "pt_PT") is in this locale's language, whatever its region.
    pub fn speaks(self, tag: &str) -> bool {
        let language = tag.split(['-', '_']).next().unwrap_or_default();
        self.code().split('-').next().is_some_and(|own| own.eq_ignore_ascii_case(language))
    }

    /// Which of the locale's plural forms a count takes (CLDR rules for whole numbers).
    fn plural_form(self, count: u64) -> usize {
        match self {
            Locale::Ru => match (count % 10, count % 100) {
                (1, rest) if rest != 11 => 0,
                (2..=4, rest) if !(12..=14).contains(&rest) => 1,
                _ => 2,
            },
            Locale::Fr | Locale::PtBr => usize::from(count > 1),
            Locale::En | Locale::Es => usize::from(count != 1),
        }
    }

    /// How many plural forms the locale's catalog gives for each count text.
    pub fn plural_forms(self) -> usize {
        if self == Locale::Ru {
            3
        } else {
            2
        }
    }
}

/// Why a catalog cannot be used, in the words of the parser that read it (with the place in the
/// file where it knows it).
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("the translation file cannot be read ({0})")]
pub struct CatalogError(String);

#[derive(Clone, Debug, PartialEq, Eq)]
enum Translation {
    Text(String),
    Plural(Vec<String>),
}

impl<'de> Deserialize<'de> for Translation {
    fn deserialize<D: Deserializer<'de>>(source: D) -> Result<Self, D::Error> {
        source.deserialize_any(TranslationVisitor)
    }
}

struct TranslationVisitor;

impl<'de> Visitor<'de> for TranslationVisitor {
    type Value = Translation;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a text or a list of plural forms")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Translation, E> {
        Ok(Translation::Text(text.to_owned()))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Translation, E> {
        Ok(Translation::Text(text))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut forms: A) -> Result<Translation, A::Error> {
        let mut read = Vec::new();
        while let Some(form) = forms.next_element::<String>()? {
            read.push(form);
        }
        Ok(Translation::Plural(read))
    }
}

/// The translations of one locale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Catalog {
    pub locale: Locale,
    texts: HashMap<String, Translation>,
}

impl Catalog {
    pub fn english() -> Self {
        Self { locale: Locale::En, texts: HashMap::new() }
    }

    /// Reads a catalog from any serde source. The app reads what the browser's own JSON parser
    /// made of the file, which keeps a JSON parser out of its first download; the tests read the
    /// text with serde_json ([`Catalog::from_json`]).
    pub fn read<'de, D: Deserializer<'de>>(locale: Locale, source: D) -> Result<Self, CatalogError> {
        let texts = HashMap::deserialize(source).map_err(|error| CatalogError(error.to_string()))?;
        Ok(Self { locale, texts })
    }

    /// Reads a catalog file's text, as the tests and the tools that check the catalogs do.
    pub fn from_json(locale: Locale, json: &str) -> Result<Self, CatalogError> {
        let mut source = serde_json::Deserializer::from_str(json);
        let catalog = Self::read(locale, &mut source)?;
        source.end().map_err(|error| CatalogError(error.to_string()))?;
        Ok(catalog)
    }

    /// The English keys this catalog translates.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.texts.keys().map(String::as_str)
    }

    fn translation(&self, english: &str) -> Option<&str> {
        match self.texts.get(english) {
            Some(Translation::Text(text)) if !text.is_empty() => Some(text),
            _ => None,
        }
    }

    /// The form for `count` of the count text keyed `plural_key` ("one|other").
    fn count_form(&self, plural_key: &str, count: u64) -> Option<&str> {
        match self.texts.get(plural_key) {
            Some(Translation::Plural(forms)) => forms.get(self.locale.plural_form(count)).map(String::as_str),
            _ => None,
        }
    }
}

/// Appends `value` in decimal digits, with leading zeros up to `width`.
pub fn push_decimal(out: &mut String, value: u32, width: usize) {
    let mut digits = [0u8; 10];
    let mut start = digits.len();
    let mut rest = value;
    loop {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for _ in digits.len() - start..width {
        out.push('0');
    }
    out.extend(digits[start..].iter().map(|digit| char::from(*digit)));
}

/// `{name}` in `text` replaced by each value, in one pass: a value is never searched for
/// placeholders itself (a buyer's "{item}" stays as typed), and a brace without a known name
/// stays as it is.
pub fn fill(text: &str, values: &[(&str, &dyn Display)]) -> String {
    use std::fmt::Write;
    let mut filled = String::with_capacity(text.len() + 32);
    let mut rest = text;
    // Braces are ASCII: a byte search, cheaper than a char pattern on texts this short.
    let position = |text: &str, brace: u8| text.bytes().position(|byte| byte == brace);
    while let Some(open) = position(rest, b'{') {
        filled.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let named = position(after, b'}').and_then(|close| {
            let name = &after[..close];
            values.iter().find(|(known, _)| *known == name).map(|(_, value)| (value, close))
        });
        match named {
            Some((value, close)) => {
                let _ = write!(filled, "{value}");
                rest = &after[close + 1..];
            }
            None => {
                filled.push('{');
                rest = after;
            }
        }
    }
    filled.push_str(rest);
    filled
}

static FIRST_SCREEN: OnceLock<Catalog> = OnceLock::new();
static REST: OnceLock<Catalog> = OnceLock::new();

/// Makes `catalog` the one every [`tr`] reads: the whole catalog, or the first screen's part of
/// it. Only the first call counts: the language is set once per page load.
pub fn install(catalog: Catalog) {
    let _ = FIRST_SCREEN.set(catalog);
}

/// Adds the rest of the catalog to the first screen's part [`install`] installed.
pub fn install_rest(catalog: Catalog) {
    let _ = REST.set(catalog);
}

fn installed() -> impl Iterator<Item = &'static Catalog> {
    FIRST_SCREEN.get().into_iter().chain(REST.get())
}

pub fn current_locale() -> Locale {
    FIRST_SCREEN.get().map_or(Locale::En, |catalog| catalog.locale)
}

/// `english` in the language of `parts` (a catalog, or its parts), or as it is where none has it.
fn text_in<'a>(parts: impl IntoIterator<Item = &'a Catalog>, english: &'a str) -> &'a str {
    parts.into_iter().find_map(|part| part.translation(english)).unwrap_or(english)
}

/// The form of a count text for `count` in the language of `parts`, with `{count}` filled in.
fn count_in<'a>(parts: impl IntoIterator<Item = &'a Catalog>, one: &'a str, other: &'a str, count: u64) -> String {
    let english = if count == 1 { one } else { other };
    let key = format!("{one}|{other}");
    let form = parts.into_iter().find_map(|part| part.count_form(&key, count)).unwrap_or(english);
    form.replace("{count}", &count_text(count))
}

/// `english` in the buyer's language.
pub fn tr(english: &'static str) -> &'static str {
    text_in(installed(), english)
}

/// `english` in the buyer's language, with its `{name}` placeholders filled in.
pub fn trf(english: &'static str, values: &[(&str, &dyn Display)]) -> String {
    fill(tr(english), values)
}

/// A count in the buyer's language: `one` and `other` are the English forms, with `{count}`.
pub fn trn(one: &'static str, other: &'static str, count: usize) -> String {
    count_in(installed(), one, other, u64::try_from(count).unwrap_or(u64::MAX))
}

/// How the buyer's locale writes days, times, counts and amounts. The browser's `Intl` provides it in the
/// app; without one (native tests, English), or where it cannot, the app's own English forms are used.
pub trait LocalFormats {
    /// "Mon 2 Nov 2026" in the locale's way.
    fn day(&self, day: NaiveDate) -> Option<String>;
    /// A day and hour in the buyer's own time zone.
    fn time(&self, instant: DateTime<Utc>) -> Option<String>;
    /// An amount in minor units (cents) of an ISO 4217 currency.
    fn money(&self, minor: i64, currency: &str) -> Option<String>;
    /// A number with `digits` decimals, grouped and separated the locale's way ("12 345", "1,5").
    fn number(&self, value: f64, digits: usize) -> Option<String>;
}

thread_local! {
    static FORMATS: RefCell<Option<Box<dyn LocalFormats>>> = RefCell::new(None);
}

/// Makes `formats` the way every day, time, count and amount is written for the buyer.
pub fn install_formats(formats: Box<dyn LocalFormats>) {
    FORMATS.with(|installed| *installed.borrow_mut() = Some(formats));
}

/// `value` with `digits` decimals as the buyer's locale writes it, else as "12345.5".
pub fn number_text(value: f64, digits: usize) -> String {
    local_format(|formats| formats.number(value, digits)).unwrap_or_else(|| format!("{value:.digits$}"))
}

/// A whole number as the buyer's locale writes it, else plainly. Not through [`number_text`]: its
/// fallback formats a float, and every screen that counts would carry float formatting.
fn count_text(count: u64) -> String {
    local_format(|formats| formats.number(count as f64, 0)).unwrap_or_else(|| count.to_string())
}

/// The locale's text by `format`, or `None` when no locale formats are installed or they cannot.
pub fn local_format(format: impl FnOnce(&dyn LocalFormats) -> Option<String>) -> Option<String> {
    FORMATS.with(|installed| installed.borrow().as_deref().and_then(format))
}

/// The language a message the buyer sends is written in: the app's (the buyer's own), or English,
/// which most sellers read. Chosen per message.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MessageLanguage {
    #[default]
    Buyers,
    English,
}

impl MessageLanguage {
    pub fn tr(self, english: &'static str) -> &'static str {
        match self {
            MessageLanguage::Buyers => tr(english),
            MessageLanguage::English => english,
        }
    }

    pub fn trf(self, english: &'static str, values: &[(&str, &dyn Display)]) -> String {
        fill(self.tr(english), values)
    }

    pub fn day(self, day: NaiveDate) -> String {
        match self {
            MessageLanguage::Buyers => day_text(day),
            MessageLanguage::English => english_day_text(day),
        }
    }
}

/// A calendar day for people, as the buyer's locale writes it.
pub fn day_text(day: NaiveDate) -> String {
    local_format(|formats| formats.day(day)).unwrap_or_else(|| english_day_text(day))
}

/// A calendar day in English: "Mon 5 Jan 2026" (day before month, clear in every English region).
pub fn english_day_text(day: NaiveDate) -> String {
    use chrono::Datelike;
    const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    // Put together by hand: a calendar file of every deadline writes thousands of these.
    let mut text = String::with_capacity(16);
    text.push_str(WEEKDAYS[day.weekday().num_days_from_monday() as usize]);
    text.push(' ');
    push_decimal(&mut text, day.day(), 1);
    text.push(' ');
    text.push_str(MONTHS[day.month0() as usize]);
    text.push(' ');
    push_decimal(&mut text, u32::try_from(day.year()).unwrap_or(0), 4);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_written_with_their_leading_zeros() {
        for (value, width, written) in
            [(0, 1, "0"), (7, 2, "07"), (2026, 4, "2026"), (31, 1, "31"), (u32::MAX, 1, "4294967295")]
        {
            let mut out = String::from(">");
            push_decimal(&mut out, value, width);
            assert_eq!(out, format!(">{written}"));
        }
    }

    #[test]
    fn the_browser_preference_picks_the_language_whatever_the_region() {
        assert_eq!(Locale::negotiate(["es-MX", "en"]), Locale::Es);
        assert_eq!(Locale::negotiate(["pt-PT"]), Locale::PtBr);
        assert_eq!(Locale::negotiate(["de-DE", "fr-CA", "en"]), Locale::Fr);
        assert_eq!(Locale::negotiate(["ru"]), Locale::Ru);
        assert_eq!(Locale::negotiate(["de", "zh"]), Locale::En);
        assert_eq!(Locale::negotiate([]), Locale::En);
        assert_eq!(Locale::from_code("PT-br"), Some(Locale::PtBr));
    }

    #[test]
    fn texts_and_counts_come_from_the_catalog_or_stay_english() {
        let catalog = Catalog::from_json(
            Locale::Ru,
            r#"{"Your cases": "Ваши дела", "{count} case|{count} cases": ["{count} дело", "{count} дела", "{count} дел"]}"#,
        )
        .unwrap();
        assert_eq!(text_in([&catalog], "Your cases"), "Ваши дела");
        assert_eq!(text_in([&catalog], "Not translated"), "Not translated");
        let count = |n| count_in([&catalog], "{count} case", "{count} cases", n);
        assert_eq!(
            [count(1), count(3), count(5), count(11), count(21), count(112)],
            ["1 дело", "3 дела", "5 дел", "11 дел", "21 дело", "112 дел"]
        );
        let french = Catalog::from_json(
            Locale::Fr,
            r#"{"{count} case|{count} cases": ["{count} dossier", "{count} dossiers"]}"#,
        )
        .unwrap();
        assert_eq!(
            [
                count_in([&french], "{count} case", "{count} cases", 0),
                count_in([&french], "{count} case", "{count} cases", 2)
            ],
            ["0 dossier", "2 dossiers"]
        );
        assert_eq!(count_in([], "{count} case", "{count} cases", 1), "1 case");
        assert_eq!(fill("{done} of {total}", &[("done", &3), ("total", &10)]), "3 of 10");
        assert_eq!(fill("{a}{a} {b}", &[("a", &"x"), ("b", &"{a}")]), "xx {a}", "values are not filled again");
        assert_eq!(fill("{unknown} {", &[("a", &1)]), "{unknown} {");
    }

    #[test]
    fn a_catalog_in_two_parts_reads_as_one() {
        let first = Catalog::from_json(Locale::Fr, r#"{"Your cases": "Vos dossiers"}"#).unwrap();
        let rest = Catalog::from_json(
            Locale::Fr,
            r#"{"Deadlines": "Échéances", "{count} file|{count} files": ["{count} fichier", "{count} fichiers"]}"#,
        )
        .unwrap();
        let parts = || [&first, &rest];
        assert_eq!(
            [text_in(parts(), "Your cases"), text_in(parts(), "Deadlines"), text_in(parts(), "Evidence")],
            ["Vos dossiers", "Échéances", "Evidence"]
        );
        assert_eq!(count_in(parts(), "{count} file", "{count} files", 3), "3 fichiers");
        assert_eq!(text_in([&first], "Deadlines"), "Deadlines", "the first part alone leaves the rest in English");
    }

    #[test]
    fn a_broken_catalog_is_refused() {
        for broken in ["{not json", r#"{"A": 3}"#, r#"{"A": ["one", 2]}"#, r#"{"A": "a"} trailing"#, "[]"] {
            assert!(Catalog::from_json(Locale::Es, broken).is_err(), "{broken}");
        }
        let wrong = Catalog::from_json(Locale::Es, r#"{"A": true}"#).unwrap_err().to_string();
        assert!(wrong.contains("expected a text or a list of plural forms"), "{wrong}");
    }
}
