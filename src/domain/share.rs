//! A case handed to a helper in a link, with no server in between: the case travels in the
//! link's fragment (the part after `#`, which browsers never send to a server), compressed and
//! optionally encrypted with a passphrase.
//!
//! Fragment: `share=v1.p.<data>` (plain) or `share=v1.e.<data>` (encrypted), `<data>` in
//! unpadded base64url. Plain data is the case record (JSON) compressed with raw DEFLATE.
//! Encrypted data is a 16-byte salt, a 12-byte IV, the PBKDF2 iteration count (4 bytes, big
//! endian), then the AES-256-GCM ciphertext of the compressed record; the key comes from
//! PBKDF2-HMAC-SHA-256 over the passphrase with that salt and count.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::NaiveDate;
use thiserror::Error;

use super::i18n::{tr, trf};

use super::case::Case;
use super::form::CaseForm;
use super::record::{from_record, to_record};

pub const FRAGMENT_KEY: &str = "share=";
pub const PBKDF2_ITERATIONS: u32 = 600_000;
/// Longer links get cut by some chat apps and mail programs.
pub const LONG_LINK_CHARS: usize = 2_000;
/// Links far beyond any real case are refused before they are decoded.
pub const MAX_FRAGMENT_CHARS: usize = 512 * 1024;
/// The largest case record a link may unpack to.
pub const MAX_RECORD_BYTES: usize = 4 * 1024 * 1024;
/// A count above this would only be a way to freeze the page.
const MAX_ITERATIONS: u32 = 10_000_000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sealed {
    Plain(Vec<u8>),
    Encrypted { salt: [u8; 16], iv: [u8; 12], iterations: u32, ciphertext: Vec<u8> },
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ShareError {
    #[error("{}", tr("This link does not hold a Dispute Desk case. Ask for the link again, or for the case file."))]
    NotAShareLink,
    #[error("{}", tr("This link was made by a newer version of Dispute Desk. Reload the page to update the app."))]
    NewerVersion,
    #[error(
        "{}",
        tr("This link is damaged, perhaps cut short when it was sent. Ask for it again, or for the case file.")
    )]
    Damaged,
    #[error("{}", tr("That passphrase does not open this link. Check it with the person who sent it."))]
    WrongPassphrase,
    #[error("{}", trf("The case in this link is not valid ({detail}).", &[("detail", &.0)]))]
    InvalidCase(String),
}

/// The fragment's value, after `share=`.
pub fn encode(sealed: &Sealed) -> String {
    match sealed {
        Sealed::Plain(data) => format!("v1.p.{}", URL_SAFE_NO_PAD.encode(data)),
        Sealed::Encrypted { salt, iv, iterations, ciphertext } => {
            let mut data = Vec::with_capacity(32 + ciphertext.len());
            data.extend_from_slice(salt);
            data.extend_from_slice(iv);
            data.extend_from_slice(&iterations.to_be_bytes());
            data.extend_from_slice(ciphertext);
            format!("v1.e.{}", URL_SAFE_NO_PAD.encode(data))
        }
    }
}

/// Reads a whole location hash (`#share=...`) or just its value.
pub fn decode(fragment: &str) -> Result<Sealed, ShareError> {
    let value = fragment.trim_start_matches('#');
    let value = value.strip_prefix(FRAGMENT_KEY).unwrap_or(value);
    if value.len() > MAX_FRAGMENT_CHARS {
        return Err(ShareError::Damaged);
    }
    let mut parts = value.splitn(3, '.');
    let (version, kind, data) = (parts.next(), parts.next(), parts.next());
    match version {
        Some("v1") => {}
        Some(version) if version.starts_with('v') && version[1..].parse::<u32>().is_ok() => {
            return Err(ShareError::NewerVersion)
        }
        _ => return Err(ShareError::NotAShareLink),
    }
    let data = URL_SAFE_NO_PAD.decode(data.ok_or(ShareError::Damaged)?).map_err(|_| ShareError::Damaged)?;
    match kind {
        Some("p") => Ok(Sealed::Plain(data)),
        Some("e") if data.len() > 32 => {
            let (salt, rest) = data.split_at(16);
            let (iv, rest) = rest.split_at(12);
            let (count, ciphertext) = rest.split_at(4);
            let iterations = u32::from_be_bytes(count.try_into().map_err(|_| ShareError::Damaged)?);
            if iterations == 0 || iterations > MAX_ITERATIONS {
                return Err(ShareError::Damaged);
            }
            Ok(Sealed::Encrypted {
                salt: salt.try_into().map_err(|_| ShareError::Damaged)?,
                iv: iv.try_into().map_err(|_| ShareError::Damaged)?,
                iterations,
                ciphertext: ciphertext.to_vec(),
            })
        }
        Some("e") => Err(ShareError::Damaged),
        _ => Err(ShareError::NotAShareLink),
    }
}

/// The case as the bytes a link carries (before compression): its stored record.
pub fn case_bytes(case: &Case) -> Result<Vec<u8>, ShareError> {
    let record = to_record(case).map_err(|error| ShareError::InvalidCase(error.to_string()))?;
    serde_json::to_vec(&record).map_err(|error| ShareError::InvalidCase(error.to_string()))
}

/// The case a link carried, checked like any case the buyer enters.
pub fn case_from_bytes(bytes: &[u8], today: NaiveDate) -> Result<Case, ShareError> {
    let record: serde_json::Value = serde_json::from_slice(bytes).map_err(|_| ShareError::Damaged)?;
    let case = from_record(record).map_err(|error| ShareError::InvalidCase(error.to_string()))?;
    if let Err(errors) = CaseForm::from_details(&case.details).validate(today) {
        return Err(ShareError::InvalidCase(format!("{}: {}", errors[0].field.key(), errors[0].problem)));
    }
    Ok(case)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::sample::sample_cases;
    use chrono::{DateTime, Utc};

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-21T12:00:00Z").unwrap().with_timezone(&Utc)
    }

    #[test]
    fn both_kinds_of_link_round_trip() {
        let plain = Sealed::Plain(b"compressed bytes".to_vec());
        let fragment = encode(&plain);
        assert!(fragment.starts_with("v1.p."));
        assert!(
            fragment.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)),
            "safe in a URL: {fragment}"
        );
        assert_eq!(decode(&format!("#share={fragment}")), Ok(plain));
        let sealed =
            Sealed::Encrypted { salt: [1; 16], iv: [2; 12], iterations: PBKDF2_ITERATIONS, ciphertext: vec![3; 40] };
        assert_eq!(decode(&encode(&sealed)), Ok(sealed));
    }

    #[test]
    fn bad_links_get_a_reason() {
        assert_eq!(decode("#somewhere-else"), Err(ShareError::NotAShareLink));
        assert_eq!(decode("share=v2.p.AAAA"), Err(ShareError::NewerVersion));
        assert_eq!(decode("share=v1.p.***"), Err(ShareError::Damaged));
        assert_eq!(decode("share=v1.p"), Err(ShareError::Damaged));
        assert_eq!(decode("share=v1.e.AAAA"), Err(ShareError::Damaged), "too short to hold salt and IV");
        let huge = Sealed::Encrypted { salt: [0; 16], iv: [0; 12], iterations: u32::MAX, ciphertext: vec![0; 20] };
        assert_eq!(decode(&encode(&huge)), Err(ShareError::Damaged), "no page-freezing iteration counts");
        assert_eq!(decode(&format!("share=v1.p.{}", "A".repeat(MAX_FRAGMENT_CHARS))), Err(ShareError::Damaged));
    }

    #[test]
    fn a_case_travels_whole_and_is_checked_on_arrival() {
        let case = sample_cases(30, 5, now()).into_iter().max_by_key(|case| case.journal().entries().len()).unwrap();
        assert!(!case.journal().is_empty());
        let bytes = case_bytes(&case).unwrap();
        assert_eq!(case_from_bytes(&bytes, now().date_naive()), Ok(case.clone()));
        let mut broken = case;
        broken.details.order_number = String::new();
        let bytes = case_bytes(&broken).unwrap();
        assert!(matches!(case_from_bytes(&bytes, now().date_naive()), Err(ShareError::InvalidCase(_))));
        assert_eq!(case_from_bytes(b"{not json", now().date_naive()), Err(ShareError::Damaged));
    }
}
