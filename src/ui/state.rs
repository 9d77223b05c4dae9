//! The cases as the UI sees them: loaded once from storage, and changed only through
//! [`AppState::save`] and [`AppState::delete`], which write to storage first.

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::case::{Case, CaseId};
use crate::storage::{CaseStore, DamagedRecord, StorageError, SCHEMA};

#[derive(Clone, Debug, PartialEq)]
pub enum Loading {
    Pending,
    Ready,
    Failed(StorageError),
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub cases: RwSignal<Vec<Case>>,
    pub damaged: RwSignal<Vec<DamagedRecord>>,
    pub loading: RwSignal<Loading>,
    store: StoredValue<Option<Rc<CaseStore>>, LocalStorage>,
}

impl AppState {
    /// Creates the state, starts loading the cases, and shares it with the components below.
    pub fn provide() -> Self {
        let state = Self {
            cases: RwSignal::new(Vec::new()),
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

    async fn load(self) {
        let outcome = async {
            let store = CaseStore::open(SCHEMA).await?;
            let loaded = store.load_all().await?;
            Ok::<_, StorageError>((store, loaded))
        }
        .await;
        match outcome {
            Ok((store, loaded)) => {
                self.store.set_value(Some(Rc::new(store)));
                self.cases.set(loaded.cases);
                self.damaged.set(loaded.damaged);
                self.loading.set(Loading::Ready);
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

    pub async fn delete(self, id: CaseId) -> Result<(), StorageError> {
        self.store()?.delete(&id).await?;
        self.cases.update(|cases| cases.retain(|case| case.id != id));
        Ok(())
    }
}
