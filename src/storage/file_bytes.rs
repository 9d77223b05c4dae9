//! The bytes of an evidence file as IndexedDB keeps them. Where the browser keeps a Blob, the
//! Blob itself (streamed to disk, never copied into memory). Safari's engine refuses to store a
//! Blob in a private window, and in any session it keeps in memory only ("Error preparing
//! Blob/File data to be stored in object store"); there the file's bytes are read into an
//! ArrayBuffer, kept beside their type as `{ type, bytes }`. Whichever form a record has, it
//! reads back as a Blob, so every stored file from every version and browser opens the same way.

use idb::TransactionMode;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::cases::CaseStore;
use super::database::BLOB_STORE;
use super::error::js_failure;
use super::StorageError;

/// The key of the one-byte Blob that is tried, never committed.
const PROBE_KEY: &str = "dispute-desk-probe";

impl CaseStore {
    /// Whether this browser keeps Blobs in IndexedDB: tried once per connection with a one-byte
    /// Blob, in a transaction that is then rolled back whatever happened.
    async fn keeps_blobs(&self) -> bool {
        if let Some(known) = self.keeps_blobs.get() {
            return known;
        }
        let kept = self.try_a_blob().await.unwrap_or(false);
        self.keeps_blobs.set(Some(kept));
        kept
    }

    async fn try_a_blob(&self) -> Result<bool, StorageError> {
        let probe = web_sys::Blob::new_with_str_sequence(&js_sys::Array::of1(&"?".into())).map_err(js_failure)?;
        let transaction = self.database.transaction(&[BLOB_STORE], TransactionMode::ReadWrite)?;
        let stored = async { transaction.object_store(BLOB_STORE)?.put(&probe, Some(&PROBE_KEY.into()))?.await }.await;
        // Aborting a transaction the browser already aborted fails harmlessly.
        let _ = transaction.abort();
        Ok(stored.is_ok())
    }

    /// What to put in the bytes store for `file`, worked out before the write's transaction opens
    /// (reading a file inside it would let the browser commit it half done).
    pub(super) async fn storable_bytes(&self, file: &web_sys::Blob) -> Result<JsValue, StorageError> {
        if self.keeps_blobs().await {
            return Ok(file.clone().into());
        }
        let bytes = JsFuture::from(file.array_buffer()).await.map_err(js_failure)?;
        let record = js_sys::Object::new();
        js_sys::Reflect::set(&record, &"type".into(), &file.type_().into()).map_err(js_failure)?;
        js_sys::Reflect::set(&record, &"bytes".into(), &bytes).map_err(js_failure)?;
        Ok(record.into())
    }
}

/// A stored file's bytes as a Blob, whichever form they were kept in; `None` for anything else.
pub(super) fn readable_bytes(stored: JsValue) -> Option<web_sys::Blob> {
    if let Some(blob) = stored.dyn_ref::<web_sys::Blob>() {
        return Some(blob.clone());
    }
    let bytes = js_sys::Reflect::get(&stored, &"bytes".into()).ok()?.dyn_into::<js_sys::ArrayBuffer>().ok()?;
    let options = web_sys::BlobPropertyBag::new();
    if let Some(mime) = js_sys::Reflect::get(&stored, &"type".into()).ok().and_then(|mime| mime.as_string()) {
        options.set_type(&mime);
    }
    web_sys::Blob::new_with_buffer_source_sequence_and_options(&js_sys::Array::of1(&bytes), &options).ok()
}
