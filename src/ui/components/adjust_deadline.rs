//! Lets the buyer correct one deadline for one case: a rule's length ("my order page says 75
//! days") or the last day itself. The app then labels the deadline as set by the buyer.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::case::Case;
use crate::domain::clock::iso_day;
use crate::domain::deadline::{Deadline, Source};
use crate::domain::i18n::{tr, trf};
use crate::domain::rule_book::deadline_set_by;
use crate::domain::rules::DayCount;
use crate::storage::StorageError;
use crate::ui::browser::now_utc;
use crate::ui::state::AppState;

const MAX_DAYS: u32 = 1000;

#[derive(Clone, Debug, PartialEq)]
enum Change {
    RuleDays { rule_id: &'static str, days: u32 },
    LastDay(NaiveDate),
    Reset,
}

#[component]
pub fn AdjustDeadline(case: Case, deadline: Deadline) -> impl IntoView {
    let state = AppState::expect();
    let kind = deadline.kind;
    let rule = match &deadline.source {
        Source::Estimate { rule, days, .. } => Some((*rule, *days)),
        _ => None,
    };
    let adjusted =
        case.adjustments.deadline_days.contains_key(&kind) || rule.is_some_and(|(rule, days)| days != rule.days);
    let days_text = RwSignal::new(rule.map(|(_, days)| days.to_string()).unwrap_or_default());
    let day_text = RwSignal::new(
        case.adjustments.deadline_days.get(&kind).map(|day| day.format("%Y-%m-%d").to_string()).unwrap_or_default(),
    );
    let problem = RwSignal::new(None::<String>);
    let id = case.id.clone();
    let ids = format!("adjust-{}", kind.key());
    let (days_id, day_id) = (format!("{ids}-days"), format!("{ids}-day"));

    let apply = move |change: Change| {
        let id = id.clone();
        spawn_local(async move {
            let outcome: Result<(), StorageError> = state
                .update(&id, now_utc(), |case| match change {
                    Change::RuleDays { rule_id, days } => {
                        case.adjustments.deadline_days.remove(&kind);
                        case.adjustments.rule_days.insert(rule_id.to_owned(), days);
                    }
                    Change::LastDay(day) => {
                        case.adjustments.deadline_days.insert(kind, day);
                    }
                    Change::Reset => case.adjustments.reset(kind, deadline_set_by),
                })
                .await;
            problem.set(outcome.err().map(|error| error.to_string()));
        });
    };
    let save = {
        let apply = apply.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            let day = day_text.get_untracked();
            let change = if !day.trim().is_empty() {
                match iso_day(&day) {
                    Some(day) => Ok(Change::LastDay(day)),
                    None => Err(tr("Enter the last day as a date.").to_owned()),
                }
            } else if let Some((rule, _)) = rule {
                match days_text.get_untracked().trim().parse::<u32>() {
                    Ok(days) if days <= MAX_DAYS => Ok(Change::RuleDays { rule_id: rule.id, days }),
                    _ => Err(trf("Enter a whole number of days from 0 to {max}.", &[("max", &MAX_DAYS)])),
                }
            } else {
                Err(tr("Enter the last day as a date.").to_owned())
            };
            match change {
                Ok(change) => apply(change),
                Err(message) => problem.set(Some(message)),
            }
        }
    };
    view! {
        <form class="adjust" on:submit=save>
            <p class="hint">{tr("Does your order page or your bank say something else? Correct it for this case.")}</p>
            {rule.map(|(rule, _)| view! {
                <div class="field">
                    <label for=days_id.clone()>{if rule.day_count == DayCount::Business { tr("Length in business days") } else { tr("Length in days") }}</label>
                    <p class="hint">{trf("The rule says {days}; {range}.", &[("days", &rule.days), ("range", &rule.range_text())])}</p>
                    <input id=days_id.clone() type="number" inputmode="numeric" min="0" max=MAX_DAYS
                        prop:value=move || days_text.get() on:input=move |ev| days_text.set(event_target_value(&ev)) />
                </div>
            })}
            <div class="field">
                <label for=day_id.clone()>{tr("Or the exact last day")}</label>
                <input id=day_id.clone() type="date" prop:value=move || day_text.get()
                    on:input=move |ev| day_text.set(event_target_value(&ev)) />
            </div>
            {move || problem.get().map(|message| view! { <p class="error-text" role="alert">{message}</p> })}
            <div class="actions">
                <button type="submit" class="button">{tr("Save this deadline")}</button>
                {adjusted.then(|| view! {
                    <button type="button" class="button" on:click=move |_| apply(Change::Reset)>{tr("Use the rules again")}</button>
                })}
            </div>
        </form>
    }
}
