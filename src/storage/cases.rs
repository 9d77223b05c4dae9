//! Cases in IndexedDB, one record per case, each write in its own transaction.

use std::cell::Cell;

use idb::{Database, ObjectStore, Query, Transaction, TransactionMode, TransactionResult};
use serde::Serialize;
use serde_wasm_bindgen::Serializer;
use wasm_bindgen::{JsCast, JsValue};

use super::database::{Schema, BLOB_STORE, CASES_STORE, EVIDENCE_BY_CASE, EVIDENCE_STORE};
use super::error::js_failure;
use super::StorageError;
use chrono::{DateTime, Utc};

use crate::domain::case::{Case, CaseId};
use crate::domain::evidence::EvidenceItem;
use crate::domain::i18n::tr;
use crate::domain::record::{RecordCodec, RecordError};

/// A stored record this version cannot read, kept as it is so no data is destroyed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DamagedRecord {
    pub id: Option<String>,
    pub error: RecordError,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoadedCases {
    pub cases: Vec<Case>,
    pub damaged: Vec<DamagedRecord>,
}

pub struct CaseStore {
    pub(super) database: Database,
    /// The same connection, for the options idb does not offer (strict durability).
    raw: web_sys::IdbDatabase,
    /// Whether the browser keeps Blobs here, once tried (src/storage/file_bytes.rs).
    pub(super) keeps_blobs: Cell<Option<bool>>,
}

impl CaseStore {
    pub async fn open(schema: Schema) -> Result<Self, StorageError> {
        let raw: web_sys::IdbDatabase = schema.open().await?.into();
        Ok(Self { database: Database::from(raw.clone()), raw, keeps_blobs: Cell::new(None) })
    }

    /// A read-write transaction the browser commits only once the data is on disk: for restores,
    /// where a write lost to a crash would lose the buyer's whole history.
    pub(super) fn strict_transaction(&self, stores: &[&str]) -> Result<Transaction, StorageError> {
        let names = js_sys::Array::new();
        for store in stores {
            names.push(&JsValue::from_str(store));
        }
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &"durability".into(), &"strict".into()).map_err(js_failure)?;
        let open = js_sys::Reflect::get(&self.raw, &"transaction".into()).map_err(js_failure)?;
        let open: js_sys::Function = open.dyn_into().map_err(js_failure)?;
        let transaction = open.call3(&self.raw, &names, &"readwrite".into(), &options).map_err(js_failure)?;
        Ok(Transaction::from(transaction.unchecked_into::<web_sys::IdbTransaction>()))
    }

    /// Writes a restore in one strict transaction: all of it, or nothing. `replace` first empties
    /// every store, within the same transaction.
    pub async fn restore(
        &self,
        replace: bool,
        codec: RecordCodec,
        cases: &[&Case],
        files: &[(EvidenceItem, web_sys::Blob)],
    ) -> Result<(), StorageError> {
        let records = cases.iter().map(|case| stored_form(codec, case)).collect::<Result<Vec<_>, _>>()?;
        let metadata = files
            .iter()
            .map(|(item, _)| item.serialize(&Serializer::json_compatible()).map_err(StorageError::from))
            .collect::<Result<Vec<_>, _>>()?;
        let mut bytes = Vec::with_capacity(files.len());
        for (_, file) in files {
            bytes.push(self.storable_bytes(file).await?);
        }
        let transaction = self.strict_transaction(&[CASES_STORE, EVIDENCE_STORE, BLOB_STORE])?;
        let outcome = async {
            let (cases_store, evidence, blobs) = (
                transaction.object_store(CASES_STORE)?,
                transaction.object_store(EVIDENCE_STORE)?,
                transaction.object_store(BLOB_STORE)?,
            );
            if replace {
                cases_store.clear()?.await?;
                evidence.clear()?.await?;
                blobs.clear()?.await?;
            }
            put_all(&cases_store, &records, PUT_STEP, |_| {}).await?;
            for (((item, _), metadata), bytes) in files.iter().zip(&metadata).zip(&bytes) {
                evidence.put(metadata, None)?.await?;
                blobs.put(bytes, Some(&JsValue::from_str(&item.id)))?.await?;
            }
            Ok(())
        }
        .await;
        finish(transaction, outcome).await
    }

    /// How many cases are stored, without reading them.
    pub async fn count(&self) -> Result<u32, StorageError> {
        let transaction = self.database.transaction(&[CASES_STORE], TransactionMode::ReadOnly)?;
        Ok(transaction.object_store(CASES_STORE)?.count(None)?.await?)
    }

    /// Every case; records that cannot be read are reported one by one instead of hiding the rest.
    pub async fn load_all(&self, codec: RecordCodec) -> Result<LoadedCases, StorageError> {
        let transaction = self.database.transaction(&[CASES_STORE], TransactionMode::ReadOnly)?;
        let records = transaction.object_store(CASES_STORE)?.get_all(None, None)?.await?;
        let mut loaded = LoadedCases::default();
        for record in records {
            match read_record(codec, record) {
                Ok(case) => loaded.cases.push(case),
                Err(damaged) => loaded.damaged.push(damaged),
            }
        }
        Ok(loaded)
    }

    pub async fn get(&self, codec: RecordCodec, id: &CaseId) -> Result<Option<Case>, StorageError> {
        let transaction = self.database.transaction(&[CASES_STORE], TransactionMode::ReadOnly)?;
        let record = transaction.object_store(CASES_STORE)?.get(JsValue::from_str(id.as_str()))?.await?;
        match record.map(|record| read_record(codec, record)).transpose() {
            Ok(case) => Ok(case),
            Err(damaged) => Err(StorageError::Failed(damaged.error.to_string())),
        }
    }

    /// Creates or replaces a case. Resolves only once the transaction has committed; if it does
    /// not, the stored case is exactly as it was before.
    pub async fn save(&self, codec: RecordCodec, case: &Case) -> Result<(), StorageError> {
        let value = stored_form(codec, case)?;
        let transaction = self.database.transaction(&[CASES_STORE], TransactionMode::ReadWrite)?;
        let outcome = async {
            transaction.object_store(CASES_STORE)?.put(&value, None)?.await?;
            Ok(())
        }
        .await;
        finish(transaction, outcome).await
    }

    /// Writes many cases in one transaction (an import): all of them, or none. `progress` hears
    /// how many are written so far, every `step` cases, so a progress bar can follow.
    pub async fn save_all(
        &self,
        codec: RecordCodec,
        cases: &[Case],
        step: usize,
        mut progress: impl FnMut(usize),
    ) -> Result<(), StorageError> {
        let records = cases.iter().map(|case| stored_form(codec, case)).collect::<Result<Vec<_>, _>>()?;
        let transaction = self.strict_transaction(&[CASES_STORE])?;
        let outcome =
            async { put_all(&transaction.object_store(CASES_STORE)?, &records, step, &mut progress).await }.await;
        finish(transaction, outcome).await?;
        progress(cases.len());
        Ok(())
    }

    /// Applies `change` to the stored case inside one transaction, so it always applies to the
    /// latest version, even one another tab has just written. Returns the case as saved.
    pub async fn modify(
        &self,
        codec: RecordCodec,
        id: &CaseId,
        now: DateTime<Utc>,
        change: impl FnOnce(&mut Case),
    ) -> Result<Case, StorageError> {
        let transaction = self.database.transaction(&[CASES_STORE], TransactionMode::ReadWrite)?;
        let mut changed = None;
        let outcome = async {
            let store = transaction.object_store(CASES_STORE)?;
            let stored = store.get(JsValue::from_str(id.as_str()))?.await?;
            let mut case = read_stored(codec, stored)?;
            change(&mut case);
            case.updated_at = now;
            store.put(&stored_form(codec, &case)?, None)?.await?;
            changed = Some(case);
            Ok(())
        }
        .await;
        finish(transaction, outcome).await?;
        changed.ok_or_else(|| StorageError::Failed(tr("the case was not saved").to_owned()))
    }

    /// Saves an edit made from the case as it was (`started_from`): refused, and nothing written,
    /// when the stored case is no longer that one (another tab saved in between). The whole case
    /// is compared, not a timestamp: two saves can share a millisecond.
    pub async fn save_edit(&self, codec: RecordCodec, case: &Case, started_from: &Case) -> Result<(), StorageError> {
        let value = stored_form(codec, case)?;
        let transaction = self.database.transaction(&[CASES_STORE], TransactionMode::ReadWrite)?;
        let outcome = async {
            let store = transaction.object_store(CASES_STORE)?;
            let stored = read_stored(codec, store.get(JsValue::from_str(case.id.as_str()))?.await?)?;
            if &stored != started_from {
                return Err(StorageError::ChangedElsewhere);
            }
            store.put(&value, None)?.await?;
            Ok(())
        }
        .await;
        finish(transaction, outcome).await
    }

    /// Runs `replaced` when another tab opens a newer version of the database: this connection
    /// closes at once, so the other tab's upgrade is never blocked, and this tab must reload.
    pub fn on_replaced(&self, replaced: impl FnOnce() + 'static) {
        let raw = self.raw.clone();
        let callback = wasm_bindgen::prelude::Closure::once_into_js(move || {
            raw.close();
            replaced();
        });
        self.raw.set_onversionchange(Some(callback.unchecked_ref()));
    }

    /// Deletes a case and every file kept with it, in one transaction: all of it or none.
    pub async fn delete(&self, id: &CaseId) -> Result<(), StorageError> {
        let transaction =
            self.database.transaction(&[CASES_STORE, EVIDENCE_STORE, BLOB_STORE], TransactionMode::ReadWrite)?;
        let outcome = async {
            let evidence = transaction.object_store(EVIDENCE_STORE)?;
            let blobs = transaction.object_store(BLOB_STORE)?;
            let key = JsValue::from_str(id.as_str());
            let files = evidence.index(EVIDENCE_BY_CASE)?.get_all_keys(Some(Query::Key(key.clone())), None)?.await?;
            for file in files {
                evidence.delete(Query::Key(file.clone()))?.await?;
                blobs.delete(Query::Key(file))?.await?;
            }
            transaction.object_store(CASES_STORE)?.delete(key)?.await?;
            Ok(())
        }
        .await;
        finish(transaction, outcome).await
    }

    /// Closes the connection, so another tab or a test can upgrade or delete the database.
    pub fn close(&self) {
        self.database.close();
    }
}

/// Ends a write transaction: commits it if every step worked, and aborts it otherwise. A request
/// the browser refuses by throwing does not abort the transaction by itself, and the steps already
/// done would commit: a half-written change.
pub(super) async fn finish(transaction: Transaction, outcome: Result<(), StorageError>) -> Result<(), StorageError> {
    match outcome {
        Ok(()) => match transaction.await? {
            TransactionResult::Committed => Ok(()),
            TransactionResult::Aborted => Err(StorageError::Failed(tr("the browser cancelled the save").to_owned())),
        },
        Err(error) => {
            // Aborting a transaction the browser already aborted fails harmlessly.
            let _ = transaction.abort();
            Err(error)
        }
    }
}

/// How a case is kept: its id (the key) and its record as JSON text. Text is what makes loading
/// fast: the browser copies one string per case instead of a tree of objects (10,000 cases:
/// see README, Benchmarks).
/// How many puts a restore issues before it waits for one.
const PUT_STEP: usize = 500;

/// Puts every record, waiting only for the last of each `step` and then telling `progress` how
/// many are written. The database runs a transaction's requests in order, and one that fails
/// aborts the transaction (and with it every later request), so waiting for each put in turn
/// would only add a trip through the event loop per record.
async fn put_all(
    store: &ObjectStore,
    records: &[JsValue],
    step: usize,
    mut progress: impl FnMut(usize),
) -> Result<(), StorageError> {
    let mut done = 0;
    for batch in records.chunks(step.max(1)) {
        let mut last = None;
        for record in batch {
            last = Some(store.put(record, None)?);
        }
        if let Some(last) = last {
            last.await?;
        }
        done += batch.len();
        progress(done);
    }
    Ok(())
}

fn stored_form(codec: RecordCodec, case: &Case) -> Result<JsValue, StorageError> {
    let text = (codec.write)(case).map_err(|error| StorageError::Failed(error.to_string()))?;
    let stored = js_sys::Object::new();
    js_sys::Reflect::set(&stored, &"id".into(), &case.id.as_str().into()).map_err(js_failure)?;
    js_sys::Reflect::set(&stored, &"json".into(), &text.into()).map_err(js_failure)?;
    Ok(stored.into())
}

/// A stored case that must be there.
fn read_stored(codec: RecordCodec, stored: Option<JsValue>) -> Result<Case, StorageError> {
    let stored = stored.ok_or_else(|| StorageError::Failed(tr("that case is no longer here").to_owned()))?;
    read_record(codec, stored).map_err(|damaged| StorageError::Failed(damaged.error.to_string()))
}

/// Reads a stored case: `{id, json}`, or the whole record as an object, as the first versions
/// stored it (still read, rewritten in the new form at its next save).
fn read_record(codec: RecordCodec, stored: JsValue) -> Result<Case, DamagedRecord> {
    let damaged = |id: Option<String>, error: RecordError| DamagedRecord { id, error };
    let text = match js_sys::Reflect::get(&stored, &"json".into()).ok().and_then(|json| json.as_string()) {
        Some(text) => text,
        None => js_sys::JSON::stringify(&stored)
            .ok()
            .and_then(|text| text.as_string())
            .ok_or_else(|| damaged(None, RecordError::Damaged("not a record".into())))?,
    };
    (codec.read)(&text).map_err(|(id, error)| damaged(id, error))
}
