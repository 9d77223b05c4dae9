//! An app-wide banner while any deadline is within 48 hours.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::clock::time_left_text;
use crate::domain::i18n::{tr, trf, trn};
use crate::ui::browser::href;
use crate::ui::state::AppState;
use crate::ui::use_now::use_minute;

#[component]
pub fn DueSoonBanner() -> impl IntoView {
    let state = AppState::expect();
    let minute = use_minute();
    move || {
        let (count, soonest) = state.due_soon.with(|due| (due.count, due.soonest.clone()));
        let soonest = soonest?;
        let what =
            trf("{deadline} for {case}", &[("deadline", &tr(soonest.deadline.label())), ("case", &soonest.case_title)]);
        let due = soonest.due;
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
