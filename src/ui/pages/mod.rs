//! One component per route; a case's several routes live in `case/`.

mod backup;
pub(crate) mod case;
mod checklist;
mod dashboard;
mod host_check;
mod import;
mod inbox;
mod interview;
mod new_case;
mod not_found;
mod shared_case;
mod upcoming;

pub use case::CaseRoutes;
pub(crate) use dashboard::case_list;
pub use dashboard::Dashboard;
pub use interview::Interview;
pub(crate) use interview::{create_case, NotCreated};
pub use not_found::NotFound;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::domain::case::{Case, CaseId};
use crate::domain::i18n::tr;
use crate::ui::state::{AppState, Loading};

/// Declares a route whose page arrives in its own wasm chunk the first time it is opened, so
/// the first screen downloads only the shell, the dashboard and the questions (`dev.sh` cuts the
/// chunks out of cargo's wasm after every build). A chunk that cannot be downloaded shows a
/// message instead of stopping the app (see `split_view!`).
macro_rules! lazy_page {
    ($route:ident => $page:path) => {
        pub struct $route;

        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            async fn view(_: Self) -> AnyView {
                $crate::ui::components::split_view!(
                    $route,
                    fn page() {
                        view! { <$page /> }.into_any()
                    }
                );
                $crate::ui::components::when_ready(Box::pin(page())).await
            }
        }
    };
}
pub(crate) use lazy_page;

lazy_page!(NewCaseRoute => new_case::NewCase);
lazy_page!(ChecklistRoute => checklist::Checklist);
lazy_page!(BackupRoute => backup::BackupPage);
lazy_page!(ImportRoute => import::ImportPage);
lazy_page!(InboxRoute => inbox::Inbox);
lazy_page!(SharedCaseRoute => shared_case::SharedCase);
lazy_page!(UpcomingRoute => upcoming::Upcoming);
lazy_page!(HostCheckRoute => host_check::HostCheck);

/// The case named by the route's `:id`, rendered by `found` again whenever it changes (here or
/// in another tab); loading and missing cases get their own plain messages.
fn with_routed_case<V: IntoView + 'static>(found: impl Fn(Case) -> V + Send + Sync + 'static) -> impl IntoView {
    routed_case(true, found)
}

/// Like [`with_routed_case`], but the case is taken once: an edit form must not be reset under
/// the buyer's fingers by a save in another tab (the save itself detects that conflict).
fn with_routed_case_once<V: IntoView + 'static>(found: impl Fn(Case) -> V + Send + Sync + 'static) -> impl IntoView {
    routed_case(false, found)
}

fn routed_case<V: IntoView + 'static>(
    follow: bool,
    found: impl Fn(Case) -> V + Send + Sync + 'static,
) -> impl IntoView {
    let state = AppState::expect();
    let params = use_params_map();
    let id = Memo::new(move |_| CaseId::new(params.with(|params| params.get("id").unwrap_or_default())));
    // Only this case's own changes show it again: a save of another case (here, in another tab or
    // in bulk) leaves the page, and what the buyer is typing on it, alone.
    let followed = Memo::new(move |_| id.with(|id| state.case(id)));
    let case = move || if follow { followed.get() } else { untrack(|| followed.get()) };
    move || match (state.loading.get(), case()) {
        (_, Some(case)) => found(case).into_any(),
        (Loading::Pending, None) => view! { <p class="loading">{tr("Loading your cases…")}</p> }.into_any(),
        (_, None) => view! { <NotFound /> }.into_any(),
    }
}
