//! What the app needs only once the buyer has a case: reading and writing stored cases (and
//! checking the questions' answers that make the first one), the deadline engine behind every
//! countdown, the dashboard's list and its tools, a case page's name and clock, and the reminder
//! schedule. A first visit has no cases, so all of it arrives in one chunk of its own the moment
//! the first case is loaded or made; a buyer who has cases has been here before, and the service
//! worker has kept the chunk.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::domain::case::{Case, CaseId};
use crate::domain::clock::today_in;
use crate::domain::deadline::{chains_at, schedules, Chain, Schedule};
use crate::domain::evidence::EvidenceItem;
use crate::domain::form::CaseForm;
use crate::domain::overview::due_soon;
use crate::domain::record::{RecordCodec, JSON_RECORDS};
use crate::storage::{CaseStore, LoadedCases, StorageError};
use crate::ui::browser::{buyer_zone, measured};
use crate::ui::components::split_fn;
use crate::ui::pages::NotCreated;
use crate::ui::reminders::{keep_schedule, Reminders};
use crate::ui::state::{AppState, DueSoon, Soonest};
use crate::ui::tab_sync::Written;

/// Work the chunk finishes later, polled by the code that is always there.
pub type Pending<T> = Pin<Box<dyn Future<Output = T>>>;

/// Every stored case, and the metadata of every attached file.
pub type Stored = (LoadedCases, Vec<EvidenceItem>);

/// What is worked out from the cases, their chains and the time.
type FromChains<T> = fn(&[Case], &[Chain], DateTime<Utc>) -> T;

/// The chunk's entry points, handed to the code that is always there.
#[derive(Clone, Copy)]
pub struct CaseWork {
    /// How a case is stored and read back, for the storage layer.
    pub records: RecordCodec,
    /// Reads every stored case and its files' metadata.
    pub read_cases: fn(Rc<CaseStore>) -> Pending<Result<Stored, StorageError>>,
    /// Every case's deadlines as its record sets them, in the cases' order, in the buyer's time
    /// zone: worked out again only when the cases (or the host's rules) change.
    pub schedules: fn(&[Case]) -> Vec<Schedule>,
    /// Every case's deadline chain from its schedule at a moment: what the minute recomputes.
    pub chains: fn(&[Schedule], DateTime<Utc>) -> Vec<Chain>,
    pub due_soon: FromChains<DueSoon>,
    /// Keeps the reminder schedule in step with the cases (under the caller's owner).
    pub keep_reminders: fn(Reminders),
    /// The dashboard's list of cases, with its tools.
    pub case_list: fn() -> AnyView,
    /// The name and clock at the top of every part of a case.
    pub case_header: fn(Case) -> AnyView,
    /// The questions' answers checked and saved as a new case.
    pub create_case: fn(AppState, CaseForm) -> Pending<Result<CaseId, NotCreated>>,
    /// Reads back what another tab announced it wrote.
    pub follow_other_tab: fn(AppState, Written) -> Pending<()>,
}

// Downloads the chunk the first time; later calls have it at once.
split_fn!(
    cases,
    pub fn load_case_work() -> CaseWork {
        CaseWork {
            records: JSON_RECORDS,
            read_cases: |store| {
                Box::pin(async move { Ok((store.load_all(JSON_RECORDS).await?, store.load_evidence().await?)) })
            },
            schedules: |cases| measured("dispute-desk:schedules", || schedules(cases, &buyer_zone())),
            chains: |schedules, now| {
                let today = today_in(now, &buyer_zone());
                measured("dispute-desk:chains", || chains_at(schedules, today, now))
            },
            due_soon: due_soon_of,
            keep_reminders: keep_schedule,
            case_list: crate::ui::pages::case_list,
            case_header: crate::ui::pages::case::case_header,
            create_case: crate::ui::pages::create_case,
            follow_other_tab: |state, written| Box::pin(state.follow_other_tab(written)),
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
