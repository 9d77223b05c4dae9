//! Search, filters and sort above the dashboard's list.

use leptos::prelude::*;

use crate::domain::i18n::{tr, trf};
use crate::domain::vocabulary::{Platform, Problem, Status};
use crate::domain::worklist::{Filter, SortBy};
use crate::ui::components::ChoiceSelect;

/// Deadline windows offered in the "closing within" filter, in days.
const WINDOWS: [i64; 4] = [2, 7, 14, 30];

#[component]
pub fn WorklistTools(filter: RwSignal<Filter>, sort: RwSignal<SortBy>) -> impl IntoView {
    let platform = Signal::derive(move || filter.with(|f| f.platform));
    let status = Signal::derive(move || filter.with(|f| f.status));
    let problem = Signal::derive(move || filter.with(|f| f.problem));
    view! {
        <form class="worklist-tools card" role="search" on:submit=|event| event.prevent_default()>
            <div class="field search">
                <label for="case-search">{tr("Search order number, seller, item or tracking number")}</label>
                <input id="case-search" type="search" autocomplete="off" spellcheck="false"
                    prop:value=move || filter.with(|f| f.text.clone())
                    on:input=move |event| filter.update(|f| f.text = event_target_value(&event)) />
            </div>
            <div class="filters">
                <ChoiceSelect id="filter-platform" label=tr("Platform") any=tr("All platforms") choices=Platform::ALL
                    key=Platform::key name=|platform: Platform| tr(platform.label()) current=platform
                    set=Callback::new(move |chosen| filter.update(|f| f.platform = chosen)) />
                <ChoiceSelect id="filter-status" label=tr("Status") any=tr("Any status") choices=Status::ALL
                    key=Status::key name=|status: Status| tr(status.label()) current=status
                    set=Callback::new(move |chosen| filter.update(|f| f.status = chosen)) />
                <ChoiceSelect id="filter-problem" label=tr("Problem") any=tr("Any problem") choices=Problem::ALL
                    key=Problem::key name=|problem: Problem| tr(problem.label()) current=problem
                    set=Callback::new(move |chosen| filter.update(|f| f.problem = chosen)) />
                <div class="field">
                    <label for="filter-due">{tr("Deadline")}</label>
                    <select id="filter-due" on:change=move |event| {
                        let days = event_target_value(&event).parse().ok();
                        filter.update(|f| f.due_within_days = days);
                    }>
                        <option value="" selected=move || filter.with(|f| f.due_within_days.is_none())>{tr("Any time")}</option>
                        {WINDOWS.into_iter().map(|days| view! {
                            <option value=days.to_string() selected=move || filter.with(|f| f.due_within_days == Some(days))>
                                {trf("Closing within {days} days", &[("days", &days)])}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
                <ChoiceSelect id="sort-by" label=tr("Order") choices=SortBy::ALL key=SortBy::key name=|sort: SortBy| tr(sort.label())
                    current=Signal::derive(move || Some(sort.get()))
                    set=Callback::new(move |chosen: Option<SortBy>| sort.set(chosen.unwrap_or_default())) />
            </div>
            <label class="checkbox">
                <input id="filter-evidence" type="checkbox" prop:checked=move || filter.with(|f| f.evidence_missing)
                    on:change=move |event| filter.update(|f| f.evidence_missing = event_target_checked(&event)) />
                {tr("Only cases with evidence missing")}
            </label>
            {move || filter.with(Filter::is_active).then(|| view! {
                <button type="button" class="button" on:click=move |_| filter.set(Filter::default())>{tr("Clear search and filters")}</button>
            })}
        </form>
    }
}
