//! The cases as the UI sees them: loaded once from storage, and changed only through
//! [`AppState::save`] and [`AppState::delete`], which write to storage first.

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::case::{Case, CaseId};
use crate::domain::evidence::EvidenceItem;
use crate::storage::{CaseStore, DamagedRecord, StorageError, SCHEMA};
use crate::ui::browser::mark;

#[derive(Clone, Debug, PartialEq)]
pub enum Loading {
    Pending,
    Ready,
    Failed(StorageError),
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub cases: RwSignal<Vec<Case>>,
    /// Every file's metadata; the bytes are read from storage only when shown.
    pub evidence: RwSignal<Vec<EvidenceItem>>,
    pub damaged: RwSignal<Vec<DamagedRecord>>,
    pub loading: RwSignal<Loading>,
    store: StoredValue<Option<Rc<CaseStore>>, LocalStorage>,
}

impl AppState {
    /// Creates the state, starts loading the cases, and shares it with the components below.
    pub fn provide() -> Self {
        let state = Self {
            cases: RwSignal::new(Vec::new()),
            evidence: RwSignal::new(Vec::new()),
            damaged: RwSignal::new(Vec::new()),
            loading: RwSignal::new(Loading::Pending),
            store: StoredValue::new_local(None),
        };
        provide_context(state);
        spawn_local(state.load());
        state
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
        self.store()?.restore(replace, cases, files).await?;
        self.load().await;
        Ok(())
    }

    async fn load(self) {
        let outcome = async {
            let store = CaseStore::open(SCHEMA).await?;
            mark("dispute-desk:read-start");
            let loaded = store.load_all().await?;
            let evidence = store.load_evidence().await?;
            mark("dispute-desk:read-end");
            Ok::<_, StorageError>((store, loaded, evidence))
        }
        .await;
        match outcome {
            Ok((store, loaded, evidence)) => {
                self.store.set_value(Some(Rc::new(store)));
                self.cases.set(loaded.cases);
                self.evidence.set(evidence);
                self.damaged.set(loaded.damaged);
                self.loading.set(Loading::Ready);
                mark("dispute-desk:cases-loaded");
            }
            Err(error) => self.loading.set(Loading::Failed(error)),
        }
    }

    fn store(self) -> Result<Rc<CaseStore>, StorageError> {
        match self.store.get_value() {
            Some(store) => Ok(store),
            None => Err(match self.loading.get_untracked() {
                Loading::Failed(error) => error,
                _ => StorageError::Failed("your cases are still loading".into()),
            }),
        }
    }

    pub fn case(self, id: &CaseId) -> Option<Case> {
        self.cases.with(|cases| cases.iter().find(|case| &case.id == id).cloned())
    }

    /// Writes the case, then shows it; on failure nothing on screen or in storage changes.
    pub async fn save(self, case: Case) -> Result<(), StorageError> {
        self.store()?.save(&case).await?;
        self.cases.update(|cases| match cases.iter_mut().find(|stored| stored.id == case.id) {
            Some(stored) => *stored = case,
            None => cases.push(case),
        });
        Ok(())
    }

    /// Applies `change` to the stored case and saves it, stamped with `now`.
    pub async fn update(
        self,
        id: &CaseId,
        now: chrono::DateTime<chrono::Utc>,
        change: impl FnOnce(&mut Case),
    ) -> Result<(), StorageError> {
        let mut case = self.case(id).ok_or_else(|| StorageError::Failed("that case is no longer here".into()))?;
        change(&mut case);
        case.updated_at = now;
        self.save(case).await
    }

    /// Deletes a case and its files.
    pub async fn delete(self, id: CaseId) -> Result<(), StorageError> {
        self.store()?.delete(&id).await?;
        self.cases.update(|cases| cases.retain(|case| case.id != id));
        self.evidence.update(|items| items.retain(|item| item.case_id != id));
        Ok(())
    }

    pub async fn add_evidence(self, item: EvidenceItem, bytes: &web_sys::Blob) -> Result<(), StorageError> {
        self.store()?.add_evidence(&item, bytes).await?;
        self.evidence.update(|items| items.push(item));
        Ok(())
    }

    pub async fn update_evidence(self, item: EvidenceItem) -> Result<(), StorageError> {
        self.store()?.update_evidence(&item).await?;
        self.evidence.update(|items| {
            if let Some(stored) = items.iter_mut().find(|stored| stored.id == item.id) {
                *stored = item;
            }
        });
        Ok(())
    }

    pub async fn remove_evidence(self, id: String) -> Result<(), StorageError> {
        self.store()?.remove_evidence(&id).await?;
        self.evidence.update(|items| items.retain(|item| item.id != id));
        Ok(())
    }

    pub async fn evidence_bytes(self, id: &str) -> Result<Option<web_sys::Blob>, StorageError> {
        self.store()?.evidence_bytes(id).await
    }
}
