//! Browser notifications for deadlines 48 and 24 hours away, only when the buyer has turned
//! reminders on. They work while the app is open in a tab; there is no server to push them.

use chrono::Duration;
use leptos::prelude::*;

use crate::domain::clock::time_left_text;
use crate::domain::i18n::tr;
use crate::domain::ics::uid;
use crate::domain::overview::due_soon;
use crate::storage::Settings;
use crate::ui::browser::buyer_zone;
use crate::ui::state::{AppState, Loading};
use crate::ui::use_now::use_minute;

pub fn notifications_allowed() -> bool {
    web_sys::Notification::permission() == web_sys::NotificationPermission::Granted
}

/// Asks the browser for permission; resolves to whether reminders can be shown.
pub async fn ask_permission() -> bool {
    match web_sys::Notification::request_permission() {
        Ok(promise) => wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .ok()
            .and_then(|answer| answer.as_string())
            .is_some_and(|answer| answer == "granted"),
        Err(_) => false,
    }
}

/// Whether reminders are on, shared so that turning them on acts at once.
#[derive(Clone, Copy)]
pub struct RemindersOn(pub RwSignal<bool>);

pub fn use_reminders_on() -> RwSignal<bool> {
    expect_context::<RemindersOn>().0
}

/// Shows each reminder once: when a deadline comes within 48 hours, and again within 24.
pub fn watch_reminders() {
    let state = AppState::expect();
    let minute = use_minute();
    let on = RwSignal::new(Settings::load().reminders && notifications_allowed());
    provide_context(RemindersOn(on));
    Effect::new(move |_| {
        let now = minute.get();
        // Before the cases are loaded every reminder would look stale and be forgotten.
        if !on.get() || state.loading.get() != Loading::Ready || !notifications_allowed() {
            return;
        }
        let mut settings = Settings::load();
        let mut changed = false;
        let live: Vec<String> = state.cases.with(|cases| {
            let soon = state.chains.with(|chains| due_soon(cases, chains, &buyer_zone(), now));
            for item in &soon {
                let stage = if item.deadline.due - now <= Duration::hours(24) { "24h" } else { "48h" };
                let key = format!("{}:{}:{stage}", uid(item.case, &item.deadline), item.deadline.last_day);
                if settings.reminded.contains(&key) {
                    continue;
                }
                let options = web_sys::NotificationOptions::new();
                options.set_body(&format!("{}: {}", item.case.title(), time_left_text(item.deadline.due, now)));
                options.set_tag(&key);
                let title = format!("Dispute Desk: {}", tr(item.deadline.kind.label()));
                // Some phones only allow notifications from a service worker; the banner still shows.
                if web_sys::Notification::new_with_options(&title, &options).is_ok() {
                    settings.reminded.insert(key);
                    changed = true;
                }
            }
            soon.iter().map(|item| uid(item.case, &item.deadline)).collect()
        });
        // Forget reminders of deadlines no longer close, so the set stays small.
        let before = settings.reminded.len();
        settings.reminded.retain(|key| live.iter().any(|uid| key.starts_with(uid.as_str())));
        if changed || settings.reminded.len() != before {
            let _ = settings.save();
        }
    });
}
