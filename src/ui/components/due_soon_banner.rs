//! An app-wide banner while any deadline is within 48 hours.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::clock::time_left_text;
use crate::domain::i18n::{tr, trf, trn};
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
            let items = state.chains.with(|chains| due_soon(cases, chains, &buyer_zone(), minute.get()));
            let first = items.first().map(|item| {
                let what = trf(
                    "{deadline} for {case}",
                    &[("deadline", &tr(item.deadline.kind.label())), ("case", &item.case.title())],
                );
                (what, item.deadline.due)
            });
            (items.len(), first)
        })
    });
    move || {
        let (count, first) = soon.get();
        let (what, due) = first?;
        let headline = trn("{count} deadline within 48 hours", "{count} deadlines within 48 hours", count);
        let detail = format!("{what}: {}", time_left_text(due, minute.get()));
        Some(view! {
            <div class="banner" role="status">
                <strong>{headline}</strong>". "{detail}". "
                <A href=href("/upcoming")>{tr("See all deadlines")}</A>
            </div>
        })
    }
}
