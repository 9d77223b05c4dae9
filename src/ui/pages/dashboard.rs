//! The dashboard: every case, most urgent first. A buyer's few cases come straight under the
//! heading; the worklist tools of a support desk (a picture of where the cases stand, search,
//! filters, sort, bulk actions) are one tap away, and open by themselves for a long list.

use std::collections::HashSet;
use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::case::{Case, CaseId};
use crate::domain::deadline::Deadline;
use crate::domain::i18n::day_text;
use crate::domain::i18n::{tr, trf, trn};
use crate::domain::overview::Attention;
use crate::domain::worklist::{chart, entries, search_index, select, Entry, Filter, SortBy};
use crate::ui::browser::{href, mark, measured, today};
use crate::ui::components::{attention_class, BulkActions, CaseChart, Countdown, MoreRows, WorklistTools, PAGE};
use crate::ui::routes::case_path;
use crate::ui::state::{AppState, Loading};
use crate::ui::use_now::use_minute;

/// Up to this many cases, the list needs no tools to be taken in at a glance.
const FEW_CASES: usize = 10;

/// A fold of the dashboard's tools: closed for a few cases, open for a long list, until the
/// buyer opens or closes it.
#[derive(Clone, Copy)]
struct Fold {
    chosen: RwSignal<Option<bool>>,
    open: Signal<bool>,
}

impl Fold {
    fn new(long_list: Memo<bool>) -> Self {
        let chosen = RwSignal::new(None);
        Self { chosen, open: Signal::derive(move || chosen.get().unwrap_or_else(|| long_list.get())) }
    }

    fn toggle(self) {
        let open = self.open.get_untracked();
        self.chosen.set(Some(!open));
    }
}

/// The button that opens or closes a fold, saying which way it is.
#[component]
fn FoldButton(fold: Fold, label: &'static str, controls: &'static str, on_close: Callback<()>) -> impl IntoView {
    view! {
        <button type="button" class="button small" aria-controls=controls
            aria-expanded=move || fold.open.get().to_string()
            on:click=move |_| {
                if fold.open.get_untracked() {
                    on_close.run(());
                }
                fold.toggle();
            }>
            {label}
        </button>
    }
}

#[component]
pub fn Dashboard() -> impl IntoView {
    let state = AppState::expect();
    // The page's layout changes only between "no cases" and "some": a saved case must not
    // rebuild the list's tools (and lose what the buyer typed in them).
    let no_cases = Memo::new(move |_| state.cases.with(Vec::is_empty));
    // Marks the first render with the cases loaded, for the benchmark.
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let ready = state.loading.get() == Loading::Ready;
        if ready {
            request_animation_frame(|| mark("dispute-desk:dashboard-rendered"));
        }
        ready
    });
    view! {
        <h1>{tr("Your cases")}</h1>
        {move || match (state.loading.get(), no_cases.get()) {
            (Loading::Pending, _) => view! { <p class="loading">{tr("Loading your cases…")}</p> }.into_any(),
            // The notice above says what went wrong: a buyer whose cases could not be opened must
            // not be told they have none.
            (Loading::Failed(_), _) => ().into_any(),
            (Loading::Ready, true) => view! {
                <section class="card empty">
                    <h2>{tr("No cases yet")}</h2>
                    <p>{tr("Had an order go wrong on AliExpress or Alibaba.com? Record it here and Dispute Desk counts down the days you have left to open a dispute.")}</p>
                    <A href=href("/start") attr:class="button primary">{tr("Start: answer 5 questions")}</A>
                    <p><A href=href("/new")>{tr("Or fill in the full form")}</A></p>
                    <p><A href=href("/import")>{tr("Or import many orders from a spreadsheet (CSV)")}</A></p>
                    <p class="hint">{tr("Everything stays on this device.")}</p>
                </section>
            }.into_any(),
            // Cases come into the app only once the chunk with their list has arrived.
            (Loading::Ready, false) => state.work.get_untracked().map(|work| (work.case_list)()).into_any(),
        }}
    }
}

/// The list of cases and its tools, in the chunk of what the app needs once there are cases
/// (`src/ui/case_work.rs`).
pub(crate) fn case_list() -> AnyView {
    view! { <CaseList /> }.into_any()
}

#[component]
fn CaseList() -> impl IntoView {
    let state = AppState::expect();
    let minute = use_minute();
    let filter = RwSignal::new(Filter::default());
    let sort = RwSignal::new(SortBy::Urgency);
    let chosen = RwSignal::new(HashSet::<CaseId>::new());
    let shown = RwSignal::new(PAGE);
    // The order and missing evidence: once per change of the cases (or the minute).
    let prepared = Memo::new(move |_| {
        state.evidence.with(|evidence| {
            state.cases.with(|cases| {
                state.chains.with(|chains| {
                    Arc::new(measured("dispute-desk:dashboard-order", || entries(cases, chains, evidence)))
                })
            })
        })
    });
    // The search text of every case, made when the buyer starts searching, not before.
    let searching = Memo::new(move |_| filter.with(|filter| !filter.text.trim().is_empty()));
    let index = Memo::new(move |_| {
        searching.get().then(|| state.cases.with(|cases| Arc::new(search_index(&prepared.get(), cases))))
    });
    // A keystroke or a filter only compares prepared text and fields.
    let selected = Memo::new(move |_| {
        let (prepared, index) = (prepared.get(), index.get());
        let (filter, sort) = (filter.get(), sort.get());
        Arc::new(state.cases.with(|cases| {
            measured("dispute-desk:dashboard-filter", || {
                select(&prepared, cases, index.as_deref(), &filter, sort, minute.get_untracked())
            })
        }))
    });
    // A new search starts again from the first page.
    Effect::new(move |_| {
        filter.track();
        sort.track();
        shown.set(PAGE);
    });
    let rows = Memo::new(move |_| {
        let (prepared, selected) = (prepared.get(), selected.get());
        state.cases.with(|cases| {
            selected
                .iter()
                .take(shown.get())
                .map(|at| Row::of(&prepared[*at], &cases[prepared[*at].index]))
                .collect::<Vec<_>>()
        })
    });
    let picture = Memo::new(move |_| state.cases.with(|cases| chart(&prepared.get(), cases, today())));
    let total = Signal::derive(move || selected.with(|selected| selected.len()));
    let case_count = Signal::derive(move || state.cases.with(Vec::len));
    let long_list = Memo::new(move |_| case_count.get() > FEW_CASES);
    let tools = Fold::new(long_list);
    let selecting = Fold::new(long_list);
    let matching_ids = Signal::derive(move || {
        let (prepared, selected) = (prepared.get(), selected.get());
        state.cases.with(|cases| selected.iter().map(|at| cases[prepared[*at].index].id.clone()).collect::<Vec<_>>())
    });
    view! {
        <div class="list-bar">
            <p class="list-count" role="status">{move || {
                let (shown_count, all) = (total.get(), case_count.get());
                if shown_count == all { trn("{count} case", "{count} cases", all) } else { trf("{shown} of {all} cases match", &[("shown", &shown_count), ("all", &all)]) }
            }}</p>
            <FoldButton fold=tools label=tr("Filter and sort") controls="worklist-tools"
                on_close=Callback::new(move |()| filter.set(Filter::default())) />
            <FoldButton fold=selecting label=tr("Select several") controls="bulk-actions"
                on_close=Callback::new(move |()| chosen.set(HashSet::new())) />
        </div>
        <div id="worklist-tools">
            {move || tools.open.get().then(|| view! {
                <CaseChart picture filter />
                <WorklistTools filter sort />
            })}
        </div>
        <div id="bulk-actions">
            {move || selecting.open.get().then(|| view! {
                <BulkActions chosen matching=matching_ids matching_count=total />
            })}
        </div>
        <ul class="case-list">
            <For each=move || rows.get() key=|row| row.clone() let:row>
                <CaseRow row chosen selecting=selecting.open />
            </For>
        </ul>
        <MoreRows shown total />
        <p class="after-list">
            <A href=href("/import")>{tr("Import orders from a spreadsheet")}</A>" · "
            <A href=href("/before-next-order")>{tr("Before your next order: a short checklist")}</A>
        </p>
    }
}

/// What one dashboard line shows, copied out of the case so the list can be kept and compared.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Row {
    id: CaseId,
    title: String,
    summary: String,
    deadline: Option<Deadline>,
    attention: Attention,
    evidence_missing: usize,
}

impl Row {
    fn of(entry: &Entry, case: &Case) -> Self {
        Self {
            id: case.id.clone(),
            title: case.title().to_owned(),
            summary: trf(
                "{platform} · order {order} · {status}",
                &[
                    ("platform", &case.details.platform_text()),
                    ("order", &case.details.order_number),
                    ("status", &tr(case.status().label())),
                ],
            ),
            deadline: entry.deadline.clone(),
            attention: entry.attention,
            evidence_missing: entry.evidence_missing,
        }
    }
}

#[component]
fn CaseRow(row: Row, chosen: RwSignal<HashSet<CaseId>>, selecting: Signal<bool>) -> impl IntoView {
    let Row { id, title, summary, deadline, attention, evidence_missing } = row;
    let target = case_path(&id);
    let label = trf("Select {case}", &[("case", &title)]);
    let deadline_line = match deadline {
        Some(deadline) => view! {
            <p class="row-deadline">
                {format!("{}: {}", tr(deadline.kind.label()), day_text(deadline.last_day))}
                {deadline.is_estimate().then(|| format!(" ({})", tr("estimate")))}" · "
                <Countdown due=deadline.due />
            </p>
        }
        .into_any(),
        None if attention == Attention::DatesMissing => {
            view! { <p class="row-deadline">{tr("Add a date to see how long you have to open a dispute.")}</p> }
                .into_any()
        }
        None => ().into_any(),
    };
    let is_chosen = {
        let id = id.clone();
        move || chosen.with(|chosen| chosen.contains(&id))
    };
    let toggle = move |_| {
        chosen.update(|chosen| {
            if !chosen.remove(&id) {
                chosen.insert(id.clone());
            }
        })
    };
    view! {
        <li class=format!("case-row {}", attention_class(attention))>
            {move || selecting.get().then(|| view! {
                <input type="checkbox" class="row-choice" aria-label=label.clone() prop:checked=is_chosen.clone() on:change=toggle.clone() />
            })}
            // A plain link (the router still handles the click): the router's link component
            // costs more per row than the row itself.
            <a href=href(&target) class="case-link">
                <span class="badge">{tr(attention.label())}</span>
                <span class="case-title">{title}</span>
            </a>
            <p class="row-summary">{summary}</p>
            {deadline_line}
            {(evidence_missing > 0).then(|| view! {
                <p class="row-evidence">{trn("Evidence: {count} item still missing", "Evidence: {count} items still missing", evidence_missing)}</p>
            })}
        </li>
    }
}
