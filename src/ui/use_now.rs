//! One clock for the whole app, ticking every second, so every countdown moves together.

use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use super::browser::now_utc;

#[derive(Clone, Copy)]
pub struct Now(pub ReadSignal<DateTime<Utc>>);

/// Starts the clock and shares it with every component below the caller.
pub fn provide_now() {
    let (now, set_now) = signal(now_utc());
    if let Ok(handle) = set_interval_with_handle(move || set_now.set(now_utc()), Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
    provide_context(Now(now));
}

pub fn use_now() -> ReadSignal<DateTime<Utc>> {
    use_context::<Now>().map(|now| now.0).unwrap_or_else(|| signal(now_utc()).0)
}
