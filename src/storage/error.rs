use thiserror::Error;

use crate::domain::i18n::{tr, trf};

/// What went wrong with the browser's storage, in words for the buyer, with what to do next.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum StorageError {
    #[error(
        "{}",
        tr(
            "This browser is not letting Dispute Desk store data. Private windows and some privacy settings \
         block it: open the app in a normal window, or allow this site to store data."
        )
    )]
    Unavailable,
    #[error(
        "{}",
        tr(
            "There is no room left to save on this device. Nothing was changed. Free some space, or remove \
         large attachments, then try again."
        )
    )]
    QuotaExceeded,
    #[error(
        "{}",
        tr("Your cases were saved by a newer version of Dispute Desk. Reload the page to get that version.")
    )]
    NewerVersion,
    #[error("{}", tr("Dispute Desk is being updated in another tab. Close its other tabs, then reload this page."))]
    Blocked,
    #[error(
        "{}",
        tr("This case was changed in another tab or window since you opened it here. Nothing was saved yet.")
    )]
    ChangedElsewhere,
    #[error("{}", tr("Dispute Desk was updated in another tab. Reload this tab to go on; nothing you saved is lost."))]
    Outdated,
    /// The part of the app that shows cases could not be downloaded (a first visit that lost its
    /// connection before the app was kept for offline use).
    #[error(
        "{} {}",
        tr("This part of Dispute Desk could not be downloaded."),
        tr("Your cases are safe on this device. Check the connection, then try again.")
    )]
    NotDownloaded,
    #[error("{}", trf("The browser could not save or read your cases ({detail}). Nothing was changed. Try again, or reload the page.", &[("detail", &.0)]))]
    Failed(String),
}

/// DOMException names that decide which message the buyer sees.
pub(super) const QUOTA: &str = "QuotaExceededError";
const VERSION: &str = "VersionError";
const SECURITY: &str = "SecurityError";
const INVALID_ACCESS: &str = "InvalidAccessError";

impl From<idb::Error> for StorageError {
    fn from(error: idb::Error) -> Self {
        // idb shows the DOMException as "Name: message"; its name is what matters here.
        let text = match &error {
            idb::Error::DomException(exception) => format!("{}: {}", exception.name(), exception.message()),
            other => other.to_string(),
        };
        if text.contains(QUOTA) {
            StorageError::QuotaExceeded
        } else if text.contains(VERSION) {
            StorageError::NewerVersion
        } else if text.contains(SECURITY)
            || text.contains(INVALID_ACCESS)
            || matches!(error, idb::Error::IndexedDbNotFound(_))
        {
            StorageError::Unavailable
        } else {
            StorageError::Failed(text)
        }
    }
}

impl From<serde_wasm_bindgen::Error> for StorageError {
    fn from(error: serde_wasm_bindgen::Error) -> Self {
        StorageError::Failed(error.to_string())
    }
}

/// A browser call that failed with a JavaScript value rather than an IndexedDB error.
pub(super) fn js_failure(error: wasm_bindgen::JsValue) -> StorageError {
    StorageError::Failed(format!("{error:?}"))
}
