//! The case journal: what happened, in order. Entries are never edited in place: a correction is
//! a new entry, and the earlier versions stay readable.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::case::Case;

use crate::domain::clock::iso_day;
use crate::domain::i18n::day_text;
use crate::domain::i18n::{tr, trf, trn};
use crate::domain::journal::{Author, Channel, Entry, JournalEntry};
use crate::domain::vocabulary::Event;
use crate::ui::browser::{local_time_text, now_utc, today};
use crate::ui::state::AppState;
use crate::ui::use_draft::use_draft;

const MAX_TEXT: usize = 20_000;

fn parse_day(text: &str) -> Result<NaiveDate, String> {
    match iso_day(text) {
        Some(day) if day <= today() + chrono::Duration::days(1) => Ok(day),
        Some(_) => Err(tr("That day is in the future.").into()),
        None => Err(tr("Enter the day it happened.").into()),
    }
}

fn today_text() -> String {
    today().format("%Y-%m-%d").to_string()
}

/// Writes to the case's journal, and reports a failed save in plain words.
fn write(
    id: crate::domain::case::CaseId,
    problem: RwSignal<Option<String>>,
    done: impl FnOnce() + 'static,
    change: impl FnOnce(&mut Case) + 'static,
) {
    let state = AppState::expect();
    spawn_local(async move {
        match state.update(&id, now_utc(), change).await {
            Ok(()) => {
                problem.set(None);
                done();
            }
            Err(error) => problem.set(Some(error.to_string())),
        }
    });
}

/// The journal's entries, each with its corrections; shown again whenever the case changes.
#[component]
pub fn JournalEntries(case: Case) -> impl IntoView {
    let current: Vec<(JournalEntry, usize, Vec<JournalEntry>)> = case
        .journal()
        .current()
        .iter()
        .map(|c| {
            let history = case.journal().history(c.original.id).into_iter().cloned().collect::<Vec<_>>();
            (c.latest.clone(), c.corrections, history)
        })
        .collect();
    let originals: Vec<u32> = case.journal().current().iter().map(|c| c.original.id).collect();
    if current.is_empty() {
        view! { <p class="hint">{tr("Nothing recorded yet. The buttons above, and the form below, write here.")}</p> }
            .into_any()
    } else {
        view! {
            <ol class="journal-list">
                {current.into_iter().zip(originals).map(|((latest, corrections, history), original)| view! {
                    <JournalItem case=case.clone() original latest corrections history />
                }).collect_view()}
            </ol>
        }
        .into_any()
    }
}

#[component]
fn JournalItem(
    case: Case,
    original: u32,
    latest: JournalEntry,
    corrections: usize,
    history: Vec<JournalEntry>,
) -> impl IntoView {
    let correcting = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let editable_text = match &latest.entry {
        Entry::Message { summary, .. } => Some(summary.clone()),
        Entry::Note { text } => Some(text.clone()),
        _ => None,
    };
    let day = RwSignal::new(latest.on.format("%Y-%m-%d").to_string());
    let text = RwSignal::new(editable_text.clone().unwrap_or_default());
    let full_text = match &latest.entry {
        Entry::Message { text, .. } if !text.trim().is_empty() => Some(text.clone()),
        _ => None,
    };
    let entry = latest.entry.clone();
    let id = case.id.clone();
    let save = {
        let id = id.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            let on = match parse_day(&day.get_untracked()) {
                Ok(on) => on,
                Err(message) => return problem.set(Some(message)),
            };
            let new_text = text.get_untracked();
            let corrected = match entry.clone() {
                Entry::Message { channel, from, text: full, .. } => {
                    Entry::Message { channel, from, summary: new_text, text: full }
                }
                Entry::Note { .. } => Entry::Note { text: new_text },
                other => other,
            };
            write(
                id.clone(),
                problem,
                move || correcting.set(false),
                move |case| {
                    let _ = case.correct(original, on, corrected, now_utc());
                },
            );
        }
    };
    let withdraw = move |_| {
        write(
            id.clone(),
            problem,
            move || correcting.set(false),
            move |case| {
                let _ = case.correct(original, today(), Entry::Withdrawn, now_utc());
            },
        );
    };
    view! {
        <li class="journal-item">
            <span class="timeline-date">{day_text(latest.on)}</span>
            <p>{latest.entry.summary()}</p>
            {full_text.map(|full| view! { <details><summary>{tr("Full text")}</summary><p class="notes">{full}</p></details> })}
            {(corrections > 0).then(|| view! {
                <details class="history">
                    <summary>{trn("Corrected {count} time", "Corrected {count} times", corrections)}</summary>
                    <ul>
                        {history.into_iter().map(|version| view! {
                            <li>
                                {trf("Written {time}:", &[("time", &local_time_text(version.recorded_at))])}" "
                                <span class=if version.corrects.is_none() { "struck" } else { "" }>
                                    {format!("{} — {}", day_text(version.on), version.entry.summary())}
                                </span>
                            </li>
                        }).collect_view()}
                    </ul>
                </details>
            })}
            <button type="button" class="button small" aria-expanded=move || correcting.get().to_string()
                on:click=move |_| correcting.update(|open| *open = !*open)>{tr("Correct")}</button>
            {move || correcting.get().then(|| view! {
                <form class="correct-form" on:submit=save.clone()>
                    <div class="field">
                        <label for=format!("correct-day-{original}")>{tr("Day")}</label>
                        <input id=format!("correct-day-{original}") type="date" prop:value=move || day.get()
                            on:input=move |ev| day.set(event_target_value(&ev)) />
                    </div>
                    {editable_text.is_some().then(|| view! {
                        <div class="field">
                            <label for=format!("correct-text-{original}")>{tr("Text")}</label>
                            <input id=format!("correct-text-{original}") type="text" prop:value=move || text.get()
                                on:input=move |ev| text.set(event_target_value(&ev)) />
                        </div>
                    })}
                    <div class="actions">
                        <button type="submit" class="button primary">{tr("Save the correction")}</button>
                        <button type="button" class="button danger" on:click=withdraw.clone()>{tr("Withdraw this entry")}</button>
                    </div>
                    <p class="hint">{tr("The earlier version stays in the journal.")}</p>
                </form>
            })}
            {move || problem.get().map(|message| view! { <p class="error-text" role="alert">{message}</p> })}
        </li>
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Message,
    Note,
    Step,
}

/// The form that adds an entry. It is built once for the case, not again when the case changes
/// (a save in another tab), so what the buyer is typing stays as they left it.
#[component]
pub fn AddEntry(case: Case) -> impl IntoView {
    let kind = RwSignal::new(Kind::Message);
    let day = RwSignal::new(today_text());
    let channel = RwSignal::new(Channel::PlatformChat);
    let from = RwSignal::new(Author::Seller);
    let summary_draft = use_draft(format!("journal:{}:summary", case.id), String::new());
    let full_draft = use_draft(format!("journal:{}:full", case.id), String::new());
    let (summary, full) = (summary_draft.value, full_draft.value);
    let restored = summary_draft.restored || full_draft.restored;
    let step = RwSignal::new(Event::DisputeOpened);
    let problem = RwSignal::new(None::<String>);
    let steps: Vec<Event> = Event::ALL.iter().copied().filter(|e| !e.is_order_fact()).collect();
    let id = case.id.clone();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let on = match parse_day(&day.get_untracked()) {
            Ok(on) => on,
            Err(message) => return problem.set(Some(message)),
        };
        let (summary_text, full_text) = (summary.get_untracked().trim().to_owned(), full.get_untracked());
        if kind.get_untracked() != Kind::Step && summary_text.is_empty() {
            return problem.set(Some(tr("Write a few words about it.").into()));
        }
        if summary_text.chars().count() > MAX_TEXT || full_text.chars().count() > MAX_TEXT {
            return problem.set(Some(trf("That is too long: at most {max} characters.", &[("max", &MAX_TEXT)])));
        }
        let entry = match kind.get_untracked() {
            Kind::Message => Entry::Message {
                channel: channel.get_untracked(),
                from: from.get_untracked(),
                summary: summary_text,
                text: full_text,
            },
            Kind::Note => Entry::Note { text: summary_text },
            Kind::Step => Entry::Step { event: step.get_untracked() },
        };
        write(
            id.clone(),
            problem,
            move || {
                summary_draft.forget();
                full_draft.forget();
                summary.set(String::new());
                full.set(String::new());
            },
            move |case| {
                let _ = case.record(on, entry, now_utc());
            },
        );
    };
    view! {
        <form class="add-entry" on:submit=submit>
            <h3>{tr("Add to the journal")}</h3>
            {restored.then(|| view! { <p class="hint" role="status">{tr("What you were writing last time is back below; it is not added yet.")}</p> })}
            <fieldset class="inline-choices">
                <legend>{tr("What")}</legend>
                {[(Kind::Message, tr("A message")), (Kind::Note, tr("A note")), (Kind::Step, tr("A step"))].into_iter().map(|(value, label)| view! {
                    <label class="radio">
                        <input type="radio" name="entry-kind" prop:checked=move || kind.get() == value on:change=move |_| kind.set(value) />
                        {label}
                    </label>
                }).collect_view()}
            </fieldset>
            <div class="field">
                <label for="entry-day">{tr("Day")}</label>
                <input id="entry-day" type="date" prop:value=move || day.get() on:input=move |ev| day.set(event_target_value(&ev)) />
            </div>
            {move || match kind.get() {
                Kind::Message => view! {
                    <div class="field-row">
                        <div class="field">
                            <label for="entry-from">{tr("From")}</label>
                            <select id="entry-from" on:change=move |ev| if let Some(a) = Author::from_key(&event_target_value(&ev)) { from.set(a) }>
                                {Author::ALL.iter().copied().map(|a| view! { <option value=a.key() selected=move || from.get() == a>{tr(a.label())}</option> }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="entry-channel">{tr("Where")}</label>
                            <select id="entry-channel" on:change=move |ev| if let Some(c) = Channel::from_key(&event_target_value(&ev)) { channel.set(c) }>
                                {Channel::ALL.iter().copied().map(|c| view! { <option value=c.key() selected=move || channel.get() == c>{tr(c.label())}</option> }).collect_view()}
                            </select>
                        </div>
                    </div>
                    <div class="field">
                        <label for="entry-summary">{tr("In short")}</label>
                        <input id="entry-summary" type="text" prop:value=move || summary.get() on:input=move |ev| summary.set(event_target_value(&ev)) />
                    </div>
                    <div class="field">
                        <label for="entry-full">{tr("Full text (optional: paste the conversation)")}</label>
                        <textarea id="entry-full" rows="4" prop:value=move || full.get() on:input=move |ev| full.set(event_target_value(&ev))></textarea>
                    </div>
                }.into_any(),
                Kind::Note => view! {
                    <div class="field">
                        <label for="entry-summary">{tr("Note")}</label>
                        <input id="entry-summary" type="text" prop:value=move || summary.get() on:input=move |ev| summary.set(event_target_value(&ev)) />
                    </div>
                }.into_any(),
                Kind::Step => view! {
                    <div class="field">
                        <label for="entry-step">{tr("Step")}</label>
                        <select id="entry-step" on:change=move |ev| if let Some(e) = Event::from_key(&event_target_value(&ev)) { step.set(e) }>
                            {steps.iter().copied().map(|e| view! { <option value=e.key() selected=move || step.get() == e>{tr(e.label())}</option> }).collect_view()}
                        </select>
                    </div>
                }.into_any(),
            }}
            {move || problem.get().map(|message| view! { <p class="error-text" role="alert">{message}</p> })}
            <button type="submit" class="button">{tr("Add to the journal")}</button>
        </form>
    }
}
