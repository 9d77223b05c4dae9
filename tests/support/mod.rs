//! What the tests share: dates written briefly and a seeded generator of realistic cases. One
//! copy for every test: the library's own unit tests take it as `crate::support`, each file of
//! `tests/` as `mod support;`, the benchmark by its path. It is never part of the app.
// Each test file uses a part of it.
#![allow(dead_code)]

pub mod sample;

use chrono::{DateTime, NaiveDate, Utc};

/// A calendar day that exists.
pub fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_else(|| panic!("{year}-{month}-{day} is not a day"))
}

/// A moment written as RFC 3339 ("2026-11-21T09:00:00Z").
pub fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap_or_else(|error| panic!("{text}: {error}")).with_timezone(&Utc)
}
