//! The stored form of a case: plain JSON with a format number, so records written by any older
//! version of the app can be read by this one. Storage and backups both go through here.
//!
//! To change the format: bump [`CURRENT_FORMAT`] and append one step to [`UPGRADES`] that turns a
//! record of the previous format into the new one. Existing steps are never edited, and the frozen
//! fixtures in the tests must keep loading.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

use super::i18n::{tr, trf};

use super::case::Case;

pub const CURRENT_FORMAT: u32 = 2;

/// Turns a record of one format into the next format's.
type Upgrade = fn(Value) -> Result<Value, RecordError>;

/// `UPGRADES[n - 1]` turns a format-`n` record into a format-`n + 1` record.
const UPGRADES: &[Upgrade] = &[format_1_to_2];

/// Format 2 keeps a journal instead of a status and a map of step days: each step becomes a
/// step entry, and a status the steps do not explain becomes a status entry after them.
fn format_1_to_2(mut record: Value) -> Result<Value, RecordError> {
    let damaged = |what: &str| RecordError::Damaged(format!("format 1 record: {what}"));
    let object = record.as_object_mut().ok_or_else(|| damaged("not an object"))?;
    let updated_at =
        object.get("updated_at").and_then(Value::as_str).ok_or_else(|| damaged("no updated_at"))?.to_owned();
    let updated_day = updated_at.get(..10).ok_or_else(|| damaged("updated_at is not a date"))?.to_owned();
    let mut steps: Vec<(String, String)> = match object.remove("progress") {
        Some(Value::Object(progress)) => progress
            .into_iter()
            .map(|(event, day)| {
                day.as_str().map(|day| (day.to_owned(), event)).ok_or_else(|| damaged("a step without a day"))
            })
            .collect::<Result<_, _>>()?,
        None | Some(Value::Null) => Vec::new(),
        Some(_) => return Err(damaged("progress is not a map")),
    };
    steps.sort();
    let mut journal: Vec<Value> = steps
        .into_iter()
        .map(|(day, event)| serde_json::json!({"on": day, "entry": {"type": "step", "event": event}}))
        .collect();
    match object.remove("status") {
        Some(Value::String(status)) if status != "new" => journal.push(serde_json::json!({
            "on": updated_day, "entry": {"type": "status", "to": status}
        })),
        Some(Value::String(_)) | None => {}
        Some(_) => return Err(damaged("status is not a name")),
    }
    for (index, entry) in journal.iter_mut().enumerate() {
        entry["id"] = (index + 1).into();
        entry["recorded_at"] = updated_at.clone().into();
    }
    object.insert("journal".into(), Value::Array(journal));
    object.insert("format".into(), 2.into());
    Ok(record)
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum RecordError {
    #[error("{}", tr("the record is not a JSON object with a format number"))]
    NoFormat,
    #[error("{}", trf("the record was written by a newer version of Dispute Desk (format {detail}); update the app to open it", &[("detail", &.0)]))]
    NewerFormat(u64),
    #[error("{}", trf("the record is damaged: {detail}", &[("detail", &.0)]))]
    Damaged(String),
}

#[derive(Serialize, Deserialize)]
struct Envelope<T> {
    format: u32,
    #[serde(flatten)]
    case: T,
}

/// The case as a JSON object with `format` and the case's fields at the top level (`id` is the key).
pub fn to_record(case: &Case) -> Result<Value, RecordError> {
    serde_json::to_value(Envelope { format: CURRENT_FORMAT, case })
        .map_err(|error| RecordError::Damaged(error.to_string()))
}

/// Reads a record of any format this version knows, upgrading it step by step.
pub fn from_record(mut record: Value) -> Result<Case, RecordError> {
    let format = record.get("format").and_then(Value::as_u64).ok_or(RecordError::NoFormat)?;
    if format == 0 {
        return Err(RecordError::NoFormat);
    }
    if format > u64::from(CURRENT_FORMAT) {
        return Err(RecordError::NewerFormat(format));
    }
    for upgrade in &UPGRADES[(format - 1) as usize..] {
        record = upgrade(record)?;
    }
    let mut case = serde_json::from_value::<Envelope<Case>>(record)
        .map(|envelope| envelope.case)
        .map_err(|error| RecordError::Damaged(error.to_string()))?;
    case.refresh();
    Ok(case)
}

/// A record read: the case, or why not with the record's id when it has one.
pub type RecordRead = Result<Case, (Option<String>, RecordError)>;

/// Reads a record from its JSON text. A current-format record is parsed straight into a case
/// (no intermediate JSON tree: the common case, and the one that decides how fast 10,000 cases
/// load); an older one goes through [`from_record`] and its upgrades. On failure, also the id if
/// the text has one.
pub fn from_record_text(text: &str) -> RecordRead {
    // What this version writes starts with its format; the case's fields follow, and a case
    // ignores the `format` key. Read so, the record needs no intermediate tree at all (the
    // envelope's flattening would buffer the whole case first).
    let written_by_this_version = text
        .strip_prefix("{\"format\":")
        .and_then(|rest| rest.split_once(','))
        .is_some_and(|(format, _)| format.parse() == Ok(CURRENT_FORMAT));
    if let Some(Ok(mut parsed)) = written_by_this_version.then(|| serde_json::from_str::<Case>(text)) {
        parsed.refresh();
        return Ok(parsed);
    }
    let record: Value = serde_json::from_str(text).map_err(|error| (None, RecordError::Damaged(error.to_string())))?;
    let id = record_id(&record).map(str::to_owned);
    from_record(record).map_err(|error| (id, error))
}

/// The record as JSON text, the form it is stored in.
pub fn to_record_text(case: &Case) -> Result<String, RecordError> {
    serde_json::to_string(&Envelope { format: CURRENT_FORMAT, case })
        .map_err(|error| RecordError::Damaged(error.to_string()))
}

/// How a case becomes the text it is stored as, and back. The storage layer takes it from its
/// caller rather than calling this module itself, so the app can keep the (de)serialising code out
/// of its first download (src/ui/case_work.rs): a first visit has nothing stored.
#[derive(Clone, Copy)]
pub struct RecordCodec {
    pub read: fn(&str) -> RecordRead,
    pub write: fn(&Case) -> Result<String, RecordError>,
}

/// This module's record text: [`to_record_text`] and [`from_record_text`].
pub const JSON_RECORDS: RecordCodec = RecordCodec { read: from_record_text, write: to_record_text };

/// The id of a record, even a damaged one, so the app can name and remove it.
pub fn record_id(record: &Value) -> Option<&str> {
    record.get("id").and_then(Value::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{CaseDetails, CaseId, OrderDates};
    use crate::domain::deadline_kind::DeadlineKind;
    use crate::domain::journal::Entry;
    use crate::domain::money::Money;
    use crate::domain::vocabulary::{Event, PaymentMethod, Status};
    use chrono::{DateTime, NaiveDate, Utc};

    /// A format-1 record exactly as version 0.1 stored it. Never edit: add a new fixture per format.
    const FORMAT_1_FIXTURE: &str = r#"{
        "format": 1,
        "id": "0d3c6a0e-5b1c-4a51-9a86-1f6f5d0c2e11",
        "details": {
            "platform": "aliexpress",
            "order_number": "8123456789",
            "seller": "Best Store",
            "item": "Wireless earbuds",
            "amount": {"minor": 2499, "currency": "EUR"},
            "payment_method": "paypal",
            "dates": {"paid": "2026-10-01", "shipped": "2026-10-03", "promised_delivery": null,
                      "delivered": null, "receipt_confirmed": null},
            "protection_ends": "2026-12-02",
            "problem": "not_received",
            "notes": "Tracking stuck since October <b>not bold</b>"
        },
        "status": "talking_to_seller",
        "created_at": "2026-10-20T08:30:00Z",
        "updated_at": "2026-10-21T09:00:00Z"
    }"#;

    fn fixture_case() -> Case {
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d);
        let at = |s| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        let details = CaseDetails {
            order_number: "8123456789".into(),
            seller: "Best Store".into(),
            item: "Wireless earbuds".into(),
            amount: Some(Money { minor: 2499, currency: "EUR".into() }),
            payment_method: PaymentMethod::PayPal,
            dates: OrderDates { paid: day(10, 1), shipped: day(10, 3), ..OrderDates::default() },
            protection_ends: day(12, 2),
            notes: "Tracking stuck since October <b>not bold</b>".into(),
            ..CaseDetails::default()
        };
        let mut case =
            Case::new(CaseId::new("0d3c6a0e-5b1c-4a51-9a86-1f6f5d0c2e11"), details, at("2026-10-20T08:30:00Z"));
        // Format 1 stored the status; format 2 has it as a journal entry on the day of the last change.
        case.record(day(10, 21).unwrap(), Entry::Status { to: Status::TalkingToSeller }, at("2026-10-21T09:00:00Z"))
            .unwrap();
        case
    }

    #[test]
    fn a_record_this_version_wrote_reads_back_whichever_way_its_keys_come() {
        let case = fixture_case();
        let text = to_record_text(&case).unwrap();
        assert!(text.starts_with(&format!("{{\"format\":{CURRENT_FORMAT},")), "{text}");
        assert_eq!(from_record_text(&text), Ok(case.clone()));
        // Another writer may put the format elsewhere, or spaces after it: the same case.
        let without = text.replacen(&format!("\"format\":{CURRENT_FORMAT},"), "", 1);
        let moved = format!("{},\"format\": {CURRENT_FORMAT}}}", without.strip_suffix('}').unwrap_or(&without));
        assert!(!moved.starts_with("{\"format\""), "{moved}");
        assert_eq!(from_record_text(&moved), Ok(case));
        // A record that says it is from a newer app is refused, never read as this version's.
        let newer =
            text.replacen(&format!("\"format\":{CURRENT_FORMAT},"), &format!("\"format\":{},", CURRENT_FORMAT + 1), 1);
        assert!(matches!(from_record_text(&newer), Err((Some(_), RecordError::NewerFormat(_)))));
    }

    #[test]
    fn the_frozen_format_1_record_still_loads() {
        let record: Value = serde_json::from_str(FORMAT_1_FIXTURE).unwrap();
        assert_eq!(from_record(record), Ok(fixture_case()));
    }

    #[test]
    fn records_round_trip_and_carry_their_id_and_format_at_the_top() {
        let record = to_record(&fixture_case()).unwrap();
        assert_eq!(record["format"], CURRENT_FORMAT);
        assert_eq!(record_id(&record), Some("0d3c6a0e-5b1c-4a51-9a86-1f6f5d0c2e11"));
        assert_eq!(from_record(record), Ok(fixture_case()));
    }

    /// A format-1 record with recorded steps, as the first deadline version stored it.
    const FORMAT_1_WITH_STEPS: &str = r#"{
        "format": 1,
        "id": "c2",
        "details": {"platform": "alibaba_ta", "order_number": "TA-9", "seller": "", "item": "",
                    "amount": null, "payment_method": "card",
                    "dates": {"paid": "2026-09-01", "shipped": null, "promised_delivery": null,
                              "delivered": "2026-09-20", "receipt_confirmed": null},
                    "protection_ends": null, "problem": "wrong_item", "notes": ""},
        "status": "escalated",
        "progress": {"escalated": "2026-09-28", "dispute_opened": "2026-09-22"},
        "adjustments": {"rule_days": {"alibaba.supplier_response": 4}, "deadline_days": {}},
        "created_at": "2026-09-21T10:00:00Z",
        "updated_at": "2026-09-28T11:00:00Z"
    }"#;

    #[test]
    fn format_1_steps_and_status_become_journal_entries() {
        let case = from_record(serde_json::from_str(FORMAT_1_WITH_STEPS).unwrap()).unwrap();
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert_eq!(case.date_of(Event::DisputeOpened), Some(day(9, 22)));
        assert_eq!(case.date_of(Event::Escalated), Some(day(9, 28)));
        assert_eq!(case.status(), Status::Escalated);
        let summaries: Vec<String> = case.journal().entries().iter().map(|e| e.entry.summary()).collect();
        assert_eq!(
            summaries,
            ["Dispute opened", "Escalated to the platform", "Status set to \"Escalated to the platform\""]
        );
        assert_eq!(case.adjustments.rule_days.get("alibaba.supplier_response"), Some(&4));
        // Upgraded once, it round-trips in the current format.
        let record = to_record(&case).unwrap();
        assert_eq!(record["format"], CURRENT_FORMAT);
        assert!(record.get("progress").is_none() && record.get("status").is_none(), "derived values are not stored");
        assert_eq!(from_record(record), Ok(case));
    }

    #[test]
    fn a_damaged_format_1_record_is_an_error() {
        let mut record: Value = serde_json::from_str(FORMAT_1_WITH_STEPS).unwrap();
        record["progress"] = "yesterday".into();
        assert!(matches!(from_record(record), Err(RecordError::Damaged(_))));
    }

    #[test]
    fn recorded_steps_and_adjustments_round_trip() {
        let mut case = fixture_case();
        case.record_step(Event::DisputeOpened, NaiveDate::from_ymd_opt(2026, 10, 22).unwrap(), case.updated_at);
        case.adjustments.rule_days.insert("aliexpress.protection.after_shipment".into(), 75);
        case.adjustments.deadline_days.insert(DeadlineKind::Appeal, NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        let record = to_record(&case).unwrap();
        assert_eq!(record["journal"][1]["entry"]["event"], "dispute_opened");
        assert_eq!(record["adjustments"]["deadline_days"]["appeal"], "2026-11-30");
        assert_eq!(from_record(record), Ok(case));
    }

    #[test]
    fn records_read_from_text_match_records_read_from_values_in_every_format() {
        let current = to_record_text(&fixture_case()).unwrap();
        assert_eq!(from_record_text(&current), Ok(fixture_case()));
        assert_eq!(from_record_text(FORMAT_1_FIXTURE), Ok(fixture_case()), "an old format takes the upgrade path");
        let upgraded = from_record(serde_json::from_str(FORMAT_1_WITH_STEPS).unwrap()).unwrap();
        assert_eq!(from_record_text(FORMAT_1_WITH_STEPS), Ok(upgraded));
        assert_eq!(
            from_record_text("{\"id\": \"x\", \"format\": 99}"),
            Err((Some("x".into()), RecordError::NewerFormat(99)))
        );
        assert!(matches!(from_record_text("{not json"), Err((None, RecordError::Damaged(_)))));
        let mut damaged: Value = serde_json::from_str(&current).unwrap();
        damaged["status"] = Value::Null;
        damaged["details"]["platform"] = "ebay".into();
        let (id, error) = from_record_text(&damaged.to_string()).unwrap_err();
        assert_eq!(id.as_deref(), Some("0d3c6a0e-5b1c-4a51-9a86-1f6f5d0c2e11"));
        assert!(matches!(error, RecordError::Damaged(_)));
    }

    #[test]
    fn a_record_from_a_newer_app_is_refused_with_a_reason() {
        let mut record = to_record(&fixture_case()).unwrap();
        record["format"] = (CURRENT_FORMAT + 1).into();
        assert_eq!(from_record(record), Err(RecordError::NewerFormat(u64::from(CURRENT_FORMAT) + 1)));
    }

    #[test]
    fn damaged_records_are_errors_not_panics() {
        assert_eq!(from_record(Value::Null), Err(RecordError::NoFormat));
        assert_eq!(from_record(serde_json::json!({"format": 0})), Err(RecordError::NoFormat));
        assert_eq!(from_record(serde_json::json!({"format": "1"})), Err(RecordError::NoFormat));
        let mut record = to_record(&fixture_case()).unwrap();
        record["details"]["platform"] = "ebay".into();
        assert!(matches!(from_record(record.clone()), Err(RecordError::Damaged(_))));
        assert_eq!(record_id(&record), Some("0d3c6a0e-5b1c-4a51-9a86-1f6f5d0c2e11"));
        record["status"] = Value::Null;
        record["created_at"] = "yesterday".into();
        assert!(matches!(from_record(record), Err(RecordError::Damaged(_))));
    }
}
