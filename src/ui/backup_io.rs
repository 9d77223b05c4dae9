//! Backups in the browser: made by composing a Blob from the header and the stored files (the
//! media is never copied), and read back slice by slice within the bounds the format sets.

use chrono::{DateTime, Utc};
use js_sys::{Array, Uint8Array};
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::domain::backup::{
    build_manifest, encode_header, read_manifest, read_prefix, Backup, BackupError, FILE_EXTENSION, PREFIX_BYTES,
};
use crate::domain::case::{Case, CaseId};
use crate::domain::evidence::EvidenceItem;
use crate::domain::i18n::tr;
use crate::storage::{Settings, StorageError};
use crate::ui::browser::{download_blob, today};
use crate::ui::file_intake::sha256_of;
use crate::ui::state::AppState;

/// What to put in a backup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    Everything,
    OneCase(CaseId),
}

/// The backup as one Blob: header, then each file's stored bytes.
pub async fn make_backup(
    state: AppState,
    scope: &Scope,
    media: bool,
    now: DateTime<Utc>,
) -> Result<web_sys::Blob, String> {
    let cases: Vec<Case> = state.cases.with_untracked(|cases| {
        cases
            .iter()
            .filter(|case| matches!(scope, Scope::Everything) || matches!(scope, Scope::OneCase(id) if *id == case.id))
            .cloned()
            .collect()
    });
    let evidence: Vec<EvidenceItem> = state.evidence.get_untracked();
    let manifest = build_manifest(&cases, &evidence, media, now).map_err(|e| e.to_string())?;
    let header = encode_header(&manifest).map_err(|e| e.to_string())?;
    let parts = Array::of1(&Uint8Array::from(header.as_slice()));
    if media {
        for entry in &manifest.files {
            let bytes = state
                .evidence_bytes(&entry.item.id)
                .await
                .map_err(|e| e.to_string())?
                .ok_or_else(|| format!("the file \"{}\" is missing from this device's storage", entry.item.name))?;
            parts.push(&bytes);
        }
    }
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/octet-stream");
    web_sys::Blob::new_with_blob_sequence_and_options(&parts, &options).map_err(|e| format!("{e:?}"))
}

/// Makes a backup and offers it as a download; a full backup is remembered for the reminder.
pub async fn download_backup(
    state: AppState,
    scope: Scope,
    media: bool,
    name: &str,
    now: DateTime<Utc>,
) -> Result<(), String> {
    let blob = make_backup(state, &scope, media, now).await?;
    download_blob(&format!("{name}-{}.{FILE_EXTENSION}", now.format("%Y-%m-%d")), &blob)?;
    if scope == Scope::Everything {
        let saved: Result<(), StorageError> = Settings { last_backup_at: Some(now), ..Settings::load() }.save();
        saved.map_err(|e| e.to_string())?;
    }
    Ok(())
}

async fn bytes_of(file: &web_sys::Blob, start: f64, end: f64) -> Result<Vec<u8>, BackupError> {
    let slice = file.slice_with_f64_and_f64(start, end).map_err(|_| BackupError::Truncated)?;
    let buffer = JsFuture::from(slice.array_buffer())
        .await
        .map_err(|_| BackupError::Damaged(tr("the file could not be read").to_owned()))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// Reads and checks a backup file's index; its files are checked later, by [`check_files`].
pub async fn read_backup(file: &web_sys::Blob) -> Result<Backup, BackupError> {
    let total = file.size();
    let prefix = bytes_of(file, 0.0, (PREFIX_BYTES as f64).min(total)).await?;
    let length = read_prefix(&prefix, total as u64)?;
    let start = PREFIX_BYTES as f64;
    let manifest = bytes_of(file, start, start + length as f64).await?;
    read_manifest(&manifest, total as u64, today())
}

/// Checks each file's bytes against its fingerprint and returns them as slices of the backup,
/// ready to store; `progress` hears how many files are done.
pub async fn check_files(
    file: &web_sys::Blob,
    entries: &[&(EvidenceItem, u64, u64)],
    progress: impl Fn(usize),
) -> Result<Vec<(EvidenceItem, web_sys::Blob)>, BackupError> {
    let mut checked = Vec::with_capacity(entries.len());
    for (done, (item, start, length)) in entries.iter().enumerate() {
        let slice = file
            .slice_with_f64_and_f64(*start as f64, (*start + *length) as f64)
            .map_err(|_| BackupError::Truncated)?;
        let digest = sha256_of(&slice, |_| {}).await.map_err(BackupError::Damaged)?;
        if digest != item.sha256 {
            return Err(BackupError::DigestMismatch(item.name.clone()));
        }
        checked.push((item.clone(), slice));
        progress(done + 1);
    }
    Ok(checked)
}
