//! Reminders 2 days and 1 day before each deadline, only when the buyer has turned them on. The
//! app keeps their schedule in storage whenever the cases change; the service worker shows them,
//! each once: while the app is open (asked each minute) and, where the browser wakes an installed
//! app in the background, while it is closed. There is no server: nothing leaves the device.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::reminders::schedule;
use crate::storage::Settings;
use crate::ui::browser::buyer_zone;
use crate::ui::service_worker::{show_due_reminders, wake_for_reminders};
use crate::ui::state::{AppState, Loading};
use crate::ui::use_now::use_minute;

/// Whether the buyer allowed notifications; never, where the browser has none (Safari on iPhone
/// outside an app added to the Home Screen), whose `Notification` must not be touched.
pub fn notifications_allowed() -> bool {
    crate::ui::abilities::detect().notifications
        && web_sys::Notification::permission() == web_sys::NotificationPermission::Granted
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

/// Whether reminders are on, and whether they also come while the app is closed (unknown until
/// the browser has answered), shared so that turning them on acts at once.
#[derive(Clone, Copy)]
pub struct Reminders {
    pub on: RwSignal<bool>,
    pub while_closed: RwSignal<Option<bool>>,
}

pub fn use_reminders() -> Reminders {
    expect_context::<Reminders>()
}

/// Shares the reminders' switch and asks the browser to wake the app for them; their schedule is
/// kept by the cases chunk ([`keep_schedule`]) once it has arrived: without cases there is nothing
/// to remind of, and a first visit does not download that code.
pub fn provide_reminders() {
    let state = AppState::expect();
    let reminders = Reminders {
        on: RwSignal::new(Settings::load().reminders && notifications_allowed()),
        while_closed: RwSignal::new(None),
    };
    provide_context(reminders);
    Effect::new(move |_| {
        let on = reminders.on.get();
        spawn_local(async move { reminders.while_closed.set(Some(wake_for_reminders(on).await)) });
    });
    Effect::new(move |_| {
        if let Some(work) = state.work.get() {
            (work.keep_reminders)(reminders);
        }
    });
}

/// Keeps the schedule in step with the cases and has the due reminders shown.
pub fn keep_schedule(reminders: Reminders) {
    let state = AppState::expect();
    let minute = use_minute();
    // None until the cases are loaded: an empty list then would forget which reminders were shown.
    let wanted = Memo::new(move |_| match (reminders.on.get(), state.loading.get()) {
        (false, _) => Some(Vec::new()),
        (true, Loading::Ready) => Some(
            state.cases.with(|cases| state.chains.with(|chains| schedule(cases, chains, &buyer_zone(), minute.get()))),
        ),
        (true, _) => None,
    });
    Effect::new(move |_| {
        let Some(wanted) = wanted.get() else { return };
        spawn_local(async move {
            if state.replace_reminders(&wanted).await.is_ok() && !wanted.is_empty() {
                show_due_reminders(minute.get_untracked()).await;
            }
        });
    });
    Effect::new(move |_| {
        let now = minute.get();
        if reminders.on.get_untracked() && notifications_allowed() {
            spawn_local(show_due_reminders(now));
        }
    });
}
