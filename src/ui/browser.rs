//! The few facts the app takes from the browser: the time, the buyer's time zone, fresh ids.

use chrono::{DateTime, DurationRound, Local, NaiveDate, Offset, TimeDelta, Utc};

use crate::domain::case::{uuid_v4, CaseId};
use crate::domain::clock::{end_of_day, today_in};
use crate::domain::deadline::Deadline;
use crate::domain::i18n::day_text;
use crate::domain::i18n::trf;

pub fn now_utc() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// The buyer's time zone: the browser's own, asked once per local or UTC time and then
/// remembered. Each answer from `Local` is a call into JavaScript, and ordering 10,000 cases
/// asks for tens of thousands of them, mostly the same few hundred midnights.
#[derive(Clone, Copy, Debug)]
pub struct BrowserZone;

thread_local! {
    static LOCAL_OFFSETS: std::cell::RefCell<std::collections::HashMap<chrono::NaiveDateTime, chrono::LocalResult<chrono::FixedOffset>>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
    static UTC_OFFSETS: std::cell::RefCell<std::collections::HashMap<chrono::NaiveDateTime, chrono::FixedOffset>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

impl chrono::TimeZone for BrowserZone {
    type Offset = chrono::FixedOffset;

    fn from_offset(_: &chrono::FixedOffset) -> Self {
        BrowserZone
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> chrono::LocalResult<chrono::FixedOffset> {
        self.offset_from_local_datetime(&local.and_time(chrono::NaiveTime::MIN))
    }

    fn offset_from_local_datetime(&self, local: &chrono::NaiveDateTime) -> chrono::LocalResult<chrono::FixedOffset> {
        LOCAL_OFFSETS.with(|cache| {
            *cache
                .borrow_mut()
                .entry(*local)
                .or_insert_with(|| Local.offset_from_local_datetime(local).map(|offset| offset.fix()))
        })
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> chrono::FixedOffset {
        self.offset_from_utc_datetime(&utc.and_time(chrono::NaiveTime::MIN))
    }

    fn offset_from_utc_datetime(&self, utc: &chrono::NaiveDateTime) -> chrono::FixedOffset {
        // Offsets change only at transitions, which fall on quarter hours: one entry per quarter
        // hour asked about, however often "now" is.
        let quarter = utc.duration_trunc(TimeDelta::minutes(15)).unwrap_or(*utc);
        UTC_OFFSETS.with(|cache| {
            *cache.borrow_mut().entry(quarter).or_insert_with(|| Local.offset_from_utc_datetime(utc).fix())
        })
    }
}

pub fn buyer_zone() -> BrowserZone {
    BrowserZone
}

pub fn today() -> NaiveDate {
    today_in(now_utc(), &buyer_zone())
}

/// A random version-4 UUID. `getRandomValues` works everywhere, unlike `randomUUID`, which throws
/// outside secure contexts (a support team's plain-http intranet host).
pub fn new_uuid() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|window| window.crypto().ok())
        .is_some_and(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        bytes.iter_mut().for_each(|byte| *byte = (js_sys::Math::random() * 256.0) as u8);
    }
    uuid_v4(bytes)
}

pub fn new_case_id() -> CaseId {
    CaseId::new(new_uuid())
}

/// When a deadline closes, in the buyer's words: the end of its day, or the earlier hour when
/// China's midnight comes first.
pub fn closing_text(deadline: &Deadline) -> String {
    if deadline.due == end_of_day(deadline.last_day, &buyer_zone()) {
        trf("closes at the end of {day}", &[("day", &day_text(deadline.last_day))])
    } else {
        trf(
            "closes {time} your time (midnight in China, where the platform keeps time)",
            &[("time", &local_time_text(deadline.due))],
        )
    }
}

/// An instant in the buyer's zone, for people: "Mon 2 Nov 2026, 17:00".
pub fn local_time_text(instant: DateTime<Utc>) -> String {
    crate::domain::i18n::local_format(|formats| formats.time(instant)).unwrap_or_else(|| english_time_text(instant))
}

fn english_time_text(instant: DateTime<Utc>) -> String {
    instant.with_timezone(&buyer_zone()).format("%a %-d %b %Y, %H:%M").to_string()
}

/// The file the buyer just picked in a file input (whose `change` event this is). The input is
/// cleared, so picking the same file again is noticed too.
pub fn picked_file(event: &web_sys::Event) -> Option<web_sys::File> {
    use wasm_bindgen::JsCast;
    let input = event.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
    let file = input.files().and_then(|files| files.get(0));
    input.set_value("");
    file
}

/// Offers `text` to the buyer as a file download. Nothing leaves the device: the file is made
/// from memory by the browser.
pub fn download_text(file_name: &str, mime_type: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime_type);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|e| format!("{e:?}"))?;
    download_blob(file_name, &blob)
}

/// Offers `blob` to the buyer as a file download.
pub fn download_blob(file_name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    use wasm_bindgen::JsCast;
    let failed = |error: wasm_bindgen::JsValue| format!("{error:?}");
    let document = web_sys::window().and_then(|window| window.document()).ok_or("no document")?;
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(failed)?;
    let link: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(failed)?.dyn_into().map_err(|_| "not an anchor".to_owned())?;
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    // Browsers may read the file after `click` returns; release it once the download has surely started.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(60),
    );
    Ok(())
}

thread_local! {
    static BASE_PATH: std::cell::OnceCell<String> = const { std::cell::OnceCell::new() };
}

/// The path the app is served under, as index.html worked it out: "" at a site's root,
/// "/help/disputes" under a sub-path. It cannot change while the page lives.
pub fn base_path() -> String {
    BASE_PATH.with(|cell| {
        cell.get_or_init(|| {
            let document = web_sys::window().and_then(|window| window.document());
            let base = document.and_then(|document| document.base_uri().ok().flatten());
            let path =
                base.and_then(|base| web_sys::Url::new(&base).ok()).map(|url| url.pathname()).unwrap_or_default();
            path.trim_end_matches('/').to_owned()
        })
        .clone()
    })
}

/// The address of a page of the app, for `<A href>`: the router prefixes its base when it
/// navigates, but not in the links it renders.
pub fn href(path: &str) -> String {
    format!("{}{path}", base_path())
}

/// An absolute address inside the app, for links that leave it (a share link).
pub fn app_url(path: &str) -> String {
    let origin = web_sys::window().and_then(|window| window.location().origin().ok()).unwrap_or_default();
    format!("{origin}{}{path}", base_path())
}

/// Loads the page again from its address (a new version, a language, a part that failed to
/// download); nothing to do when there is no window.
pub fn reload_page() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// Leaves a User Timing mark for the benchmark (`bash dev.sh bench`) to read; costs nothing else.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|window| window.performance()) {
        let _ = performance.mark(name);
    }
}

/// Runs `work` and records how long it took as a User Timing measure named `name`.
pub fn measured<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let (start, end) = (format!("{name}:start"), format!("{name}:end"));
    mark(&start);
    let result = work();
    mark(&end);
    if let Some(performance) = web_sys::window().and_then(|window| window.performance()) {
        let _ = performance.measure_with_start_mark_and_end_mark(name, &start, &end);
    }
    result
}
