//! An app-wide banner while any deadline is within 48 hours.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::clock::time_left_text;
use crate::domain::overview::due_soon;
use crate::ui::browser::buyer_zone;
use crate::ui::state::AppState;
use crate::ui::use_now::use_minute;

#[component]
pub fn DueSoonBanner() -> impl IntoView {
    let state = AppState::expect();
    let minute = use_minute();
    let soon = Memo::new(move |_| state.cases.with(|cases| due_soon(cases, &buyer_zone(), minute.get())));
    move || {
        let items = soon.get();
        let first = items.first()?;
        let count = items.len();
        let headline = if count == 1 {
            "1 deadline within 48 hours".to_owned()
        } else {
            format!("{count} deadlines within 48 hours")
        };
        let detail = format!(
            "{} for {}: {}",
            first.deadline.kind.label(),
            first.case.title(),
            time_left_text(first.deadline.due, minute.get())
        );
        Some(view! {
            <div class="banner" role="status">
                <strong>{headline}</strong>". "{detail}". "
                <A href="/upcoming">"See all deadlines"</A>
            </div>
        })
    }
}
