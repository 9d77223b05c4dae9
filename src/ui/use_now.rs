//! One clock for the whole app, so every countdown moves together: `use_now` ticks every second
//! for the countdown text, `use_minute` once a minute for states and ordering, which never need
//! finer steps and are dearer to recompute.

use std::time::Duration;

use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use leptos::prelude::*;

use super::browser::now_utc;

#[derive(Clone, Copy)]
struct Clock {
    now: ReadSignal<DateTime<Utc>>,
    minute: Memo<DateTime<Utc>>,
}

/// Starts the clock and shares it with every component below the caller.
pub fn provide_now() {
    let (now, set_now) = signal(now_utc());
    if let Ok(handle) = set_interval_with_handle(move || set_now.set(now_utc()), Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
    let minute = Memo::new(move |_| {
        let now = now.get();
        now.duration_trunc(TimeDelta::minutes(1)).unwrap_or(now)
    });
    provide_context(Clock { now, minute });
}

fn clock() -> Clock {
    use_context::<Clock>().unwrap_or_else(|| {
        let now = signal(now_utc()).0;
        Clock { now, minute: Memo::new(move |_| now.get()) }
    })
}

pub fn use_now() -> ReadSignal<DateTime<Utc>> {
    clock().now
}

pub fn use_minute() -> Memo<DateTime<Utc>> {
    clock().minute
}
