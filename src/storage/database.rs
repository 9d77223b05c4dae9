//! Opening the database and its upgrade ladder.

use std::cell::RefCell;
use std::rc::Rc;

use idb::{Database, Event, Factory, KeyPath, ObjectStoreParams, Request, Transaction};

use super::StorageError;

/// One schema change, run inside the upgrade transaction. Steps are only ever appended: the
/// step at index `n` takes a database from version `n` to `n + 1`, on every device, forever.
pub type UpgradeStep = fn(&Transaction) -> Result<(), idb::Error>;

pub const CASES_STORE: &str = "cases";
/// Evidence metadata, keyed by `id`, with an index on `case_id`.
pub const EVIDENCE_STORE: &str = "evidence";
/// Evidence bytes (src/storage/file_bytes.rs), under the same id as their metadata.
pub const BLOB_STORE: &str = "evidence_blobs";
pub const EVIDENCE_BY_CASE: &str = "case_id";
/// The reminders to show, read by the service worker too (src/storage/reminders.rs).
pub const REMINDERS_STORE: &str = "reminders";

/// A database name and its ladder of upgrade steps; the version is the ladder's length.
#[derive(Clone, Copy)]
pub struct Schema {
    pub name: &'static str,
    pub steps: &'static [UpgradeStep],
}

pub const SCHEMA: Schema =
    Schema { name: "dispute-desk", steps: &[create_cases_store, create_evidence_stores, create_reminders_store] };

fn create_cases_store(upgrade: &Transaction) -> Result<(), idb::Error> {
    let mut params = ObjectStoreParams::new();
    params.key_path(Some(KeyPath::new_single("id")));
    upgrade.database().create_object_store(CASES_STORE, params)?;
    Ok(())
}

fn create_evidence_stores(upgrade: &Transaction) -> Result<(), idb::Error> {
    let database = upgrade.database();
    let mut params = ObjectStoreParams::new();
    params.key_path(Some(KeyPath::new_single("id")));
    let evidence = database.create_object_store(EVIDENCE_STORE, params)?;
    evidence.create_index(EVIDENCE_BY_CASE, KeyPath::new_single("case_id"), None)?;
    database.create_object_store(BLOB_STORE, ObjectStoreParams::new())?;
    Ok(())
}

fn create_reminders_store(upgrade: &Transaction) -> Result<(), idb::Error> {
    let mut params = ObjectStoreParams::new();
    params.key_path(Some(KeyPath::new_single("key")));
    upgrade.database().create_object_store(REMINDERS_STORE, params)?;
    Ok(())
}

impl Schema {
    pub fn version(&self) -> u32 {
        self.steps.len() as u32
    }

    /// Opens the database, running every step the stored version has not had yet. A step that
    /// fails aborts the whole upgrade, so the database stays exactly at its old version.
    pub async fn open(self) -> Result<Database, StorageError> {
        let factory = Factory::new().map_err(|_| StorageError::Unavailable)?;
        let mut request = factory.open(self.name, Some(self.version()))?;
        let failure: Rc<RefCell<Option<idb::Error>>> = Rc::default();
        let upgrade_failure = Rc::clone(&failure);
        request.on_upgrade_needed(move |event| {
            let outcome = (|| {
                let from = event.old_version()? as usize;
                let upgrade = event.target()?.transaction().ok_or(idb::Error::TransactionNotFound)?;
                for step in &self.steps[from.min(self.steps.len())..] {
                    if let Err(error) = step(&upgrade) {
                        // Aborting undoes every step already run in this upgrade.
                        let _ = upgrade.abort();
                        return Err(error);
                    }
                }
                Ok(())
            })();
            if let Err(error) = outcome {
                *upgrade_failure.borrow_mut() = Some(error);
            }
        });
        let blocked = Rc::new(RefCell::new(false));
        let was_blocked = Rc::clone(&blocked);
        request.on_blocked(move |_| *was_blocked.borrow_mut() = true);
        let opened = request.await;
        if let Some(error) = failure.borrow_mut().take() {
            return Err(error.into());
        }
        match opened {
            Ok(database) => Ok(database),
            Err(_) if *blocked.borrow() => Err(StorageError::Blocked),
            Err(error) => Err(error.into()),
        }
    }

    /// Deletes the whole database (tests, and "wipe everything" once backups exist).
    pub async fn delete(self) -> Result<(), StorageError> {
        let factory = Factory::new().map_err(|_| StorageError::Unavailable)?;
        factory.delete(self.name)?.await?;
        Ok(())
    }
}
