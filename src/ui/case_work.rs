//! What the app needs only once the buyer has a case: reading and writing stored cases, the
//! deadline engine behind every countdown, the dashboard's list and its tools, a case page's name
//! and clock, and the reminder schedule. A first visit has no cases, so all of it arrives in one
//! chunk of its own the moment the first case is loaded or made; a buyer who has cases has been
//! here before, and the service worker has kept the chunk.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::domain::case::Case;
use crate::domain::deadline::{chains, Chain};
use crate::domain::overview::due_soon;
use crate::domain::record::{RecordCodec, JSON_RECORDS};
use crate::ui::browser::{buyer_zone, measured};
use crate::ui::components::split_fn;
use crate::ui::reminders::{keep_schedule, Reminders};
use crate::ui::state::{DueSoon, Soonest};

/// What is worked out from the cases, their chains and the time.
type FromChains<T> = fn(&[Case], &[Chain], DateTime<Utc>) -> T;

/// The chunk's entry points, handed to the code that is always there.
#[derive(Clone, Copy)]
pub struct CaseWork {
    /// How a case is stored and read back, for the storage layer.
    pub records: RecordCodec,
    /// Every case's deadline chain, in the cases' order, in the buyer's time zone.
    pub chains: fn(&[Case], DateTime<Utc>) -> Vec<Chain>,
    pub due_soon: FromChains<DueSoon>,
    /// Keeps the reminder schedule in step with the cases (under the caller's owner).
    pub keep_reminders: fn(Reminders),
    /// The dashboard's list of cases, with its tools.
    pub case_list: fn() -> AnyView,
    /// The name and clock at the top of every part of a case.
    pub case_header: fn(Case) -> AnyView,
}

// Downloads the chunk the first time; later calls have it at once.
split_fn!(
    cases,
    pub fn load_case_work() -> CaseWork {
        CaseWork {
            records: JSON_RECORDS,
            chains: |cases, now| measured("dispute-desk:chains", || chains(cases, &buyer_zone(), now)),
            due_soon: due_soon_of,
            keep_reminders: keep_schedule,
            case_list: crate::ui::pages::case_list,
            case_header: crate::ui::pages::case::case_header,
        }
    }
);

fn due_soon_of(cases: &[Case], chains: &[Chain], now: DateTime<Utc>) -> DueSoon {
    let items = due_soon(cases, chains, &buyer_zone(), now);
    let soonest = items.first().map(|item| Soonest {
        deadline: item.deadline.kind,
        case_title: item.case.title().to_owned(),
        due: item.deadline.due,
    });
    DueSoon { count: items.len(), soonest }
}
