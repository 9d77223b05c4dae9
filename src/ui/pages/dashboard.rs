use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::case::CaseId;
use crate::domain::deadline::{day_text, Deadline};
use crate::domain::evidence::{missing, EvidenceItem};
use crate::domain::overview::{overview, Attention, CaseOverview};
use crate::ui::browser::{buyer_zone, href, mark, measured};
use crate::ui::components::{Countdown, MoreRows, PAGE};
use crate::ui::state::{AppState, Loading};
use crate::ui::use_now::use_minute;

fn attention_class(attention: Attention) -> &'static str {
    match attention {
        Attention::Overdue => "overdue",
        Attention::DueSoon => "due-soon",
        Attention::DatesMissing => "dates-missing",
        Attention::Upcoming => "later",
        Attention::InProgress => "in-progress",
        Attention::Closed => "closed",
    }
}

#[component]
pub fn Dashboard() -> impl IntoView {
    let state = AppState::expect();
    let minute = use_minute();
    let shown = RwSignal::new(PAGE);
    // Every case is ordered; rows are built only for the ones on screen.
    let rows = Memo::new(move |_| {
        state.evidence.with(|evidence| {
            state.cases.with(|cases| {
                let ordered = measured("dispute-desk:dashboard-order", || overview(cases, &buyer_zone(), minute.get()));
                ordered.iter().take(shown.get()).map(|row| Row::of(row, evidence)).collect::<Vec<_>>()
            })
        })
    });
    let total = Signal::derive(move || state.cases.with(Vec::len));
    // Marks the first render with the cases loaded, for the benchmark.
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let ready = state.loading.get() == Loading::Ready;
        if ready {
            rows.track();
            request_animation_frame(|| mark("dispute-desk:dashboard-rendered"));
        }
        ready
    });
    view! {
        <h1>"Your cases"</h1>
        {move || match (state.loading.get(), rows.with(Vec::is_empty)) {
            (Loading::Pending, _) => view! { <p class="loading">"Loading your cases…"</p> }.into_any(),
            (_, true) => view! {
                <section class="card empty">
                    <h2>"No cases yet"</h2>
                    <p>"Had an order go wrong on AliExpress or Alibaba.com? Record it here and Dispute Desk counts down the days you have left to open a dispute."</p>
                    <A href=href("/start") attr:class="button primary">"Start: answer 6 questions"</A>
                    <p><A href=href("/new")>"Or fill in the full form"</A></p>
                    <p><A href=href("/import")>"Or import many orders from a spreadsheet (CSV)"</A></p>
                    <p class="hint">"Everything stays on this device."</p>
                </section>
            }.into_any(),
            (_, false) => view! {
                <ul class="case-list">
                    <For each=move || rows.get() key=|row| row.clone() let:row>
                        <CaseRow row />
                    </For>
                </ul>
                <MoreRows shown total />
                <p class="after-list"><A href=href("/before-next-order")>"Before your next order: a short checklist"</A></p>
            }.into_any(),
        }}
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
    /// Required evidence with no file yet, while the case is open.
    evidence_missing: usize,
}

impl Row {
    fn of(row: &CaseOverview, evidence: &[EvidenceItem]) -> Self {
        let case = row.case;
        Self {
            id: case.id.clone(),
            title: case.title().to_owned(),
            summary: format!(
                "{} · order {} · {}",
                case.details.platform.label(),
                case.details.order_number,
                case.status().label()
            ),
            deadline: row.deadline().cloned(),
            attention: row.attention,
            evidence_missing: if case.status().is_closed() { 0 } else { missing(case, evidence).len() },
        }
    }
}

#[component]
fn CaseRow(row: Row) -> impl IntoView {
    let Row { id, title, summary, deadline, attention, evidence_missing } = row;
    let target = format!("/cases/{id}");
    let deadline_line = match deadline {
        Some(deadline) => view! {
            <p class="row-deadline">
                {format!("{}: {}", deadline.kind.label(), day_text(deadline.last_day))}
                {deadline.is_estimate().then_some(" (estimate)")}" · "
                <Countdown due=deadline.due />
            </p>
        }
        .into_any(),
        None if attention == Attention::DatesMissing => {
            view! { <p class="row-deadline">"Add a date to see how long you have to open a dispute."</p> }.into_any()
        }
        None => ().into_any(),
    };
    view! {
        <li class=format!("case-row {}", attention_class(attention))>
            <A href=href(&target) attr:class="case-link">
                <span class="badge">{attention.label()}</span>
                <span class="case-title">{title}</span>
            </A>
            <p class="row-summary">{summary}</p>
            {deadline_line}
            {(evidence_missing > 0).then(|| view! {
                <p class="row-evidence">{format!("Evidence: {evidence_missing} item{} still missing", if evidence_missing == 1 { "" } else { "s" })}</p>
            })}
        </li>
    }
}
