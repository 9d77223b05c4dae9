//! The few facts the app takes from the browser: the time, the buyer's time zone, fresh ids.

use chrono::{DateTime, Local, NaiveDate, Utc};

use crate::domain::case::CaseId;
use crate::domain::clock::today_in;

pub fn now_utc() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// The buyer's time zone: the browser's own.
pub fn buyer_zone() -> Local {
    Local
}

pub fn today() -> NaiveDate {
    today_in(now_utc(), &buyer_zone())
}

/// A random id. `getRandomValues` works everywhere, unlike `randomUUID`, which throws outside
/// secure contexts (a support team's plain-http intranet host).
pub fn new_case_id() -> CaseId {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|window| window.crypto().ok())
        .is_some_and(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        bytes.iter_mut().for_each(|byte| *byte = (js_sys::Math::random() * 256.0) as u8);
    }
    CaseId::from_random_bytes(bytes)
}

/// An instant in the buyer's zone, for people: "Mon 2 Nov 2026, 17:00".
pub fn local_time_text(instant: DateTime<Utc>) -> String {
    instant.with_timezone(&buyer_zone()).format("%a %-d %b %Y, %H:%M").to_string()
}
