//! The cases as the UI sees them: loaded once from storage, and changed only through
//! [`AppState::save`] and [`AppState::delete`], which write to storage first.

use std::collections::HashMap;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use chrono::{DateTime, Utc};

use crate::domain::case::{Case, CaseId};
use crate::domain::deadline::Chain;
use crate::domain::deadline_kind::DeadlineKind;
use crate::domain::evidence::EvidenceItem;
use crate::domain::i18n::tr;
use crate::domain::reminders::Reminder;
use crate::storage::{remember_whether_cases, CaseStore, DamagedRecord, LoadedCases, StorageError, SCHEMA};
use crate::ui::browser::mark;
use crate::ui::case_work::{load_case_work, CaseWork};
use crate::ui::host_site::use_host_marketplaces;
use crate::ui::language::with_whole_catalog;
use crate::ui::tab_sync::{TabSync, Written};
use crate::ui::use_now::use_minute;

/// The deadlines within 48 hours, for the app-wide banner and the app icon's badge: how many,
/// and the soonest of them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DueSoon {
    pub count: usize,
    pub soonest: Option<Soonest>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Soonest {
    pub deadline: DeadlineKind,
    pub case_title: String,
    pub due: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Loading {
    Pending,
    Ready,
    Failed(StorageError),
}

/// How often writing many cases reports its progress, in cases written.
const PROGRESS_STEP: usize = 100;

#[derive(Clone, Copy)]
pub struct AppState {
    pub cases: RwSignal<Vec<Case>>,
    /// Every case's deadline chain, in the cases' order: worked out once a minute, or when a case
    /// changes, and shared by the dashboard, the Upcoming page, the banner and the reminders.
    pub chains: Memo<Vec<Chain>>,
    /// Worked out from the chains once, for every view that shows it.
    pub due_soon: Memo<DueSoon>,
    /// Every file's metadata; the bytes are read from storage only when shown.
    pub evidence: RwSignal<Vec<EvidenceItem>>,
    pub damaged: RwSignal<Vec<DamagedRecord>>,
    /// Text shared into the app and sent to the new-case form's paste reader, taken once there.
    pub pending_paste: RwSignal<Option<String>>,
    pub loading: RwSignal<Loading>,
    /// What every view of a case needs, in a chunk of its own: there before any case is shown.
    pub work: RwSignal<Option<CaseWork>>,
    /// Another tab opened a newer version of the database: this one must reload.
    pub outdated: RwSignal<bool>,
    store: StoredValue<Option<Rc<CaseStore>>, LocalStorage>,
    tabs: TabSync,
}

impl AppState {
    /// Creates the state, starts loading the cases, and shares it with the components below.
    pub fn provide() -> Self {
        let cases = RwSignal::new(Vec::<Case>::new());
        let minute = use_minute();
        let host_marketplaces = use_host_marketplaces();
        let work = RwSignal::new(None::<CaseWork>);
        let schedules = Memo::new(move |_| {
            // The host's marketplace rules may arrive after the cases: their deadlines then change.
            host_marketplaces.track();
            match work.get() {
                Some(work) => cases.with(|cases| (work.schedules)(cases)),
                None => Vec::new(),
            }
        });
        let chains = Memo::new(move |_| match work.get() {
            Some(work) => schedules.with(|schedules| (work.chains)(schedules, minute.get())),
            None => Vec::new(),
        });
        let due_soon = Memo::new(move |_| match work.get() {
            Some(work) => cases.with(|cases| chains.with(|chains| (work.due_soon)(cases, chains, minute.get()))),
            None => DueSoon::default(),
        });
        let state = Self {
            cases,
            chains,
            due_soon,
            evidence: RwSignal::new(Vec::new()),
            damaged: RwSignal::new(Vec::new()),
            pending_paste: RwSignal::new(None),
            loading: RwSignal::new(Loading::Pending),
            work,
            outdated: RwSignal::new(false),
            store: StoredValue::new_local(None),
            tabs: TabSync::open(),
        };
        provide_context(state);
        let any_cases =
            Memo::new(move |_| (state.loading.get() == Loading::Ready).then(|| cases.with(|cases| !cases.is_empty())));
        Effect::new(move |_| any_cases.get().map(remember_whether_cases));
        state.listen();
        spawn_local(state.load());
        state
    }

    /// Follows the other tabs: each change they announce is read back from storage. The reading
    /// is in the cases chunk, which a change another tab made to a case needs anyway.
    fn listen(self) {
        self.tabs.listen(move |written| {
            spawn_local(async move {
                if let Ok(work) = self.case_work().await {
                    (work.follow_other_tab)(self, written).await;
                }
            });
        });
    }

    /// Reads back what another tab announced it wrote (see [`AppState::listen`]).
    pub async fn follow_other_tab(self, written: Written) {
        match written {
            Written::Case(id) => self.reread_case(id).await,
            Written::Evidence => self.reread_evidence().await,
            Written::Everything => self.load().await,
        }
    }

    async fn reread_case(self, id: CaseId) {
        let Ok(store) = self.store() else { return };
        let Ok(work) = self.case_work().await else { return };
        match store.get(work.records, &id).await {
            Ok(Some(case)) => self.show(case),
            Ok(None) => {
                self.cases.update(|cases| cases.retain(|case| case.id != id));
                self.evidence.update(|items| items.retain(|item| item.case_id != id));
            }
            Err(_) => {}
        }
    }

    async fn reread_evidence(self) {
        let Ok(store) = self.store() else { return };
        if let Ok(items) = store.load_evidence().await {
            self.evidence.set(items);
        }
    }

    pub fn expect() -> Self {
        expect_context::<Self>()
    }

    /// Writes a checked restore in one transaction, then reads everything back from storage.
    pub async fn restore(
        self,
        replace: bool,
        cases: &[&Case],
        files: &[(EvidenceItem, web_sys::Blob)],
    ) -> Result<(), StorageError> {
        let records = self.case_work().await?.records;
        self.store()?.restore(replace, records, cases, files).await?;
        self.tabs.announce(&Written::Everything);
        self.load().await;
        Ok(())
    }

    async fn load(self) {
        let outcome = async {
            let store = Rc::new(CaseStore::open(SCHEMA).await?);
            // A first visit has nothing stored: the chunk that reads cases comes with the first one.
            let work = match store.count().await? {
                0 => None,
                _ => Some(self.case_work().await?),
            };
            mark("dispute-desk:read-start");
            let (loaded, evidence) = match work {
                Some(work) => (work.read_cases)(Rc::clone(&store)).await?,
                // Files are kept with a case, so without cases there are none to read.
                None => (LoadedCases::default(), Vec::new()),
            };
            mark("dispute-desk:read-end");
            Ok::<_, StorageError>((store, loaded, evidence))
        }
        .await;
        match outcome {
            Ok((store, loaded, evidence)) => {
                let outdated = self.outdated;
                store.on_replaced(move || outdated.set(true));
                self.store.set_value(Some(store));
                self.cases.set(loaded.cases);
                self.evidence.set(evidence);
                self.damaged.set(loaded.damaged);
                self.loading.set(Loading::Ready);
                mark("dispute-desk:cases-loaded");
            }
            Err(error) => self.loading.set(Loading::Failed(error)),
        }
    }

    /// The chunk of what every view of a case needs, downloaded the first time, with the rest of
    /// the catalog: each way a case comes into `cases` waits for both first.
    pub async fn case_work(self) -> Result<CaseWork, StorageError> {
        if let Some(work) = self.work.get_untracked() {
            return Ok(work);
        }
        let work = with_whole_catalog(load_case_work()).await.map_err(|_| StorageError::NotDownloaded)?;
        self.work.set(Some(work));
        Ok(work)
    }

    fn store(self) -> Result<Rc<CaseStore>, StorageError> {
        if self.outdated.get_untracked() {
            return Err(StorageError::Outdated);
        }
        match self.store.get_value() {
            Some(store) => Ok(store),
            None => Err(match self.loading.get_untracked() {
                Loading::Failed(error) => error,
                _ => StorageError::Failed(tr("your cases are still loading").to_owned()),
            }),
        }
    }

    pub fn case(self, id: &CaseId) -> Option<Case> {
        self.cases.with(|cases| cases.iter().find(|case| &case.id == id).cloned())
    }

    /// The metadata of the files attached to the case `id`.
    pub fn case_evidence(self, id: &CaseId) -> Vec<EvidenceItem> {
        self.evidence.with(|all| all.iter().filter(|item| &item.case_id == id).cloned().collect())
    }

    /// Shows a case as stored: replaces this tab's copy, or adds it.
    fn show(self, case: Case) {
        self.cases.update(|cases| match cases.iter_mut().find(|stored| stored.id == case.id) {
            Some(stored) => *stored = case,
            None => cases.push(case),
        });
    }

    /// Writes the case, then shows it; on failure nothing on screen or in storage changes.
    pub async fn save(self, case: Case) -> Result<(), StorageError> {
        let records = self.case_work().await?.records;
        self.store()?.save(records, &case).await?;
        self.tabs.announce(&Written::Case(case.id.clone()));
        self.show(case);
        Ok(())
    }

    /// Writes many cases (an import, a change to a selection) in one transaction, then shows
    /// them all; on failure nothing changes.
    pub async fn save_many(self, cases: Vec<Case>, progress: impl FnMut(usize)) -> Result<(), StorageError> {
        let records = self.case_work().await?.records;
        self.store()?.save_all(records, &cases, PROGRESS_STEP, progress).await?;
        self.tabs.announce(&Written::Everything);
        self.cases.update(|shown| {
            let at: HashMap<CaseId, usize> = shown.iter().enumerate().map(|(at, case)| (case.id.clone(), at)).collect();
            for case in cases {
                match at.get(&case.id) {
                    Some(&index) => shown[index] = case,
                    None => shown.push(case),
                }
            }
        });
        Ok(())
    }

    /// Saves an edit begun from the case as it was (`started_from`); refused with
    /// [`StorageError::ChangedElsewhere`] when another tab saved the case in between.
    pub async fn save_edit(self, case: Case, started_from: Case) -> Result<(), StorageError> {
        let records = self.case_work().await?.records;
        self.store()?.save_edit(records, &case, &started_from).await?;
        self.tabs.announce(&Written::Case(case.id.clone()));
        self.show(case);
        Ok(())
    }

    /// Applies `change` to the stored case and saves it, stamped with `now`.
    pub async fn update(
        self,
        id: &CaseId,
        now: chrono::DateTime<chrono::Utc>,
        change: impl FnOnce(&mut Case),
    ) -> Result<(), StorageError> {
        let records = self.case_work().await?.records;
        let case = self.store()?.modify(records, id, now, change).await?;
        self.tabs.announce(&Written::Case(id.clone()));
        self.show(case);
        Ok(())
    }

    /// Writes the reminder schedule the service worker reads (src/ui/reminders.rs).
    pub async fn replace_reminders(self, schedule: &[Reminder]) -> Result<(), StorageError> {
        self.store()?.replace_reminders(schedule).await
    }

    /// Deletes a case and its files.
    pub async fn delete(self, id: CaseId) -> Result<(), StorageError> {
        self.store()?.delete(&id).await?;
        self.tabs.announce(&Written::Case(id.clone()));
        self.cases.update(|cases| cases.retain(|case| case.id != id));
        self.evidence.update(|items| items.retain(|item| item.case_id != id));
        Ok(())
    }

    pub async fn add_evidence(self, item: EvidenceItem, bytes: &web_sys::Blob) -> Result<(), StorageError> {
        self.store()?.add_evidence(&item, bytes).await?;
        self.tabs.announce(&Written::Evidence);
        self.evidence.update(|items| items.push(item));
        Ok(())
    }

    pub async fn update_evidence(self, item: EvidenceItem) -> Result<(), StorageError> {
        self.store()?.update_evidence(&item).await?;
        self.tabs.announce(&Written::Evidence);
        self.evidence.update(|items| {
            if let Some(stored) = items.iter_mut().find(|stored| stored.id == item.id) {
                *stored = item;
            }
        });
        Ok(())
    }

    pub async fn remove_evidence(self, id: String) -> Result<(), StorageError> {
        self.store()?.remove_evidence(&id).await?;
        self.tabs.announce(&Written::Evidence);
        self.evidence.update(|items| items.retain(|item| item.id != id));
        Ok(())
    }

    pub async fn evidence_bytes(self, id: &str) -> Result<Option<web_sys::Blob>, StorageError> {
        self.store()?.evidence_bytes(id).await
    }
}
