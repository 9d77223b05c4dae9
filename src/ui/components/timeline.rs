//! A case's deadlines in date order with today marked: each with its state, who must act, the
//! time left, why that date, and a way for the buyer to correct it.

use leptos::prelude::*;

use crate::domain::case::Case;
use crate::domain::deadline::{chain, Deadline, State};
use crate::domain::i18n::day_text;
use crate::domain::i18n::{tr, trf};
use crate::domain::ics::calendar;
use crate::ui::browser::{buyer_zone, closing_text, download_text, today};
use crate::ui::components::{AdjustDeadline, Countdown, Sources};
use crate::ui::use_now::use_minute;

pub fn state_class(state: State) -> &'static str {
    match state {
        State::Upcoming => "later",
        State::DueSoon => "due-soon",
        State::Missed => "overdue",
        State::Met { .. } => "met",
        State::NotNeeded => "not-needed",
        State::Expected { .. } => "expected",
    }
}

#[derive(Clone, PartialEq)]
enum Row {
    Today,
    Deadline(Deadline),
}

impl Row {
    fn key(&self) -> String {
        match self {
            Row::Today => "today".into(),
            Row::Deadline(d) => format!("{}:{}:{:?}:{}", d.kind.key(), d.last_day, d.state, d.source_label()),
        }
    }
}

/// A file name made only of safe characters, from the case's order number.
fn calendar_file_name(case: &Case) -> String {
    let order: String = case
        .details
        .order_number
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' })
        .collect();
    format!("dispute-desk-{order}.ics")
}

#[component]
pub fn Timeline(case: Case) -> impl IntoView {
    let minute = use_minute();
    let computed = {
        let case = case.clone();
        Memo::new(move |_| chain(&case, &buyer_zone(), minute.get()))
    };
    let rows = move || {
        let now = minute.get();
        let chain = computed.get();
        let mut rows: Vec<Row> = Vec::with_capacity(chain.dated.len() + 1);
        for deadline in chain.dated {
            if !rows.contains(&Row::Today) && deadline.due > now {
                rows.push(Row::Today);
            }
            rows.push(Row::Deadline(deadline));
        }
        if !rows.contains(&Row::Today) {
            rows.push(Row::Today);
        }
        rows
    };
    let export_error = RwSignal::new(None::<String>);
    let export = {
        let case = case.clone();
        move |_| {
            let chain = computed.get_untracked();
            let text = calendar(chain.dated.iter().map(|deadline| (&case, deadline)), minute.get_untracked());
            export_error.set(download_text(&calendar_file_name(&case), "text/calendar", &text).err());
        }
    };
    let case_for_rows = case.clone();
    view! {
        <section class="card timeline" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{tr("Deadlines")}</h2>
            {move || computed.with(|chain| chain.not_before.clone()).into_iter().map(|not_before| view! {
                <div class="not-before">
                    <p><strong>{not_before.headline()}</strong>" ("{not_before.basis()}")"</p>
                    <p class="hint">{not_before.rule.note_text()}</p>
                </div>
            }).collect_view()}
            <ol class="timeline-list">
                <For each=rows key=Row::key let:row>
                    {match row {
                        Row::Today => view! {
                            <li class="timeline-today" aria-label=tr("Today")>
                                <span class="timeline-date">{day_text(today())}</span>
                                <span class="today-label">{tr("Today")}</span>
                            </li>
                        }.into_any(),
                        Row::Deadline(deadline) => view! { <DeadlineItem case=case_for_rows.clone() deadline /> }.into_any(),
                    }}
                </For>
            </ol>
            {move || {
                let pending = computed.with(|chain| chain.pending.clone());
                (!pending.is_empty()).then(|| view! {
                    <h3>{tr("Not dated yet")}</h3>
                    <ul class="pending-list">
                        {pending.into_iter().map(|pending| view! {
                            <li><strong>{tr(pending.kind.label())}</strong>": "{pending.explanation()}</li>
                        }).collect_view()}
                    </ul>
                })
            }}
            <div class="actions">
                <button type="button" class="button" on:click=export>{tr("Add these deadlines to my calendar (.ics)")}</button>
            </div>
            {move || export_error.get().map(|error| view! {
                <div class="notice danger" role="alert">{trf("The calendar file could not be made ({error}). Try again.", &[("error", &error)])}</div>
            })}
        </section>
    }
}

#[component]
fn DeadlineItem(case: Case, deadline: Deadline) -> impl IntoView {
    let state = deadline.state;
    let party = deadline.kind.party();
    let timing = match state {
        State::Met { on: Some(on) } => view! { <p>{trf("Done on {day}.", &[("day", &day_text(on))])}</p> }.into_any(),
        State::Met { on: None } => view! { <p>{tr("Done.")}</p> }.into_any(),
        State::NotNeeded => view! { <p>{tr("No longer needed for this case.")}</p> }.into_any(),
        State::Expected { passed } => view! {
            <p>{if passed { tr("The expected day has passed.") } else { tr("What to expect: no current source confirms this date, so it is never counted as overdue.") }}</p>
            <p class="if-missed">{tr("If nothing has happened by then:")}" " {deadline.kind.if_missed()}</p>
        }
        .into_any(),
        State::Upcoming | State::DueSoon | State::Missed => view! {
            <p><Countdown due=deadline.due /> " · " {closing_text(&deadline)}</p>
            <p class="if-missed">{tr("If it passes:")}" " {deadline.kind.if_missed()}</p>
        }
        .into_any(),
    };
    view! {
        <li class=format!("timeline-item {}", state_class(state))>
            <span class="timeline-date">{day_text(deadline.last_day)}</span>
            <div class="timeline-body">
                <h3>{tr(deadline.kind.label())}</h3>
                <p>
                    <span class="badge">{tr(state.label())}</span>" "
                    <span class="party">{party.must_act()}</span>" "
                    <span class=if deadline.is_estimate() { "tag estimate" } else { "tag platform" }>{deadline.source_label()}</span>
                </p>
                {timing}
                <details>
                    <summary>{tr("Why this date")}</summary>
                    <p>{deadline.why()}</p>
                    <Sources sources=deadline.sources() />
                    <AdjustDeadline case deadline />
                </details>
            </div>
        </li>
    }
}
