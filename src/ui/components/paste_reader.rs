//! "Paste from your order page": the buyer pastes the text of an order (the order list, the
//! order's details or a platform email); what the core recognises is shown for them to tick, and
//! only what they accept goes into the form, never over what they typed unless they say so. The
//! reader's code arrives in its own chunk when the buyer first opens it.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::domain::form::CaseForm;
use crate::domain::i18n::day_text;
use crate::domain::i18n::{tr, trf, trn};
use crate::domain::recognise::{apply, proposals, recognise, Field, Found, Proposal};
use crate::domain::vocabulary::Platform;
use crate::ui::browser::{buyer_zone, now_utc};
use crate::ui::components::{arriving, split_view};
use crate::ui::state::AppState;

/// A fold that opens the reader; `on_apply` receives the form with the accepted findings. Text
/// shared into the app (the inbox) arrives already pasted, the fold open.
#[component]
pub fn PasteReader(current: Signal<CaseForm>, on_apply: Callback<CaseForm>) -> impl IntoView {
    let shared = AppState::expect().pending_paste.try_update(Option::take).flatten();
    let open_at_start = shared.is_some();
    let opened = RwSignal::new(open_at_start);
    let initial = shared.unwrap_or_default();
    view! {
        <details class="paste-reader" open=open_at_start on:toggle=move |_| opened.set(true)>
            <summary>{tr("Paste from your order page")}</summary>
            {move || opened.get().then(|| arriving(reader(current, on_apply, initial.clone())))}
        </details>
    }
}

split_view!(
    PasteReader,
    fn reader(current: Signal<CaseForm>, on_apply: Callback<CaseForm>, initial: String) {
        view! { <Reader current on_apply initial /> }.into_any()
    }
);

fn shown(found: &Found) -> String {
    match found {
        Found::Platform(platform) => tr(platform.label()).to_owned(),
        Found::Text(text) => text.clone(),
        Found::Date(day) | Found::Countdown(day) => day_text(*day),
        Found::EitherDate { .. } => String::new(),
        Found::Money(money) => money.local_text(),
    }
}

#[component]
fn Reader(current: Signal<CaseForm>, on_apply: Callback<CaseForm>, initial: String) -> impl IntoView {
    let text = RwSignal::new(initial);
    // Ticked findings; what the buyer typed is not ticked until they choose it.
    let unticked = RwSignal::new(HashSet::<Field>::new());
    let chosen_days = RwSignal::new(HashMap::<Field, NaiveDate>::new());
    let filled = RwSignal::new(None::<usize>);
    let recognised =
        Memo::new(move |_| text.with(|text| recognise(text, now_utc().with_timezone(&buyer_zone()).naive_local())));
    let found = Memo::new(move |_| recognised.with(|recognised| proposals(recognised, &current.get())));
    // A new text starts over: its own findings, ticked unless they replace what was typed.
    Effect::new(move |_| {
        let replacing = found.with(|found| found.iter().filter(|p| p.replaces).map(|p| p.field).collect());
        unticked.set(replacing);
        chosen_days.set(HashMap::new());
    });
    let accepted = move || {
        let (unticked, days) = (unticked.get(), chosen_days.get());
        found.with(|found| {
            found
                .iter()
                .filter(|proposal| !unticked.contains(&proposal.field))
                .filter_map(|proposal| match proposal.found {
                    Found::EitherDate { .. } => {
                        days.get(&proposal.field).map(|day| (proposal.field, Found::Date(*day)))
                    }
                    _ => Some((proposal.field, proposal.found.clone())),
                })
                .collect::<Vec<_>>()
        })
    };
    let use_them = move |_| {
        let accepted = accepted();
        on_apply.run(apply(&current.get_untracked(), &accepted));
        filled.set(Some(accepted.len()));
        text.set(String::new());
    };
    view! {
        <p class="hint" id="paste-hint">{tr("Copy the text of your order (the order list, the order's details or the platform's email) and paste it here. Nothing is saved until you save the case.")}</p>
        <div class="field">
            <label for="paste-text">{tr("Text from the order page or email")}</label>
            <textarea id="paste-text" rows="4" aria-describedby="paste-hint" prop:value=move || text.get()
                on:input=move |event| { filled.set(None); text.set(event_target_value(&event)); }></textarea>
        </div>
        {move || filled.get().map(|count| view! {
            <p class="notice success" role="status">{trn("Filled in {count} field. Check it, then go on.", "Filled in {count} fields. Check them, then go on.", count)}</p>
        })}
        {move || {
            if text.with(|text| text.trim().is_empty()) {
                return None;
            }
            let found = found.get();
            if recognised.with(|recognised| recognised.is_empty()) {
                return Some(view! {
                    <p role="status">{tr("Nothing recognised in this text. Copy the whole order entry or email, or type the details yourself.")}</p>
                }.into_any());
            }
            let missing = recognised.with(|recognised| recognised.missing());
            Some(view! {
                <fieldset class="paste-found">
                    <legend>{tr("Found in the text: tick what to use")}</legend>
                    <ul>{found.into_iter().map(|proposal| view! { <FoundRow proposal unticked chosen_days /> }).collect_view()}</ul>
                    {(!missing.is_empty()).then(|| view! {
                        <p class="hint">{trf("Not in this text: {fields}.", &[("fields", &missing.iter().map(|field| tr(field.label())).collect::<Vec<_>>().join(", "))])}</p>
                    })}
                    <button type="button" class="button primary" on:click=use_them>{tr("Use the ticked ones")}</button>
                </fieldset>
            }.into_any())
        }}
    }
}

/// One finding: a tick box, or for a date that could be either way round, the two days to
/// choose from.
#[component]
fn FoundRow(
    proposal: Proposal,
    unticked: RwSignal<HashSet<Field>>,
    chosen_days: RwSignal<HashMap<Field, NaiveDate>>,
) -> impl IntoView {
    let field = proposal.field;
    let id = format!("paste-{field:?}").to_lowercase();
    let typed = proposal.replaces.then(|| {
        // The form holds a platform by its key; the buyer chose it by its name.
        let current = match field {
            Field::Platform => Platform::from_key(&proposal.current)
                .map_or(proposal.current.clone(), |chosen| tr(chosen.label()).to_owned()),
            _ => proposal.current.clone(),
        };
        view! { <span class="hint">" "{trf("You typed: {value}", &[("value", &current)])}</span> }
    });
    let from_countdown = matches!(proposal.found, Found::Countdown(_)).then(|| {
        view! { <span class="hint">" "{tr("Worked out from the countdown on the platform's page, from now.")}</span> }
    });
    match proposal.found {
        Found::EitherDate { day_first, month_first } => view! {
            <li>
                <strong>{tr(field.label())}</strong>": "{tr("the day and the month could be either way round. Which is it?")}
                <div>{[day_first, month_first].into_iter().map(|day| view! {
                    <label class="radio">
                        <input type="radio" name=id.clone() prop:checked=move || chosen_days.with(|days| days.get(&field) == Some(&day))
                            on:change=move |_| chosen_days.update(|days| { days.insert(field, day); }) />
                        {day_text(day)}
                    </label>
                }).collect_view()}</div>
                {typed}
            </li>
        }
        .into_any(),
        found => view! {
            <li>
                <label class="checkbox" for=id.clone()>
                    <input id=id.clone() type="checkbox" prop:checked=move || unticked.with(|off| !off.contains(&field))
                        on:change=move |_| unticked.update(|off| if !off.remove(&field) { off.insert(field); }) />
                    <span><strong>{tr(field.label())}</strong>": "{shown(&found)}</span>
                </label>
                {typed}
                {from_countdown}
            </li>
        }
        .into_any(),
    }
}
