//! One case: a page whose first screen is the next step, and the rest of the case in sections
//! a buyer reaches in one tap, each at its own address (`/cases/:id/evidence`), so a reload, a
//! shared link and the browser's Back button land where the buyer was.

mod deadlines;
mod details;
mod edit;
mod evidence;
mod journal;
mod messages;
mod next_step;
mod print;
mod share;

pub(crate) use details::CaseFacts;

use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route, A};
use leptos_router::hooks::use_params_map;
use leptos_router::{path, Lazy};

use crate::domain::case::{Case, CaseId};
use crate::domain::i18n::{tr, trf};
use crate::domain::overview::{Attention, CaseOverview};
use crate::ui::browser::href;
use crate::ui::components::{attention_class, Countdown};
use crate::ui::pages::{lazy_page, NotFound};
use crate::ui::routes::{edit_path, section_path, Section};
use crate::ui::state::{AppState, Loading};

/// A section's name in its bar.
fn section_label(section: Section) -> &'static str {
    match section {
        Section::NextStep => tr("Next step"),
        Section::Deadlines => tr("Deadlines"),
        Section::Evidence => tr("Evidence"),
        Section::Messages => tr("Messages"),
        Section::Journal => tr("Journal"),
        Section::Details => tr("Details"),
        Section::Share => tr("Share and print"),
    }
}

// Each part of a case arrives in its own wasm chunk when first opened.
lazy_page!(EditRoute => edit::EditCase);
lazy_page!(PrintRoute => print::PrintCase);
lazy_page!(NextStepRoute => next_step::NextStep);
lazy_page!(DeadlinesRoute => deadlines::Deadlines);
lazy_page!(EvidenceRoute => evidence::Evidence);
lazy_page!(MessagesRoute => messages::Messages);
lazy_page!(JournalRoute => journal::Journal);
lazy_page!(DetailsRoute => details::Details);
lazy_page!(ShareRoute => share::Share);

/// Every address of a case: its sections inside the case page, then its edit form and its
/// printable file, which are pages of their own.
#[component(transparent)]
pub fn CaseRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/cases/:id") view=Outlet>
            <Route path=path!("edit") view={Lazy::<EditRoute>::new()} />
            <Route path=path!("print") view={Lazy::<PrintRoute>::new()} />
            <ParentRoute path=path!("") view=CasePage>
                <Route path=path!("") view={Lazy::<NextStepRoute>::new()} />
                <Route path=path!("deadlines") view={Lazy::<DeadlinesRoute>::new()} />
                <Route path=path!("evidence") view={Lazy::<EvidenceRoute>::new()} />
                <Route path=path!("messages") view={Lazy::<MessagesRoute>::new()} />
                <Route path=path!("journal") view={Lazy::<JournalRoute>::new()} />
                <Route path=path!("details") view={Lazy::<DetailsRoute>::new()} />
                <Route path=path!("share") view={Lazy::<ShareRoute>::new()} />
            </ParentRoute>
        </ParentRoute>
    }
    .into_inner()
}

/// The case's name, the time left on its most urgent deadline and the bar of sections stay on
/// every section; the section itself comes below.
#[component]
fn CasePage() -> impl IntoView {
    let state = AppState::expect();
    let params = use_params_map();
    let id = Memo::new(move |_| CaseId::new(params.with(|params| params.get("id").unwrap_or_default())));
    // The page's frame changes only when the case appears or disappears, so a save does not
    // rebuild the section (and lose what the buyer is typing in it).
    let found = Memo::new(move |_| id.with(|id| state.cases.with(|cases| cases.iter().any(|case| &case.id == id))));
    move || match (state.loading.get(), found.get()) {
        (_, true) => view! {
            <article class="case">
                {move || state.case(&id.get()).zip(state.work.get()).map(|(case, work)| (work.case_header)(case))}
                <SectionBar id=id.get() />
                <Outlet />
            </article>
        }
        .into_any(),
        (Loading::Pending, false) => view! { <p class="loading">{tr("Loading your cases…")}</p> }.into_any(),
        (_, false) => view! { <NotFound /> }.into_any(),
    }
}

/// The case's name and clock, in the chunk of what the app needs once there are cases
/// (`src/ui/case_work.rs`).
pub(crate) fn case_header(case: Case) -> AnyView {
    view! { <CaseHeader case /> }.into_any()
}

#[component]
fn CaseHeader(case: Case) -> impl IntoView {
    view! {
        <p class="breadcrumb"><A href=href("/")>{tr("All cases")}</A></p>
        <h1>{case.title().to_owned()}</h1>
        <p class="lead">{trf("{platform} · order {order}", &[("platform", &case.details.platform_text()), ("order", &case.details.order_number)])}</p>
        <CaseClock id=case.id />
    }
}

/// How much time is left on the case's most urgent deadline, on every section of the case,
/// judged as the dashboard judges it.
#[component]
fn CaseClock(id: CaseId) -> impl IntoView {
    let state = AppState::expect();
    let edit = href(&edit_path(&id));
    // The chains every view of the cases shares (worked out once a minute), not one more.
    let seen = Memo::new(move |_| {
        state.cases.with(|cases| {
            state.chains.with(|chains| {
                let at = cases.iter().position(|case| case.id == id)?;
                let overview = CaseOverview::of(&cases[at], chains.get(at)?);
                Some((overview.attention, overview.deadline().cloned()))
            })
        })
    });
    move || {
        let (attention, deadline) = seen.get()?;
        let said = match (deadline, attention) {
            (Some(deadline), _) => {
                view! { <strong>{tr(deadline.kind.label())}</strong>": "<Countdown due=deadline.due /> }.into_any()
            }
            (None, Attention::DatesMissing) => {
                view! { <a href=edit.clone()>{tr("Add a date to see how long you have to open a dispute.")}</a> }
                    .into_any()
            }
            (None, _) => ().into_any(),
        };
        Some(view! {
            <p class=format!("case-clock {}", attention_class(attention))>
                <span class="badge">{tr(attention.label())}</span>" "{said}
            </p>
        })
    }
}

/// The sections as a compact bar of links; the current one is marked for every reader.
#[component]
fn SectionBar(id: CaseId) -> impl IntoView {
    view! {
        <nav class="case-sections" aria-label=tr("Parts of this case")>
            <ul>
                {Section::ALL.into_iter().map(|section| view! {
                    <li><A href=href(&section_path(&id, section)) exact=true>{section_label(section)}</A></li>
                }).collect_view()}
            </ul>
        </nav>
    }
}
