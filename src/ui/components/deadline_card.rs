//! The case's deadline: the day, the exact local time it closes, time left, and why that date.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::case::Case;
use crate::domain::clock::{end_of_day, Urgency};
use crate::domain::deadline::{day_text, missing_dates_hint, opening_deadline};
use crate::ui::browser::{buyer_zone, local_time_text};
use crate::ui::components::Countdown;
use crate::ui::use_now::use_now;

pub fn urgency_class(urgency: Urgency) -> &'static str {
    match urgency {
        Urgency::Overdue => "overdue",
        Urgency::DueSoon => "due-soon",
        Urgency::Later => "later",
    }
}

#[component]
pub fn DeadlineCard(case: Case) -> impl IntoView {
    let now = use_now();
    if !case.status.awaits_dispute() {
        let text = if case.status.is_closed() {
            "This case is closed, so no deadline is running."
        } else {
            "You have opened the dispute, so the window to open one no longer applies."
        };
        return view! { <section class="deadline card"><h2>"Deadline"</h2><p>{text}</p></section> }.into_any();
    }
    let zone = buyer_zone();
    let Some(deadline) = opening_deadline(&case.details, &zone) else {
        let edit = format!("/cases/{}/edit", case.id);
        return view! {
            <section class="deadline card dates-missing" aria-labelledby="deadline-title">
                <h2 id="deadline-title">{crate::domain::rules::DeadlineKind::OpenDispute.label()}</h2>
                <p><span class="badge">"Deadline unknown"</span></p>
                <p>{missing_dates_hint(&case.details)}</p>
                <A href=edit attr:class="button">"Add dates"</A>
            </section>
        }
        .into_any();
    };
    let due = deadline.due;
    let cut_by_china_time = due < end_of_day(deadline.last_day, &zone);
    let urgency = Memo::new(move |_| Urgency::of(due, now.get()));
    view! {
        <section class=move || format!("deadline card {}", urgency_class(urgency.get()))
            aria-labelledby="deadline-title">
            <h2 id="deadline-title">{deadline.kind.label()}</h2>
            <p class="deadline-day">{day_text(deadline.last_day)}</p>
            <p>
                <span class="badge">{move || urgency.get().label()}</span>" "
                <Countdown due=due />
            </p>
            <p>
                "Closes " <strong>{local_time_text(due)}</strong> " your time"
                {cut_by_china_time.then_some(" (midnight in China, where the platform keeps time)")} "."
            </p>
            <p class="source">
                <span class=if deadline.is_estimate() { "tag estimate" } else { "tag platform" }>
                    {deadline.source_label()}
                </span>
            </p>
            <details>
                <summary>"Why this date"</summary>
                <p>{deadline.why()}</p>
            </details>
        </section>
    }
    .into_any()
}
