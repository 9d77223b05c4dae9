//! An app-wide banner while any deadline is within 48 hours.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::clock::time_left_text;
use crate::domain::overview::due_soon;
use crate::ui::browser::{buyer_zone, href};
use crate::ui::state::AppState;
use crate::ui::use_now::use_minute;

#[component]
pub fn DueSoonBanner() -> impl IntoView {
    let state = AppState::expect();
    let minute = use_minute();
    // The count, and the soonest deadline's name and due instant.
    let soon = Memo::new(move |_| {
        state.cases.with(|cases| {
            let items = due_soon(cases, &buyer_zone(), minute.get());
            let first = items
                .first()
                .map(|item| (format!("{} for {}", item.deadline.kind.label(), item.case.title()), item.deadline.due));
            (items.len(), first)
        })
    });
    move || {
        let (count, first) = soon.get();
        let (what, due) = first?;
        let headline = if count == 1 {
            "1 deadline within 48 hours".to_owned()
        } else {
            format!("{count} deadlines within 48 hours")
        };
        let detail = format!("{what}: {}", time_left_text(due, minute.get()));
        Some(view! {
            <div class="banner" role="status">
                <strong>{headline}</strong>". "{detail}". "
                <A href=href("/upcoming")>"See all deadlines"</A>
            </div>
        })
    }
}
