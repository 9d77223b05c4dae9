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
    pending: StoredValue<Option<TimeoutHandle>, LocalStorage>,
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
    /// Writes what is pending now instead of after the pause.
    fn flush(&self) {
        if let Some(handle) = self.pending.try_update_value(Option::take).flatten() {
            handle.clear();
            self.write(&self.value.get_untracked());
        }
    }

    fn write(&self, current: &T) {
        let key = self.key.get_value();
        if self.initial.with_value(|initial| initial == current) {
            drafts::forget(&key);
        } else {
            drafts::keep(&key, current);
        }
    }

    /// The value was saved for real (or thrown away): the kept copy is no longer needed.
    pub fn forget(&self) {
        if let Some(handle) = self.pending.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        drafts::forget(&self.key.get_value());
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
        pending: StoredValue::new_local(None),
    };
    Effect::new(move |first: Option<()>| {
        let current = draft.value.get();
        if first.is_none() {
            return;
        }
        if let Some(handle) = draft.pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                draft.pending.set_value(None);
                draft.write(&current);
            },
            QUIET,
        );
        draft.pending.set_value(handle.ok());
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
