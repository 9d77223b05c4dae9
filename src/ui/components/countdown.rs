//! Time left until a deadline, in words. The words change at most once a minute, so the page
//! only changes then, however many countdowns are on screen.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::domain::clock::time_left_text;
use crate::ui::use_now::use_now;

#[component]
pub fn Countdown(due: DateTime<Utc>) -> impl IntoView {
    let now = use_now();
    let text = Memo::new(move |_| time_left_text(due, now.get()));
    view! { <span class="countdown" role="timer">{move || text.get()}</span> }
}
