//! Where the browser may delete the buyer's cases on its own (Safari does after 7 days without a
//! visit, unless the app is on the Home Screen), says so once, calmly, with the steps that keep
//! them for this browser.

use leptos::prelude::*;

use crate::domain::i18n::tr;
use crate::storage::Settings;
use crate::ui::abilities::use_abilities;
use crate::ui::state::AppState;

#[component]
pub fn HomeScreenNotice() -> impl IntoView {
    let state = AppState::expect();
    let abilities = use_abilities();
    let seen = RwSignal::new(Settings::load().home_screen_notice_seen);
    let dismiss = move |_| {
        // Shown once: even where the setting cannot be saved, it goes for this visit.
        let _ = Settings { home_screen_notice_seen: true, ..Settings::load() }.save();
        seen.set(true);
    };
    let shown = move || {
        abilities.storage_answered.get()
            && abilities.found.with(|found| found.data_at_risk())
            && !seen.get()
            && !state.cases.with(Vec::is_empty)
    };
    move || {
        shown().then(|| view! {
            <section class="notice home-screen" role="status" aria-labelledby="home-screen-title">
                <h2 id="home-screen-title">{tr("Keep your cases on this device")}</h2>
                <p>{tr("This browser may delete what Dispute Desk keeps here if you do not open it for a while (Safari does after 7 days without a visit). Added to your Home Screen, Dispute Desk keeps your cases.")}</p>
                <p>{move || abilities.found.with(|found| found.install.steps())}</p>
                <p class="hint">{tr("Until then, Dispute Desk reminds you to make a backup 3 days after a change.")}</p>
                <button type="button" class="button small" on:click=dismiss>{tr("Got it")}</button>
            </section>
        })
    }
}
