use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::{path, Lazy};

use crate::domain::i18n::tr;

use super::abilities::provide_abilities;
use super::app_badge::watch_app_badge;
use super::browser::{base_path, href};
use super::components::{BackupReminder, DueSoonBanner, HomeScreenNotice, HostBar, LanguageMenu, StorageStatus};
use super::file_intake::IntakeQueue;
use super::host_site::provide_host_site;
use super::pages::{
    BackupRoute, CaseRoutes, ChecklistRoute, Dashboard, HostCheckRoute, ImportRoute, InboxRoute, Interview,
    NewCaseRoute, NotFound, SharedCaseRoute, UpcomingRoute,
};
use super::reminders::provide_reminders;
use super::service_worker::{register_service_worker, UpdateBanner};
use super::state::AppState;
use super::use_now::provide_now;

#[component]
pub fn App() -> impl IntoView {
    provide_now();
    provide_host_site();
    AppState::provide();
    IntakeQueue::provide();
    provide_abilities();
    provide_reminders();
    watch_app_badge();
    register_service_worker();
    // True while a page's chunk downloads: a bar shows only if that takes longer than a moment.
    let (routing, set_routing) = signal(false);
    view! {
        <Router base=base_path() set_is_routing=set_routing>
            <a class="skip-link" href="#main">{tr("Skip to content")}</a>
            {move || routing.get().then(|| view! {
                <div class="route-progress" role="progressbar" aria-label=tr("Opening this part…")></div>
            })}
            <header class="app-header">
                <A href=href("/") attr:class="brand">"Dispute Desk"</A>
                <nav aria-label=tr("Main")>
                    <A href=href("/upcoming") attr:class="nav-link">{tr("Upcoming")}</A>
                    <A href=href("/backup") attr:class="nav-link">{tr("Backup")}</A>
                    <A href=href("/start") attr:class="button primary">{tr("New case")}</A>
                </nav>
            </header>
            <HostBar />
            <main id="main" tabindex="-1">
                <StorageStatus />
                <UpdateBanner />
                <DueSoonBanner />
                <BackupReminder />
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Dashboard />
                    <Route path=path!("/new") view={Lazy::<NewCaseRoute>::new()} />
                    <Route path=path!("/start") view=Interview />
                    <Route path=path!("/before-next-order") view={Lazy::<ChecklistRoute>::new()} />
                    <Route path=path!("/backup") view={Lazy::<BackupRoute>::new()} />
                    <Route path=path!("/import") view={Lazy::<ImportRoute>::new()} />
                    <Route path=path!("/inbox") view={Lazy::<InboxRoute>::new()} />
                    <Route path=path!("/shared") view={Lazy::<SharedCaseRoute>::new()} />
                    <Route path=path!("/upcoming") view={Lazy::<UpcomingRoute>::new()} />
                    <Route path=path!("/host-check") view={Lazy::<HostCheckRoute>::new()} />
                    <CaseRoutes />
                </Routes>
                // Below the page: it comes once the browser answers, and must not move what the
                // buyer is about to tap.
                <HomeScreenNotice />
            </main>
            <footer class="app-footer">
                <p>{tr("Your cases are stored only in this browser, on this device.")}</p>
                <LanguageMenu />
            </footer>
        </Router>
    }
}
