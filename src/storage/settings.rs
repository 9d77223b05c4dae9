//! Small preferences in localStorage, read and written whole under one key. The JSON is read and
//! written by the browser's own `JSON` object: a JSON parser in wasm would be most of the reason to
//! download one in the first screen's module.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;

use super::error::{js_failure, QUOTA};
use super::StorageError;
use crate::domain::clock::rfc3339;

const KEY: &str = "dispute-desk.settings";
/// Read by index.html's first paint, before the app starts: a buyer with cases sees "Loading
/// your cases…" there, never the welcome meant for a first visit.
const HAS_CASES_KEY: &str = "dispute-desk.has-cases";

/// Remembers whether this browser holds any case, for the page's first paint. Only a hint: when
/// it cannot be written the first paint shows the welcome a moment longer, nothing else.
pub fn remember_whether_cases(any: bool) {
    let Some(storage) = local_storage() else { return };
    let _ = if any { storage.set_item(HAS_CASES_KEY, "true") } else { storage.remove_item(HAS_CASES_KEY) };
}

/// Whether this browser held a case when last seen: a hint, for starting early what cases need.
pub fn had_cases() -> bool {
    local_storage().and_then(|storage| storage.get_item(HAS_CASES_KEY).ok().flatten()).is_some()
}

/// The page's localStorage, or none where the browser refuses it (some private windows).
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The currency the last case was entered in, offered for the next one.
    pub currency: String,
    /// Browser notifications for deadlines, only ever turned on by the buyer.
    pub reminders: bool,
    /// When the buyer last downloaded a full backup.
    #[serde(with = "rfc3339::option")]
    pub last_backup_at: Option<DateTime<Utc>>,
    /// The language the buyer chose (a locale code); none follows the browser.
    pub language: Option<String>,
    /// The country the buyer lives in (ISO 3166 code), for the legal routes; none follows the
    /// browser's region.
    pub country: Option<String>,
    /// The buyer has read, once, that this browser may delete the data and how to keep it.
    pub home_screen_notice_seen: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            currency: "USD".into(),
            reminders: false,
            last_backup_at: None,
            language: None,
            country: None,
            home_screen_notice_seen: false,
        }
    }
}

impl Settings {
    /// The saved settings, or the defaults when there are none or they cannot be read.
    pub fn load() -> Self {
        local_storage()
            .and_then(|storage| storage.get_item(KEY).ok().flatten())
            .and_then(|text| js_sys::JSON::parse(&text).ok())
            .and_then(|parsed| serde_wasm_bindgen::from_value(parsed).ok())
            .unwrap_or_default()
    }

    pub fn save(&self) -> Result<(), StorageError> {
        let value = self.serialize(&serde_wasm_bindgen::Serializer::json_compatible())?;
        let text = js_sys::JSON::stringify(&value).map_err(js_failure)?;
        let storage = local_storage().ok_or(StorageError::Unavailable)?;
        storage.set_item(KEY, &String::from(text)).map_err(|error| {
            match error.dyn_ref::<web_sys::DomException>().map(web_sys::DomException::name) {
                Some(name) if name == QUOTA => StorageError::QuotaExceeded,
                _ => js_failure(error),
            }
        })
    }
}
