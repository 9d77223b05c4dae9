//! Which language the app speaks: the buyer's choice if they made one, otherwise the browser's
//! preference. Its catalog comes from this app's own `locales/` folder (cached for offline use by
//! the service worker) in two parts: the first screen's texts before the app starts, the rest
//! while the first screen shows.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;

use chrono::{DateTime, NaiveDate, Utc};
use js_sys::{Array, Date, Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{future_to_promise, JsFuture};

use crate::domain::i18n::{self, Catalog, CatalogError, LocalFormats, Locale};
use crate::storage::{Settings, StorageError};

fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|window| window.navigator().languages())
        .map(|list| list.iter().filter_map(|tag| tag.as_string()).collect())
        .unwrap_or_default()
}

/// The language to speak: the buyer's choice, else the browser's first language the app knows.
pub fn chosen_locale() -> Locale {
    Settings::load()
        .language
        .and_then(|code| Locale::from_code(&code))
        .unwrap_or_else(|| Locale::negotiate(browser_languages().iter().map(String::as_str)))
}

/// The two files the build cuts each catalog of `public/locales/` into (dev.sh, `split_catalogs`).
#[derive(Clone, Copy)]
enum CatalogPart {
    /// The texts of the shell, the welcome and the questions.
    FirstScreen,
    Rest,
}

impl CatalogPart {
    fn file(self, locale: Locale) -> String {
        let part = match self {
            CatalogPart::FirstScreen => "first",
            CatalogPart::Rest => "rest",
        };
        format!("locales/{}.{part}.json", locale.code())
    }
}

async fn fetch_catalog(locale: Locale, part: CatalogPart) -> Option<Catalog> {
    let window = web_sys::window()?;
    let response: web_sys::Response =
        JsFuture::from(window.fetch_with_str(&part.file(locale))).await.ok()?.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    let parsed = JsFuture::from(response.json().ok()?).await.ok()?;
    catalog_from_parsed(locale, parsed).ok()
}

/// The texts of the first screen in `locale` (the shell, the welcome and the questions); English
/// needs none. A catalog that cannot be fetched (the first visit offline) leaves the app in
/// English rather than not starting.
pub async fn load_catalog(locale: Locale) -> Catalog {
    if locale == Locale::En {
        return Catalog::english();
    }
    fetch_catalog(locale, CatalogPart::FirstScreen).await.unwrap_or_else(Catalog::english)
}

thread_local! {
    static REST_OF_CATALOG: RefCell<Option<Promise>> = const { RefCell::new(None) };
}

/// Fetches and installs the rest of `locale`'s catalog while the first screen shows; every other
/// screen waits for it ([`with_whole_catalog`]). Where it cannot be fetched, those texts stay English.
pub fn install_rest_of_catalog(locale: Locale) {
    if locale == Locale::En {
        return;
    }
    let installing = future_to_promise(async move {
        if let Some(rest) = fetch_catalog(locale, CatalogPart::Rest).await {
            i18n::install_rest(rest);
        }
        Ok(JsValue::UNDEFINED)
    });
    REST_OF_CATALOG.with(|rest| *rest.borrow_mut() = Some(installing));
}

/// What `loading` (a chunk on its way) brings, once the rest of the catalog is installed too, or
/// could not be: what a chunk shows is worded there (dev.sh, `split_catalogs`). In English, or
/// with the rest already in, only `loading` is waited for.
pub async fn with_whole_catalog<T>(loading: impl Future<Output = T>) -> T {
    let installing = REST_OF_CATALOG.with(|rest| rest.borrow().clone());
    let rest = async move {
        if let Some(installing) = installing {
            let _ = JsFuture::from(installing).await;
        }
    };
    futures::future::join(loading, rest).await.0
}

/// A catalog from what the browser's own JSON parser made of its file: the app's first download
/// then needs no JSON parser.
pub fn catalog_from_parsed(locale: Locale, parsed: JsValue) -> Result<Catalog, CatalogError> {
    Catalog::read(locale, serde_wasm_bindgen::Deserializer::from(parsed))
}

/// Marks the page with its language, for screen readers, hyphenation and the browser's own text.
pub fn mark_document(locale: Locale) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", locale.code());
    }
}

/// Remembers the buyer's choice (none: follow the browser) and reloads the app in it.
pub fn change_language(locale: Option<Locale>) -> Result<(), StorageError> {
    Settings { language: locale.map(|locale| locale.code().to_owned()), ..Settings::load() }.save()?;
    crate::ui::browser::reload_page();
    Ok(())
}

/// The tag `Intl` formats with: the browser's own tag when it speaks the chosen language, so a
/// Mexican browser gets Mexican dates and amounts in Spanish; else the language's own.
fn format_tag(locale: Locale) -> String {
    browser_languages().into_iter().find(|tag| locale.speaks(tag)).unwrap_or_else(|| locale.code().to_owned())
}

/// The country the browser's first language names ("en-GB": GB), as an ISO 3166 code.
pub fn browser_country() -> Option<String> {
    browser_languages()
        .iter()
        .find_map(|tag| tag.split('-').nth(1).filter(|part| part.len() == 2).map(str::to_ascii_uppercase))
}

/// The buyer's country: their choice, else the browser's.
pub fn buyer_country() -> Option<String> {
    Settings::load().country.or_else(browser_country)
}

/// Each country's name in the buyer's language, by one `Intl.DisplayNames` of the browser; a
/// code itself where the browser has no name for it.
pub fn country_names(codes: &[&'static str]) -> Vec<(&'static str, String)> {
    let of = intl_function("DisplayNames", "of", &format_tag(i18n::current_locale()), &[("type", "region")]);
    codes
        .iter()
        .map(|code| {
            (*code, of.as_ref().and_then(|of| formatted(of, &(*code).into())).unwrap_or_else(|| (*code).to_owned()))
        })
        .collect()
}

/// `new Intl.<constructor>(tag, options)`'s `format` function, or `None` where the browser refuses
/// the options (an unknown currency in a damaged record, say).
fn intl_formatter(constructor: &str, tag: &str, options: &[(&str, &str)]) -> Option<Function> {
    intl_function(constructor, "format", tag, options)
}

/// The function `method` of `new Intl.<constructor>(tag, options)`, or `None` where the browser
/// refuses it.
fn intl_function(constructor: &str, method: &str, tag: &str, options: &[(&str, &str)]) -> Option<Function> {
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let constructor: Function = Reflect::get(&intl, &constructor.into()).ok()?.dyn_into().ok()?;
    let settings = Object::new();
    for (name, value) in options {
        Reflect::set(&settings, &(*name).into(), &(*value).into()).ok()?;
    }
    let formatter = Reflect::construct(&constructor, &Array::of2(&tag.into(), &settings)).ok()?;
    let function: Function = Reflect::get(&formatter, &method.into()).ok()?.dyn_into().ok()?;
    // Bound, so it can be called on its own as `format` is.
    Some(function.bind0(&formatter))
}

fn js_date(instant: DateTime<Utc>) -> JsValue {
    Date::new(&JsValue::from_f64(instant.timestamp_millis() as f64)).into()
}

fn formatted(format: &Function, value: &JsValue) -> Option<String> {
    format.call1(&JsValue::NULL, value).ok()?.as_string()
}

/// Days, times, counts and amounts written by the browser's `Intl` for the buyer's locale.
struct IntlFormats {
    tag: String,
    day: Option<Function>,
    time: Option<Function>,
    numbers: RefCell<HashMap<usize, Option<Function>>>,
    money: RefCell<HashMap<String, Option<Function>>>,
}

const DAY_PARTS: [(&str, &str); 4] =
    [("weekday", "short"), ("day", "numeric"), ("month", "short"), ("year", "numeric")];

impl IntlFormats {
    fn new(locale: Locale) -> Self {
        let tag = format_tag(locale);
        let day = intl_formatter("DateTimeFormat", &tag, &[DAY_PARTS.as_slice(), &[("timeZone", "UTC")]].concat());
        let time = intl_formatter(
            "DateTimeFormat",
            &tag,
            &[DAY_PARTS.as_slice(), &[("hour", "2-digit"), ("minute", "2-digit")]].concat(),
        );
        Self { tag, day, time, numbers: RefCell::default(), money: RefCell::default() }
    }
}

impl LocalFormats for IntlFormats {
    fn day(&self, day: NaiveDate) -> Option<String> {
        // Noon UTC, formatted in UTC: the same calendar day whatever the buyer's zone.
        let noon = day.and_hms_opt(12, 0, 0)?.and_utc();
        formatted(self.day.as_ref()?, &js_date(noon))
    }

    fn time(&self, instant: DateTime<Utc>) -> Option<String> {
        formatted(self.time.as_ref()?, &js_date(instant))
    }

    fn number(&self, value: f64, digits: usize) -> Option<String> {
        let mut cache = self.numbers.borrow_mut();
        let format = cache.entry(digits).or_insert_with(|| {
            let digits = digits.to_string();
            let options = [("minimumFractionDigits", digits.as_str()), ("maximumFractionDigits", digits.as_str())];
            intl_formatter("NumberFormat", &self.tag, &options)
        });
        formatted(format.as_ref()?, &JsValue::from_f64(value))
    }

    fn money(&self, minor: i64, currency: &str) -> Option<String> {
        let mut cache = self.money.borrow_mut();
        let format = cache.entry(currency.to_owned()).or_insert_with(|| {
            intl_formatter("NumberFormat", &self.tag, &[("style", "currency"), ("currency", currency)])
        });
        formatted(format.as_ref()?, &JsValue::from_f64(minor as f64 / 100.0))
    }
}

/// Makes every day, time and amount follow `locale`'s conventions. English keeps the app's own
/// forms ("Mon 2 Nov 2026", "24.99 EUR"), which read the same in every English-speaking region.
pub fn install_formats(locale: Locale) {
    if locale != Locale::En {
        i18n::install_formats(Box::new(IntlFormats::new(locale)));
    }
}
