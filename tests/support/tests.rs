//! The support's own tests, run once, with the library's unit tests (src/lib.rs).

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};

use crate::support::sample::sample_cases;
use crate::support::utc;
use dispute_desk::domain::vocabulary::{Platform, Problem, Status};

fn now() -> DateTime<Utc> {
    utc("2026-11-21T12:00:00Z")
}

#[test]
fn the_same_seed_gives_the_same_cases() {
    assert_eq!(sample_cases(50, 7, now()), sample_cases(50, 7, now()));
    assert_ne!(sample_cases(50, 7, now()), sample_cases(50, 8, now()));
}

#[test]
fn the_sample_covers_every_platform_status_and_problem_with_sane_dates() {
    let cases = sample_cases(2_000, 42, now());
    let platforms: HashSet<_> = cases.iter().map(|c| c.details.platform).collect();
    let statuses: HashSet<_> = cases.iter().map(|c| c.status()).collect();
    let problems: HashSet<_> = cases.iter().map(|c| c.details.problem).collect();
    assert_eq!(platforms.len(), Platform::ALL.len());
    assert_eq!(problems.len(), Problem::ALL.len());
    assert_eq!(statuses.len(), Status::ALL.len());
    let today = now().date_naive();
    for case in &cases {
        let dates = &case.details.dates;
        assert!(dates.paid.unwrap() <= today && dates.paid.unwrap() >= today - Duration::days(365));
        assert!(dates.shipped.is_none_or(|shipped| shipped >= dates.paid.unwrap()));
        assert!(case.progress().values().all(|day| *day <= today));
        assert!(case.created_at <= now());
    }
    for case in &cases {
        let form = dispute_desk::domain::form::CaseForm::from_details(&case.details);
        assert_eq!(form.validate(today).err(), None, "{}", case.id);
    }
    let ids: HashSet<_> = cases.iter().map(|c| c.id.clone()).collect();
    assert_eq!(ids.len(), cases.len());
}
