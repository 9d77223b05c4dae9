//! The stored form of a case: plain JSON with a format number, so records written by any older
//! version of the app can be read by this one. Storage and backups both go through here.
//!
//! To change the format: bump [`CURRENT_FORMAT`] and append one step to [`UPGRADES`] that turns a
//! record of the previous format into the new one. Existing steps are never edited, and the frozen
//! fixtures in the tests must keep loading.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

use super::case::Case;

pub const CURRENT_FORMAT: u32 = 1;

/// `UPGRADES[n - 1]` turns a format-`n` record into a format-`n + 1` record.
const UPGRADES: &[fn(Value) -> Result<Value, RecordError>] = &[];

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum RecordError {
    #[error("the record is not a JSON object with a format number")]
    NoFormat,
    #[error("the record was written by a newer version of Dispute Desk (format {0}); update the app to open it")]
    NewerFormat(u64),
    #[error("the record is damaged: {0}")]
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
    serde_json::from_value::<Envelope<Case>>(record)
        .map(|envelope| envelope.case)
        .map_err(|error| RecordError::Damaged(error.to_string()))
}

/// The id of a record, even a damaged one, so the app can name and remove it.
pub fn record_id(record: &Value) -> Option<&str> {
    record.get("id").and_then(Value::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{CaseDetails, CaseId, Event, OrderDates, PaymentMethod, Platform, Problem, Status};
    use crate::domain::money::Money;
    use crate::domain::rules::DeadlineKind;
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
        Case {
            id: CaseId::new("0d3c6a0e-5b1c-4a51-9a86-1f6f5d0c2e11"),
            details: CaseDetails {
                platform: Platform::AliExpress,
                order_number: "8123456789".into(),
                seller: "Best Store".into(),
                item: "Wireless earbuds".into(),
                amount: Some(Money { minor: 2499, currency: "EUR".into() }),
                payment_method: PaymentMethod::PayPal,
                dates: OrderDates { paid: day(10, 1), shipped: day(10, 3), ..OrderDates::default() },
                protection_ends: day(12, 2),
                problem: Problem::NotReceived,
                notes: "Tracking stuck since October <b>not bold</b>".into(),
            },
            status: Status::TalkingToSeller,
            progress: Default::default(),
            adjustments: Default::default(),
            created_at: at("2026-10-20T08:30:00Z"),
            updated_at: at("2026-10-21T09:00:00Z"),
        }
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

    #[test]
    fn recorded_steps_and_adjustments_round_trip() {
        let mut case = fixture_case();
        case.progress.insert(Event::DisputeOpened, NaiveDate::from_ymd_opt(2026, 10, 22).unwrap());
        case.adjustments.rule_days.insert("aliexpress.protection.after_shipment".into(), 75);
        case.adjustments.deadline_days.insert(DeadlineKind::Appeal, NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        let record = to_record(&case).unwrap();
        assert_eq!(record["progress"]["dispute_opened"], "2026-10-22");
        assert_eq!(record["adjustments"]["deadline_days"]["appeal"], "2026-11-30");
        assert_eq!(from_record(record), Ok(case));
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
