//! Small preferences in localStorage, read and written whole under one key.

use chrono::{DateTime, Utc};
use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

use super::StorageError;
use crate::domain::clock::rfc3339;

const KEY: &str = "dispute-desk.settings";
/// Read by index.html's first paint, before the app starts: a buyer with cases sees "Loading
/// your cases…" there, never the welcome meant for a first visit.
const HAS_CASES_KEY: &str = "dispute-desk.has-cases";

/// Remembers whether this browser holds any case, for the page's first paint. Only a hint: when
/// it cannot be written the first paint shows the welcome a moment longer, nothing else.
pub fn remember_whether_cases(any: bool) {
    if any {
        let _ = LocalStorage::set(HAS_CASES_KEY, true);
    } else {
        LocalStorage::delete(HAS_CASES_KEY);
    }
}

/// Whether this browser held a case when last seen: a hint, for starting early what cases need.
pub fn had_cases() -> bool {
    // Straight from the browser: gloo's accessor panics where localStorage is refused.
    web_sys::window()
        .and_then(|window| window.local_storage().ok().flatten())
        .and_then(|storage| storage.get_item(HAS_CASES_KEY).ok().flatten())
        .is_some()
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
}

impl Default for Settings {
    fn default() -> Self {
        Self { currency: "USD".into(), reminders: false, last_backup_at: None, language: None, country: None }
    }
}

impl Settings {
    /// The saved settings, or the defaults when there are none or they cannot be read.
    pub fn load() -> Self {
        LocalStorage::get(KEY).unwrap_or_default()
    }

    pub fn save(&self) -> Result<(), StorageError> {
        LocalStorage::set(KEY, self).map_err(|error| match error {
            gloo_storage::errors::StorageError::JsError(js) if js.name == "QuotaExceededError" => {
                StorageError::QuotaExceeded
            }
            other => StorageError::Failed(other.to_string()),
        })
    }
}
