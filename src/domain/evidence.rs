//! Evidence: the files kept with a case, and the checklist of what wins its kind of dispute.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::advice::reason_advice;
use super::case::{Case, CaseId};
use super::clock::rfc3339;
use super::i18n::{number_text, trf};
use super::proof::Proof;

/// One file kept with a case. Its bytes are stored beside it, under the same id.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EvidenceItem {
    pub id: String,
    pub case_id: CaseId,
    pub name: String,
    /// The MIME type the browser gave the file.
    pub mime: String,
    pub size: u64,
    #[serde(with = "rfc3339")]
    pub added_at: DateTime<Utc>,
    #[serde(default)]
    pub caption: String,
    /// The checklist item this file proves.
    #[serde(default)]
    pub proves: Option<Proof>,
    /// SHA-256 of the bytes, lowercase hex.
    pub sha256: String,
}

/// What kind of file it is, for how to show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Image,
    Video,
    Pdf,
    Document,
}

/// The largest file kept: a long phone video, well under what browsers allow a site.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024 * 1024;
const MAX_NAME: usize = 255;
const MAX_CAPTION: usize = 1_000;

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum FileRejected {
    #[error("{}", trf("\"{name}\" is {size_mb} MB: files up to 1 GB can be kept. Trim the video, or keep it elsewhere and attach a screenshot of it.", &[("name", &.name), ("size_mb", &.size_mb)]))]
    TooLarge { name: String, size_mb: u64 },
    #[error("{}", trf("\"{detail}\" is empty.", &[("detail", &.0)]))]
    Empty(String),
    #[error("{}", trf("\"{detail}\" is not a photo, a video, a PDF or a document. Save it as one of those, then attach it.", &[("detail", &.0)]))]
    UnsupportedType(String),
    #[error("{}", trf("\"{name}\" is already attached to this case, as \"{existing}\".", &[("name", &.name), ("existing", &.existing)]))]
    Duplicate { name: String, existing: String },
    #[error("{}", trf("The caption is too long: at most {max_caption} characters.", &[("max_caption", &MAX_CAPTION)]))]
    CaptionTooLong,
}

const DOCUMENT_TYPES: &[&str] = &[
    "application/pdf",
    "text/plain",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.oasis.opendocument.text",
    "application/rtf",
];
const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "doc", "docx", "odt", "rtf"];

/// Whether a file can be kept, before a single byte of it is read.
pub fn check_file(name: &str, mime: &str, size: u64) -> Result<FileKind, FileRejected> {
    let shown = name.chars().take(MAX_NAME).collect::<String>();
    if size == 0 {
        return Err(FileRejected::Empty(shown));
    }
    if size > MAX_FILE_BYTES {
        return Err(FileRejected::TooLarge { name: shown, size_mb: size.div_ceil(1024 * 1024) });
    }
    file_kind(name, mime).ok_or(FileRejected::UnsupportedType(shown))
}

/// How to show a file: by its MIME type, or by its extension when the browser gave none.
pub fn file_kind(name: &str, mime: &str) -> Option<FileKind> {
    let mime = mime.to_ascii_lowercase();
    let extension = name.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).unwrap_or_default();
    if mime.starts_with("image/") || matches!(extension.as_str(), "jpg" | "jpeg" | "png" | "heic" | "webp") {
        Some(FileKind::Image)
    } else if mime.starts_with("video/") || matches!(extension.as_str(), "mp4" | "mov" | "webm") {
        Some(FileKind::Video)
    } else if mime == "application/pdf" || extension == "pdf" {
        Some(FileKind::Pdf)
    } else if DOCUMENT_TYPES.contains(&mime.as_str()) || DOCUMENT_EXTENSIONS.contains(&extension.as_str()) {
        Some(FileKind::Document)
    } else {
        None
    }
}

/// An item already on this case with the same bytes, so the same file is not kept twice.
pub fn duplicate_of<'a>(items: &'a [EvidenceItem], case_id: &CaseId, sha256: &str) -> Option<&'a EvidenceItem> {
    items.iter().find(|item| &item.case_id == case_id && item.sha256 == sha256)
}

pub fn check_caption(caption: &str) -> Result<(), FileRejected> {
    if caption.chars().count() > MAX_CAPTION {
        Err(FileRejected::CaptionTooLong)
    } else {
        Ok(())
    }
}

/// The evidence that wins this case's kind of dispute.
pub fn checklist(case: &Case) -> &'static [Proof] {
    reason_advice(case.details.platform, case.details.problem).evidence
}

/// Each checklist item with the files attached to it.
pub fn checklist_status<'a>(case: &Case, items: &'a [EvidenceItem]) -> Vec<(Proof, Vec<&'a EvidenceItem>)> {
    checklist(case)
        .iter()
        .map(|proof| {
            let files = items.iter().filter(|item| item.case_id == case.id && item.proves == Some(*proof)).collect();
            (*proof, files)
        })
        .collect()
}

/// The required checklist items no file proves yet.
pub fn missing(case: &Case, items: &[EvidenceItem]) -> Vec<Proof> {
    checklist_status(case, items)
        .into_iter()
        .filter(|(proof, files)| files.is_empty() && !proof.is_optional())
        .map(|(proof, _)| proof)
        .collect()
}

/// Bytes for people: "512 KB", "1.5 MB".
pub fn size_text(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let bytes_f = bytes as f64;
    if bytes_f < KB * KB {
        trf("{size} KB", &[("size", &number_text((bytes_f / KB).ceil(), 0))])
    } else if bytes_f < KB * KB * KB {
        trf("{size} MB", &[("size", &number_text(bytes_f / (KB * KB), 1))])
    } else {
        trf("{size} GB", &[("size", &number_text(bytes_f / (KB * KB * KB), 2))])
    }
}

/// Lowercase hex of a digest.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::CaseDetails;
    use crate::domain::vocabulary::Problem;

    fn case(problem: Problem) -> Case {
        let details = CaseDetails { order_number: "1".into(), problem, ..CaseDetails::default() };
        Case::new(CaseId::new("c"), details, DateTime::<Utc>::UNIX_EPOCH)
    }

    fn item(id: &str, proves: Option<Proof>, sha256: &str) -> EvidenceItem {
        EvidenceItem {
            id: id.into(),
            case_id: CaseId::new("c"),
            name: format!("{id}.jpg"),
            mime: "image/jpeg".into(),
            size: 1000,
            added_at: DateTime::<Utc>::UNIX_EPOCH,
            caption: String::new(),
            proves,
            sha256: sha256.into(),
        }
    }

    #[test]
    fn files_are_checked_before_they_are_read() {
        assert_eq!(check_file("a.jpg", "image/jpeg", 10), Ok(FileKind::Image));
        assert_eq!(check_file("clip.mov", "", 500 * 1024 * 1024), Ok(FileKind::Video), "500 MB videos are welcome");
        assert_eq!(check_file("letter.pdf", "application/pdf", 10), Ok(FileKind::Pdf));
        assert_eq!(check_file("notes.txt", "text/plain", 10), Ok(FileKind::Document));
        assert_eq!(check_file("scan.docx", "", 10), Ok(FileKind::Document));
        assert_eq!(check_file("empty.png", "image/png", 0), Err(FileRejected::Empty("empty.png".into())));
        assert_eq!(
            check_file("huge.mp4", "video/mp4", MAX_FILE_BYTES + 1),
            Err(FileRejected::TooLarge { name: "huge.mp4".into(), size_mb: 1025 })
        );
        assert_eq!(
            check_file("setup.exe", "application/x-msdownload", 10),
            Err(FileRejected::UnsupportedType("setup.exe".into()))
        );
        assert_eq!(check_file("page.html", "text/html", 10), Err(FileRejected::UnsupportedType("page.html".into())));
        assert!(check_file("huge.mp4", "video/mp4", MAX_FILE_BYTES + 1)
            .unwrap_err()
            .to_string()
            .contains("up to 1 GB"));
    }

    #[test]
    fn the_same_bytes_on_the_same_case_are_a_duplicate() {
        let items = [item("a", None, "abc")];
        assert_eq!(duplicate_of(&items, &CaseId::new("c"), "abc").map(|i| i.id.as_str()), Some("a"));
        assert_eq!(duplicate_of(&items, &CaseId::new("other"), "abc"), None);
        assert_eq!(duplicate_of(&items, &CaseId::new("c"), "abd"), None);
    }

    #[test]
    fn the_checklist_is_ticked_by_the_files_attached_to_it() {
        let case = case(Problem::NotReceived);
        assert_eq!(
            checklist(&case),
            [
                Proof::TrackingScreenshots,
                Proof::PostOfficeStatement,
                Proof::CustomsDocuments,
                Proof::PromisedDate,
                Proof::SellerChat
            ]
        );
        let items = [
            item("a", Some(Proof::TrackingScreenshots), "1"),
            item("b", Some(Proof::TrackingScreenshots), "2"),
            item("c", None, "3"),
        ];
        let status = checklist_status(&case, &items);
        assert_eq!(status[0].1.len(), 2);
        assert!(status[1].1.is_empty());
        assert_eq!(
            missing(&case, &items),
            [Proof::PostOfficeStatement, Proof::PromisedDate, Proof::SellerChat],
            "optional items are not missing"
        );
        assert_eq!(missing(&case, &[]).len(), 4);
    }

    #[test]
    fn every_problem_has_a_checklist_with_something_required() {
        for problem in Problem::ALL {
            let case = case(*problem);
            assert!(missing(&case, &[]).len() >= 2, "{problem:?}");
        }
    }

    #[test]
    fn sizes_and_digests_read_plainly() {
        assert_eq!(size_text(1), "1 KB");
        assert_eq!(size_text(512 * 1024), "512 KB");
        assert_eq!(size_text(1536 * 1024), "1.5 MB");
        assert_eq!(size_text(3 * 1024 * 1024 * 1024), "3.00 GB");
        assert_eq!(hex(&[0, 15, 255]), "000fff");
    }

    #[test]
    fn items_serialize_with_their_proof_key() {
        let json = serde_json::to_value(item("a", Some(Proof::SizeBesideRuler), "ff")).unwrap();
        assert_eq!(json["proves"], "size_ruler");
        assert_eq!(json["case_id"], "c");
    }
}
