//! The backup file: everything the buyer has, in one file another tool can read.
//!
//! Layout (format 1), all integers little-endian:
//!
//! | bytes | what |
//! | --- | --- |
//! | 16 | the ASCII magic `DISPUTEDESK-BAK1` |
//! | 8 | `n`, the length of the manifest |
//! | `n` | the manifest: UTF-8 JSON, see [`Manifest`] |
//! | rest | the files' bytes, one after the other, at the offsets the manifest gives |
//!
//! Case records inside are in the stored record format (`record.rs`), so a backup of any age
//! restores through the same upgrade ladder as the database. Each file carries its SHA-256; the
//! reader checks every one before anything is written.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

use super::i18n::{tr, trf};

use super::case::Case;
use super::clock::rfc3339;
use super::evidence::{EvidenceItem, MAX_FILE_BYTES};
use super::form::CaseForm;
use super::record::{from_record, to_record};

pub const MAGIC: &[u8; 16] = b"DISPUTEDESK-BAK1";
pub const BACKUP_FORMAT: u32 = 1;
pub const PREFIX_BYTES: usize = 24;
/// A manifest for tens of thousands of cases stays far below this; anything larger is not ours.
pub const MAX_MANIFEST_BYTES: u64 = 256 * 1024 * 1024;
pub const FILE_EXTENSION: &str = "ddbackup";

/// One kept file: its metadata and where its bytes are in the backup.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    #[serde(flatten)]
    pub item: EvidenceItem,
    /// Offset of the bytes from the start of the data section; absent without media.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub app: String,
    pub format: u32,
    #[serde(with = "rfc3339")]
    pub created_at: DateTime<Utc>,
    /// False for the small backup without photos and videos: files are then listed, not kept.
    pub media_included: bool,
    /// Case records in the stored record format.
    pub cases: Vec<Value>,
    pub files: Vec<FileEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum BackupError {
    #[error("{}", trf("This file is not a Dispute Desk backup. Choose a file whose name ends in .{file_extension}.", &[("file_extension", &FILE_EXTENSION)]))]
    NotABackup,
    #[error("{}", tr("This backup was made by a newer version of Dispute Desk. Reload the page to update the app, then try again."))]
    NewerFormat,
    #[error("{}", tr("This backup is incomplete: the file was cut short, perhaps while it was downloaded or copied. Nothing was changed; use another copy."))]
    Truncated,
    #[error("{}", trf("This backup is damaged ({detail}). Nothing was changed; use another copy.", &[("detail", &.0)]))]
    Damaged(String),
    #[error("{}", trf("Case {index} in this backup is not valid ({reason}). Nothing was changed.", &[("index", &.index), ("reason", &.reason)]))]
    InvalidCase { index: usize, reason: String },
    #[error("{}", trf("The file \"{detail}\" in this backup does not match its fingerprint, so the backup is damaged. Nothing was changed.", &[("detail", &.0)]))]
    DigestMismatch(String),
}

/// A checked backup, ready to restore.
#[derive(Clone, Debug, PartialEq)]
pub struct Backup {
    pub created_at: DateTime<Utc>,
    pub media_included: bool,
    pub cases: Vec<Case>,
    /// Files with bytes in the backup, and where: absolute offset and length in the backup file.
    pub files: Vec<(EvidenceItem, u64, u64)>,
    /// Files listed in a backup made without media.
    pub listed_only: Vec<EvidenceItem>,
}

/// The manifest for `cases` and their files; with media, the files' bytes follow in this order.
pub fn build_manifest(
    cases: &[Case],
    evidence: &[EvidenceItem],
    media: bool,
    now: DateTime<Utc>,
) -> Result<Manifest, BackupError> {
    let records = cases
        .iter()
        .map(|case| to_record(case).map_err(|error| BackupError::Damaged(error.to_string())))
        .collect::<Result<Vec<_>, _>>()?;
    let ids: HashSet<_> = cases.iter().map(|case| &case.id).collect();
    let mut offset = 0;
    let files = evidence
        .iter()
        .filter(|item| ids.contains(&item.case_id))
        .map(|item| {
            let entry = FileEntry { item: item.clone(), offset: media.then_some(offset) };
            offset += item.size;
            entry
        })
        .collect();
    Ok(Manifest {
        app: "Dispute Desk".into(),
        format: BACKUP_FORMAT,
        created_at: now,
        media_included: media,
        cases: records,
        files,
    })
}

/// The bytes that come before the files: magic, manifest length, manifest.
pub fn encode_header(manifest: &Manifest) -> Result<Vec<u8>, BackupError> {
    let json = serde_json::to_vec(manifest).map_err(|error| BackupError::Damaged(error.to_string()))?;
    let mut header = Vec::with_capacity(PREFIX_BYTES + json.len());
    header.extend_from_slice(MAGIC);
    header.extend_from_slice(&(json.len() as u64).to_le_bytes());
    header.extend_from_slice(&json);
    Ok(header)
}

/// Reads the first [`PREFIX_BYTES`] of a file of `total` bytes: is it a backup, and how long is
/// its manifest. Checked before the manifest is read or any memory is set aside for it.
pub fn read_prefix(prefix: &[u8], total: u64) -> Result<u64, BackupError> {
    if prefix.len() < MAGIC.len() || prefix[..12] != MAGIC[..12] {
        return Err(BackupError::NotABackup);
    }
    if &prefix[..MAGIC.len()] != MAGIC {
        // Same family, other format number: a newer app wrote it.
        return Err(BackupError::NewerFormat);
    }
    let length_bytes: [u8; 8] = prefix.get(16..24).and_then(|b| b.try_into().ok()).ok_or(BackupError::Truncated)?;
    let length = u64::from_le_bytes(length_bytes);
    if length > MAX_MANIFEST_BYTES {
        return Err(BackupError::Damaged(tr("its index claims an impossible size").to_owned()));
    }
    if PREFIX_BYTES as u64 + length > total {
        return Err(BackupError::Truncated);
    }
    Ok(length)
}

/// Checks a manifest read from a file of `total` bytes against everything it claims, and turns
/// it into cases and files. `today` is the buyer's day, for checking the cases' dates.
pub fn read_manifest(json: &[u8], total: u64, today: NaiveDate) -> Result<Backup, BackupError> {
    let manifest: Manifest = serde_json::from_slice(json).map_err(|error| {
        if error.is_eof() {
            BackupError::Truncated
        } else {
            BackupError::Damaged(trf("its index cannot be read: {error}", &[("error", &error)]))
        }
    })?;
    if manifest.app != "Dispute Desk" {
        return Err(BackupError::NotABackup);
    }
    if manifest.format > BACKUP_FORMAT {
        return Err(BackupError::NewerFormat);
    }
    let mut cases = Vec::with_capacity(manifest.cases.len());
    let mut ids = HashSet::new();
    for (index, record) in manifest.cases.into_iter().enumerate() {
        let invalid = |reason: String| BackupError::InvalidCase { index: index + 1, reason };
        let case = from_record(record).map_err(|error| invalid(error.to_string()))?;
        if let Err(errors) = CaseForm::from_details(&case.details).validate(today) {
            let first = &errors[0];
            return Err(invalid(format!("{}: {}", first.field.key(), first.problem)));
        }
        if !ids.insert(case.id.clone()) {
            return Err(invalid(trf("the id {id} appears twice", &[("id", &case.id)])));
        }
        cases.push(case);
    }
    let data_start = PREFIX_BYTES as u64 + json.len() as u64;
    let mut files = Vec::new();
    let mut listed_only = Vec::new();
    let mut file_ids = HashSet::new();
    let mut expected_offset = 0u64;
    for FileEntry { item, offset } in manifest.files {
        let name = &item.name;
        if !file_ids.insert(item.id.clone()) {
            return Err(BackupError::Damaged(trf("the file \"{name}\" appears twice", &[("name", name)])));
        }
        if !ids.contains(&item.case_id) {
            return Err(BackupError::Damaged(trf(
                "the file \"{name}\" belongs to no case in the backup",
                &[("name", name)],
            )));
        }
        if item.sha256.len() != 64 || !item.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(BackupError::Damaged(trf("the file \"{name}\" has no valid fingerprint", &[("name", name)])));
        }
        if item.size == 0 || item.size > MAX_FILE_BYTES {
            return Err(BackupError::Damaged(trf("the file \"{name}\" has an impossible size", &[("name", name)])));
        }
        match (manifest.media_included, offset) {
            (true, Some(offset)) if offset == expected_offset => {
                expected_offset += item.size;
                let size = item.size;
                files.push((item, data_start + offset, size));
            }
            (true, _) => {
                return Err(BackupError::Damaged(trf(
                    "the file \"{name}\" is not where the index says",
                    &[("name", name)],
                )))
            }
            (false, _) => listed_only.push(item),
        }
    }
    match data_start.checked_add(expected_offset) {
        Some(end) if end == total => {}
        Some(end) if end > total => return Err(BackupError::Truncated),
        _ => return Err(BackupError::Damaged(tr("it has bytes after its last file").to_owned())),
    }
    Ok(Backup { created_at: manifest.created_at, media_included: manifest.media_included, cases, files, listed_only })
}

/// What a restore would do, for the buyer to see before choosing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RestorePreview {
    pub cases: usize,
    pub cases_already_here: usize,
    /// Cases here that were changed after the backup's copy of them.
    pub cases_newer_here: usize,
    pub files: usize,
    pub files_already_here: usize,
}

pub fn preview(backup: &Backup, here: &[Case], files_here: &[EvidenceItem]) -> RestorePreview {
    let here_by_id: BTreeMap<_, _> = here.iter().map(|case| (&case.id, case)).collect();
    let file_ids: HashSet<_> = files_here.iter().map(|item| item.id.as_str()).collect();
    let already: Vec<_> =
        backup.cases.iter().filter_map(|case| here_by_id.get(&case.id).map(|mine| (case, mine))).collect();
    RestorePreview {
        cases: backup.cases.len(),
        cases_already_here: already.len(),
        cases_newer_here: already.iter().filter(|(theirs, mine)| mine.updated_at > theirs.updated_at).count(),
        files: backup.files.len(),
        files_already_here: backup.files.iter().filter(|(item, ..)| file_ids.contains(item.id.as_str())).count(),
    }
}

/// What a merge writes: the backup's cases that are new here or newer than the copy here, and
/// the files not here yet (a case kept from here keeps its own files).
pub fn merge<'a>(
    backup: &'a Backup,
    here: &[Case],
    files_here: &[EvidenceItem],
) -> (Vec<&'a Case>, Vec<&'a (EvidenceItem, u64, u64)>) {
    let here_by_id: BTreeMap<_, _> = here.iter().map(|case| (&case.id, case)).collect();
    let file_ids: HashSet<_> = files_here.iter().map(|item| item.id.as_str()).collect();
    let cases: Vec<&Case> = backup
        .cases
        .iter()
        .filter(|case| here_by_id.get(&case.id).is_none_or(|mine| case.updated_at > mine.updated_at))
        .collect();
    let files = backup.files.iter().filter(|(item, ..)| !file_ids.contains(item.id.as_str())).collect();
    (cases, files)
}

/// Whether to remind the buyer to make a backup: changes since the last one (or none ever), and
/// the last one (or the first change) at least `after_days` ago.
pub fn backup_due(
    last_backup: Option<DateTime<Utc>>,
    last_change: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    after_days: i64,
) -> bool {
    let Some(changed) = last_change else { return false };
    let since = match last_backup {
        Some(backed_up) if backed_up >= changed => return false,
        Some(backed_up) => backed_up,
        None => changed,
    };
    now - since >= chrono::Duration::days(after_days)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::CaseId;
    use crate::domain::proof::Proof;
    use crate::domain::vocabulary::Event;
    use crate::support::sample::sample_cases;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-21T12:00:00Z").unwrap().with_timezone(&Utc)
    }

    fn today() -> NaiveDate {
        now().date_naive()
    }

    fn file(id: &str, case_id: &CaseId, size: u64) -> EvidenceItem {
        EvidenceItem {
            id: id.into(),
            case_id: case_id.clone(),
            name: format!("{id}.jpg"),
            mime: "image/jpeg".into(),
            size,
            added_at: now(),
            caption: "Scratches".into(),
            proves: Some(Proof::DamagePhotos),
            sha256: "ab".repeat(32),
        }
    }

    /// A whole backup file, with `data` bytes standing in for the files.
    fn backup_bytes(cases: &[Case], files: &[EvidenceItem], media: bool) -> Vec<u8> {
        let mut bytes = encode_header(&build_manifest(cases, files, media, now()).unwrap()).unwrap();
        if media {
            for item in files {
                bytes.extend(std::iter::repeat_n(7u8, item.size as usize));
            }
        }
        bytes
    }

    fn read(bytes: &[u8]) -> Result<Backup, BackupError> {
        let length = read_prefix(&bytes[..bytes.len().min(PREFIX_BYTES)], bytes.len() as u64)?;
        read_manifest(&bytes[PREFIX_BYTES..PREFIX_BYTES + length as usize], bytes.len() as u64, today())
    }

    fn sample() -> (Vec<Case>, Vec<EvidenceItem>) {
        let cases = sample_cases(40, 3, now());
        let files = vec![file("f1", &cases[0].id, 10), file("f2", &cases[0].id, 5), file("f3", &cases[7].id, 3)];
        (cases, files)
    }

    #[test]
    fn a_backup_round_trips_to_identical_cases_and_files() {
        let (cases, files) = sample();
        let bytes = backup_bytes(&cases, &files, true);
        assert_eq!(&bytes[..16], MAGIC);
        let backup = read(&bytes).unwrap();
        assert_eq!(backup.cases, cases);
        let restored: Vec<_> = backup.files.iter().map(|(item, ..)| item.clone()).collect();
        assert_eq!(restored, files);
        // The bytes of each file are where the index says, in order, up to the end.
        let (_, start, length) = &backup.files[2];
        assert_eq!(start + length, bytes.len() as u64);
        assert_eq!(backup.files[1].1, backup.files[0].1 + 10);
    }

    #[test]
    fn a_backup_without_media_lists_the_files_but_keeps_none() {
        let (cases, files) = sample();
        let backup = read(&backup_bytes(&cases, &files, false)).unwrap();
        assert!(!backup.media_included && backup.files.is_empty());
        assert_eq!(backup.listed_only, files);
    }

    #[test]
    fn each_kind_of_bad_file_gets_its_own_message() {
        let (cases, files) = sample();
        let good = backup_bytes(&cases, &files, true);
        assert_eq!(read(b"PK\x03\x04 a zip, not a backup").unwrap_err(), BackupError::NotABackup);
        assert_eq!(read(b"").unwrap_err(), BackupError::NotABackup);
        let mut newer = good.clone();
        newer[15] = b'2';
        assert_eq!(read(&newer).unwrap_err(), BackupError::NewerFormat);
        assert_eq!(read(&good[..good.len() - 1]).unwrap_err(), BackupError::Truncated, "a byte short of the last file");
        assert_eq!(read(&good[..40]).unwrap_err(), BackupError::Truncated, "cut inside the index");
        let mut longer = good.clone();
        longer.push(0);
        assert!(matches!(read(&longer).unwrap_err(), BackupError::Damaged(_)));
        let mut huge = good.clone();
        huge[16..24].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(matches!(read(&huge).unwrap_err(), BackupError::Damaged(_)), "no allocation of an impossible size");
        assert!(read(&good[..good.len() - 1]).unwrap_err().to_string().contains("Nothing was changed"));
    }

    #[test]
    fn a_record_that_fails_validation_is_named() {
        let (mut cases, _) = sample();
        cases[4].details.order_number = "  ".into();
        let error = read(&backup_bytes(&cases, &[], true)).unwrap_err();
        assert_eq!(
            error,
            BackupError::InvalidCase {
                index: 5,
                reason: "order-number: Enter the order number from your order page.".into()
            }
        );
        let (mut cases, _) = sample();
        cases[1].id = cases[0].id.clone();
        assert!(matches!(
            read(&backup_bytes(&cases, &[], true)).unwrap_err(),
            BackupError::InvalidCase { index: 2, .. }
        ));
    }

    #[test]
    fn files_must_be_where_and_whose_the_index_says() {
        let (cases, files) = sample();
        let orphan = [file("x", &CaseId::new("nobody"), 3)];
        let mut manifest = build_manifest(&cases, &files, true, now()).unwrap();
        manifest.files.push(FileEntry { item: orphan[0].clone(), offset: Some(15) });
        let mut bytes = encode_header(&manifest).unwrap();
        bytes.extend(std::iter::repeat_n(0u8, 18));
        assert!(read(&bytes).unwrap_err().to_string().contains("belongs to no case"));

        let mut manifest = build_manifest(&cases, &files, true, now()).unwrap();
        manifest.files[1].offset = Some(0);
        let mut bytes = encode_header(&manifest).unwrap();
        bytes.extend(std::iter::repeat_n(0u8, 18));
        assert!(read(&bytes).unwrap_err().to_string().contains("is not where the index says"));
    }

    #[test]
    fn a_restore_preview_and_merge_keep_the_newer_copy_of_each_case() {
        let (cases, files) = sample();
        let backup = read(&backup_bytes(&cases, &files, true)).unwrap();
        let mut here = vec![cases[0].clone(), cases[1].clone()];
        here[1].record_step(Event::DisputeOpened, today(), now() + chrono::Duration::hours(1));
        let files_here = vec![files[0].clone()];
        let preview = preview(&backup, &here, &files_here);
        assert_eq!(
            preview,
            RestorePreview { cases: 40, cases_already_here: 2, cases_newer_here: 1, files: 3, files_already_here: 1 }
        );
        let (to_write, files_to_write) = merge(&backup, &here, &files_here);
        assert_eq!(to_write.len(), 38, "the two cases here are not older than the backup's");
        assert!(to_write.iter().all(|case| case.id != cases[0].id && case.id != cases[1].id));
        assert_eq!(files_to_write.iter().map(|(item, ..)| item.id.as_str()).collect::<Vec<_>>(), ["f2", "f3"]);
    }

    #[test]
    fn the_reminder_comes_after_days_of_changes_without_a_backup() {
        let days = |d: i64| now() - chrono::Duration::days(d);
        assert!(!backup_due(None, None, now(), 7), "nothing to back up");
        assert!(!backup_due(None, Some(days(2)), now(), 7));
        assert!(backup_due(None, Some(days(8)), now(), 7));
        assert!(!backup_due(Some(days(1)), Some(days(9)), now(), 7), "backed up after the last change");
        assert!(backup_due(Some(days(10)), Some(days(1)), now(), 7));
        assert!(!backup_due(Some(days(3)), Some(days(1)), now(), 7));
    }

    #[test]
    fn old_case_records_inside_a_backup_are_upgraded() {
        let (cases, _) = sample();
        let mut manifest = build_manifest(&cases[..1], &[], true, now()).unwrap();
        let mut record = manifest.cases[0].clone();
        record["format"] = 1.into();
        record.as_object_mut().unwrap().remove("journal");
        record["status"] = "escalated".into();
        manifest.cases[0] = record;
        let backup = read(&encode_header(&manifest).unwrap()).unwrap();
        assert_eq!(backup.cases[0].status(), crate::domain::vocabulary::Status::Escalated);
    }
}
