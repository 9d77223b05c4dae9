//! What can be done to many cases at once: the ones ticked on the dashboard.

use std::collections::{HashMap, HashSet};

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::case::{Case, CaseId};

use crate::domain::i18n::{fill, tr, trf, trn};
use crate::domain::ics::cases_calendar;
use crate::domain::import::cases_csv;
use crate::domain::vocabulary::Status;
use crate::ui::browser::{buyer_zone, download_text, now_utc, today};
use crate::ui::components::ChoiceSelect;
use crate::ui::state::AppState;

/// The chosen cases, in the order the list shows them (`matching` first, then any chosen
/// case a filter now hides).
fn chosen_cases(state: AppState, chosen: &HashSet<CaseId>, matching: &[CaseId]) -> Vec<Case> {
    state.cases.with_untracked(|cases| {
        let by_id: HashMap<&CaseId, &Case> = cases.iter().map(|case| (&case.id, case)).collect();
        let mut ordered: Vec<&Case> =
            matching.iter().filter(|id| chosen.contains(*id)).filter_map(|id| by_id.get(id).copied()).collect();
        let listed: HashSet<&CaseId> = ordered.iter().map(|case| &case.id).collect();
        ordered.extend(cases.iter().filter(|case| chosen.contains(&case.id) && !listed.contains(&case.id)));
        ordered.into_iter().cloned().collect()
    })
}

#[component]
pub fn BulkActions(
    chosen: RwSignal<HashSet<CaseId>>,
    /// The cases the list shows, in its order; read only when an action needs them.
    matching: Signal<Vec<CaseId>>,
    /// How many cases the list shows, for the "select all" button.
    matching_count: Signal<usize>,
) -> impl IntoView {
    let state = AppState::expect();
    let new_status = RwSignal::new(Status::Resolved);
    // Cases written so far out of how many, while a change is being saved.
    let saving = RwSignal::new(None::<(usize, usize)>);
    let message = RwSignal::new(None::<(bool, String)>);
    let count = Signal::derive(move || chosen.with(HashSet::len));
    let selection = move || chosen.with_untracked(|chosen| chosen_cases(state, chosen, &matching.get_untracked()));

    let change_status = move |_| {
        let to = new_status.get_untracked();
        let (today, now) = (today(), now_utc());
        let changed: Vec<Case> = selection()
            .into_iter()
            .filter(|case| case.status() != to)
            .map(|case| case.edited(case.details.clone(), to, today, now))
            .collect();
        let total = changed.len();
        saving.set(Some((0, total)));
        message.set(None);
        spawn_local(async move {
            let outcome = state.save_many(changed, move |done| saving.set(Some((done, total)))).await;
            saving.set(None);
            message.set(Some(match outcome {
                Ok(()) => (
                    true,
                    fill(
                        &trn(
                            "\"{status}\" is now the status of {count} case.",
                            "\"{status}\" is now the status of {count} cases.",
                            total,
                        ),
                        &[("status", &tr(to.label()))],
                    ),
                ),
                Err(error) => (false, trf("No status was changed. {error}", &[("error", &error)])),
            }));
        });
    };
    let export_calendar = move |_| {
        let now = now_utc();
        let text = cases_calendar(&selection(), &buyer_zone(), now);
        message.set(download_text("dispute-desk-deadlines.ics", "text/calendar", &text).err().map(|error| {
            (false, trf("The calendar file could not be made ({error}). Try again.", &[("error", &error)]))
        }));
    };
    let export_csv = move |_| {
        let text = cases_csv(&selection());
        let name = format!("dispute-desk-cases-{}.csv", today().format("%Y-%m-%d"));
        message.set(
            download_text(&name, "text/csv", &text)
                .err()
                .map(|error| (false, trf("The file could not be made ({error}). Try again.", &[("error", &error)]))),
        );
    };

    view! {
        <div class="bulk-actions" role="group" aria-label=tr("Selected cases")>
            <button type="button" class="button" on:click=move |_| chosen.set(matching.get_untracked().into_iter().collect())>
                {move || trf("Select all {count}", &[("count", &matching_count.get())])}
            </button>
            {move || (count.get() > 0).then(|| view! {
                <span class="bulk-count">{move || trf("{count} selected", &[("count", &count.get())])}</span>
                <ChoiceSelect id="bulk-status" label=tr("Set status to") class="inline" choices=Status::ALL
                    key=Status::key name=|status: Status| tr(status.label())
                    current=Signal::derive(move || Some(new_status.get()))
                    set=Callback::new(move |chosen: Option<Status>| if let Some(status) = chosen { new_status.set(status) }) />
                <button type="button" class="button" disabled=move || saving.get().is_some() on:click=change_status>{tr("Apply")}</button>
                {move || saving.get().map(|(done, total)| view! {
                    <label class="bulk-progress">{trf("Saving… {done} of {total}", &[("done", &done), ("total", &total)])}
                        <progress max=total value=done></progress>
                    </label>
                })}
                <button type="button" class="button" on:click=export_calendar>{tr("Add their deadlines to my calendar (.ics)")}</button>
                <button type="button" class="button" on:click=export_csv>{tr("Export them as CSV")}</button>
                <button type="button" class="button" on:click=move |_| chosen.set(HashSet::new())>{tr("Clear selection")}</button>
            })}
            {move || message.get().map(|(ok, text)| view! {
                <p class=if ok { "notice success" } else { "notice danger" } role=if ok { "status" } else { "alert" }>{text}</p>
            })}
        </div>
    }
}
