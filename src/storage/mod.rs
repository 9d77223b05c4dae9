//! The storage layer: cases in IndexedDB, small settings in localStorage, and what was shared into
//! the app in the service worker's inbox cache. Nothing else in the app talks to any of them.

mod cases;
mod database;
pub mod drafts;
mod error;
mod evidence;
mod file_bytes;
pub mod inbox;
pub mod quota;
mod reminders;
mod settings;

pub use cases::{CaseStore, DamagedRecord, LoadedCases};
pub use database::{Schema, UpgradeStep, BLOB_STORE, CASES_STORE, EVIDENCE_STORE, REMINDERS_STORE, SCHEMA};
pub use error::StorageError;
pub use settings::{had_cases, remember_whether_cases, Settings};
