//! The service worker that makes the app work offline, and the "update available" flow: a new
//! version waits until the buyer agrees, and never takes over while a form holds unsaved text.

use chrono::{DateTime, Utc};

use crate::domain::i18n::tr;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

#[derive(Clone, Copy)]
pub struct Updates {
    /// A new version is installed and waiting.
    pub ready: RwSignal<bool>,
    /// A form on screen holds text not saved yet.
    pub unsaved: RwSignal<bool>,
}

pub fn use_updates() -> Updates {
    expect_context::<Updates>()
}

fn container() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Absent outside secure contexts (a plain-http LAN host): the app then simply runs online.
    js_sys::Reflect::has(&navigator, &"serviceWorker".into()).ok()?.then(|| navigator.service_worker())
}

/// Registers the worker (beside index.html, so its scope is the app's base) and watches for updates.
pub fn register_service_worker() {
    let updates = Updates { ready: RwSignal::new(false), unsaved: RwSignal::new(false) };
    provide_context(updates);
    let Some(container) = container() else { return };
    spawn_local(async move {
        let Ok(registration) = JsFuture::from(container.register("sw.js")).await else { return };
        let registration: web_sys::ServiceWorkerRegistration = registration.unchecked_into();
        // Waiting since an earlier visit, or installed now beside the version in control.
        if registration.waiting().is_some() && container.controller().is_some() {
            updates.ready.set(true);
        }
        let watched = registration.clone();
        let on_update_found = Closure::<dyn FnMut()>::new(move || {
            let Some(installing) = watched.installing() else { return };
            let worker = installing.clone();
            let container = container.clone();
            let on_state = Closure::<dyn FnMut()>::new(move || {
                if worker.state() == web_sys::ServiceWorkerState::Installed && container.controller().is_some() {
                    updates.ready.set(true);
                }
            });
            installing.set_onstatechange(Some(on_state.into_js_value().unchecked_ref()));
        });
        // Both listeners live as long as the page.
        registration.set_onupdatefound(Some(on_update_found.into_js_value().unchecked_ref()));
    });
}

/// The app's worker registration, if there is one (never waits for one that may not come).
async fn registration() -> Option<web_sys::ServiceWorkerRegistration> {
    let found = JsFuture::from(container()?.get_registration()).await.ok()?;
    found.dyn_into().ok()
}

/// Asks the worker to show the reminders due at `now` (the app's clock), each once.
pub async fn show_due_reminders(now: DateTime<Utc>) {
    let Some(worker) = registration().await.and_then(|registration| registration.active()) else { return };
    let message = js_sys::Object::new();
    if js_sys::Reflect::set(&message, &"showRemindersAt".into(), &(now.timestamp_millis() as f64).into()).is_ok() {
        let _ = worker.post_message(&message);
    }
}

/// The tag under which the browser wakes the worker for reminders (public/sw.js).
const REMINDERS_SYNC: &str = "reminders";
/// How often the worker asks to be woken; browsers wake an installed app at most a few times a
/// day whatever is asked.
const REMINDERS_SYNC_EVERY_MS: f64 = 60.0 * 60.0 * 1000.0;

/// Asks the browser to wake the worker now and then to show reminders while the app is closed
/// (Periodic Background Sync, offered to an installed app in Chromium), or stops it. Resolves to
/// whether the browser agreed.
pub async fn wake_for_reminders(wanted: bool) -> bool {
    let Some(registration) = registration().await else { return false };
    let Ok(sync) = js_sys::Reflect::get(&registration, &"periodicSync".into()) else { return false };
    if sync.is_undefined() {
        return false;
    }
    let call = |name: &str, args: &js_sys::Array| -> Option<js_sys::Promise> {
        let method: js_sys::Function = js_sys::Reflect::get(&sync, &name.into()).ok()?.dyn_into().ok()?;
        method.apply(&sync, args).ok()?.dyn_into().ok()
    };
    let tag = JsValue::from_str(REMINDERS_SYNC);
    let promise = if wanted {
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"minInterval".into(), &REMINDERS_SYNC_EVERY_MS.into());
        call("register", &js_sys::Array::of2(&tag, &options))
    } else {
        call("unregister", &js_sys::Array::of1(&tag))
    };
    // The browser refuses an app that is not installed, or whose site settings block it.
    match promise {
        Some(promise) => JsFuture::from(promise).await.is_ok() && wanted,
        None => false,
    }
}

/// Hands over to the waiting version and reloads once it is in control.
pub fn accept_update() {
    let Some(container) = container() else { return };
    let reload = Closure::<dyn FnMut()>::new(crate::ui::browser::reload_page);
    container.set_oncontrollerchange(Some(reload.into_js_value().unchecked_ref()));
    spawn_local(async move {
        let Ok(registration) =
            JsFuture::from(container.ready().unwrap_or_else(|_| js_sys::Promise::resolve(&JsValue::NULL))).await
        else {
            return;
        };
        let registration: web_sys::ServiceWorkerRegistration = registration.unchecked_into();
        if let Some(waiting) = registration.waiting() {
            let _ = waiting.post_message(&"take-over".into());
        }
    });
}

#[component]
pub fn UpdateBanner() -> impl IntoView {
    let updates = use_updates();
    move || {
        updates.ready.get().then(|| view! {
            <div class="notice reminder" role="status">
                <strong>{tr("A new version of Dispute Desk is ready.")}" "</strong>
                {move || if updates.unsaved.get() {
                    view! { <span>{tr("Save what you are typing first, then reload to update.")}</span> }.into_any()
                } else {
                    view! { <button type="button" class="button small" on:click=move |_| accept_update()>{tr("Reload to update")}</button> }.into_any()
                }}
            </div>
        })
    }
}
