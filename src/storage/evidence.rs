//! Evidence files: metadata in one store, bytes in another (in the form src/storage/file_bytes.rs
//! chooses, never copied into wasm memory), always written and deleted together in one transaction.

use idb::{Query, TransactionMode};
use serde::Serialize;
use serde_wasm_bindgen::Serializer;
use wasm_bindgen::JsValue;

use super::cases::{finish, CaseStore};
use super::database::{BLOB_STORE, EVIDENCE_STORE};
use super::file_bytes::readable_bytes;
use super::StorageError;
use crate::domain::evidence::EvidenceItem;

impl CaseStore {
    /// The metadata of every file, for every case; the bytes stay on disk until asked for.
    pub async fn load_evidence(&self) -> Result<Vec<EvidenceItem>, StorageError> {
        let transaction = self.database.transaction(&[EVIDENCE_STORE], TransactionMode::ReadOnly)?;
        let records = transaction.object_store(EVIDENCE_STORE)?.get_all(None, None)?.await?;
        // A record that cannot be read is skipped here; its bytes stay stored untouched.
        Ok(records.into_iter().filter_map(|record| serde_wasm_bindgen::from_value(record).ok()).collect())
    }

    /// Keeps a file: its metadata and its bytes land together or not at all.
    pub async fn add_evidence(&self, item: &EvidenceItem, bytes: &web_sys::Blob) -> Result<(), StorageError> {
        let metadata = item.serialize(&Serializer::json_compatible())?;
        let bytes = self.storable_bytes(bytes).await?;
        let transaction = self.database.transaction(&[EVIDENCE_STORE, BLOB_STORE], TransactionMode::ReadWrite)?;
        let outcome = async {
            transaction.object_store(EVIDENCE_STORE)?.add(&metadata, None)?.await?;
            transaction.object_store(BLOB_STORE)?.add(&bytes, Some(&JsValue::from_str(&item.id)))?.await?;
            Ok(())
        }
        .await;
        finish(transaction, outcome).await
    }

    /// Changes a file's caption or the checklist item it proves; the bytes are not touched.
    pub async fn update_evidence(&self, item: &EvidenceItem) -> Result<(), StorageError> {
        let metadata = item.serialize(&Serializer::json_compatible())?;
        let transaction = self.database.transaction(&[EVIDENCE_STORE], TransactionMode::ReadWrite)?;
        let outcome = async {
            transaction.object_store(EVIDENCE_STORE)?.put(&metadata, None)?.await?;
            Ok(())
        }
        .await;
        finish(transaction, outcome).await
    }

    /// The bytes of a file, as a Blob.
    pub async fn evidence_bytes(&self, id: &str) -> Result<Option<web_sys::Blob>, StorageError> {
        let transaction = self.database.transaction(&[BLOB_STORE], TransactionMode::ReadOnly)?;
        let stored = transaction.object_store(BLOB_STORE)?.get(Query::Key(JsValue::from_str(id)))?.await?;
        Ok(stored.and_then(readable_bytes))
    }

    /// Removes a file: its metadata and its bytes, together.
    pub async fn remove_evidence(&self, id: &str) -> Result<(), StorageError> {
        let transaction = self.database.transaction(&[EVIDENCE_STORE, BLOB_STORE], TransactionMode::ReadWrite)?;
        let outcome = async {
            transaction.object_store(EVIDENCE_STORE)?.delete(Query::Key(JsValue::from_str(id)))?.await?;
            transaction.object_store(BLOB_STORE)?.delete(Query::Key(JsValue::from_str(id)))?.await?;
            Ok(())
        }
        .await;
        finish(transaction, outcome).await
    }
}
