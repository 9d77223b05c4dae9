//! The storage layer: cases in IndexedDB, small settings in localStorage. Nothing else in the app
//! talks to either.

mod cases;
mod database;
pub mod drafts;
mod error;
mod evidence;
pub mod quota;
mod settings;

pub use cases::{CaseStore, DamagedRecord, LoadedCases};
pub use database::{Schema, UpgradeStep, BLOB_STORE, CASES_STORE, EVIDENCE_STORE, SCHEMA};
pub use error::StorageError;
pub use settings::{remember_whether_cases, Settings};
