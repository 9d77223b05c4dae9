//! The reminder schedule, kept where the service worker (public/sw.js) can read it while the app
//! is closed: one record per reminder, `{key, at, until, title, body, path, shown}`, times in
//! milliseconds since 1970. The service worker shows each due reminder and marks it `shown`; the
//! app rewrites the schedule whenever the cases change and carries that mark over, so a reminder
//! is shown once however often the schedule is rewritten.

use std::collections::HashSet;

use idb::TransactionMode;
use serde::{Deserialize, Serialize};
use serde_wasm_bindgen::Serializer;

use super::cases::{finish, CaseStore};
use super::database::REMINDERS_STORE;
use super::StorageError;
use crate::domain::reminders::Reminder;

/// One reminder as the service worker reads it.
#[derive(Serialize, Deserialize)]
struct StoredReminder {
    key: String,
    at: f64,
    until: f64,
    title: String,
    body: String,
    /// The case's address, relative to the app's own.
    path: String,
    shown: bool,
}

impl CaseStore {
    /// Replaces the schedule with `schedule` in one transaction; an empty one turns reminders off.
    pub async fn replace_reminders(&self, schedule: &[Reminder]) -> Result<(), StorageError> {
        let transaction = self.database.transaction(&[REMINDERS_STORE], TransactionMode::ReadWrite)?;
        let outcome = async {
            let store = transaction.object_store(REMINDERS_STORE)?;
            let shown: HashSet<String> = store
                .get_all(None, None)?
                .await?
                .into_iter()
                .filter_map(|record| serde_wasm_bindgen::from_value::<StoredReminder>(record).ok())
                .filter(|stored| stored.shown)
                .map(|stored| stored.key)
                .collect();
            store.clear()?.await?;
            for reminder in schedule {
                let stored = StoredReminder {
                    key: reminder.key.clone(),
                    at: reminder.at.timestamp_millis() as f64,
                    until: reminder.until.timestamp_millis() as f64,
                    title: reminder.title.clone(),
                    body: reminder.body.clone(),
                    path: format!("cases/{}", reminder.case),
                    shown: shown.contains(&reminder.key),
                };
                store.put(&stored.serialize(&Serializer::json_compatible())?, None)?.await?;
            }
            Ok(())
        }
        .await;
        finish(transaction, outcome).await
    }
}
