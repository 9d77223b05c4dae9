//! Time left until a deadline, in words, updated every second.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::domain::clock::time_left_text;
use crate::ui::use_now::use_now;

#[component]
pub fn Countdown(due: DateTime<Utc>) -> impl IntoView {
    let now = use_now();
    view! { <span class="countdown" role="timer">{move || time_left_text(due, now.get())}</span> }
}
