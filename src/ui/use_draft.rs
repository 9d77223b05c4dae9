//! Keeps a form's unsaved text as the buyer types: written a moment after the last keystroke,
//! and at once when the page is hidden or closed or the form goes away.

use std::time::Duration;

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::storage::drafts;

const QUIET: Duration = Duration::from_millis(400);

/// A form value that survives a closed tab until the form is saved.
pub struct Draft<T: Send + Sync + 'static> {
    pub value: RwSignal<T>,
    /// The value was brought back from an earlier visit.
    pub restored: bool,
    key: StoredValue<String>,
    initial: StoredValue<T>,
    /// The change waiting for the pause to end, if any: a timer only writes if its change is
    /// still the one waiting (timers are never cancelled, so a late one cannot write stale text).
    waiting: StoredValue<Option<u64>>,
}

impl<T: Send + Sync + 'static> Clone for Draft<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Draft<T> {}

impl<T> Draft<T>
where
    T: Serialize + Clone + PartialEq + Send + Sync + 'static,
{
    /// Takes the waiting change, if `change` (or any, for `None`) is still the one waiting.
    fn take_waiting(&self, change: Option<u64>) -> bool {
        self.waiting
            .try_update_value(|waiting| {
                let due = waiting.is_some() && (change.is_none() || *waiting == change);
                if due {
                    *waiting = None;
                }
                due
            })
            .unwrap_or(false)
    }

    /// Writes the waiting change now instead of after the pause.
    fn flush(&self) {
        if self.take_waiting(None) {
            if let Some(current) = self.value.try_get_untracked() {
                self.write(&current);
            }
        }
    }

    fn write(&self, current: &T) {
        let (Some(key), Some(unchanged)) =
            (self.key.try_get_value(), self.initial.try_with_value(|initial| initial == current))
        else {
            return;
        };
        if unchanged {
            drafts::forget(&key);
        } else {
            drafts::keep(&key, current);
        }
    }

    /// The value was saved for real (or thrown away): the kept copy is no longer needed.
    pub fn forget(&self) {
        self.take_waiting(None);
        if let Some(key) = self.key.try_get_value() {
            drafts::forget(&key);
        }
    }
}

/// A draft for the form under `key`, starting from the kept copy if there is one.
pub fn use_draft<T>(key: String, initial: T) -> Draft<T>
where
    T: Serialize + DeserializeOwned + Clone + PartialEq + Send + Sync + 'static,
{
    let kept: Option<T> = drafts::load(&key).filter(|kept| *kept != initial);
    let draft = Draft {
        restored: kept.is_some(),
        value: RwSignal::new(kept.unwrap_or_else(|| initial.clone())),
        key: StoredValue::new(key),
        initial: StoredValue::new(initial),
        waiting: StoredValue::new(None),
    };
    Effect::new(move |previous: Option<u64>| {
        let current = draft.value.get();
        let Some(previous) = previous else { return 0 };
        let change = previous + 1;
        draft.waiting.set_value(Some(change));
        set_timeout(
            move || {
                if draft.take_waiting(Some(change)) {
                    draft.write(&current);
                }
            },
            QUIET,
        );
        change
    });
    // Hidden, closing or navigating away: the last keystrokes cannot wait for the pause.
    let hidden = window_event_listener(leptos::ev::pagehide, move |_| draft.flush());
    let switched = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden()) {
            draft.flush();
        }
    });
    on_cleanup(move || {
        hidden.remove();
        switched.remove();
        draft.flush();
    });
    draft
}
