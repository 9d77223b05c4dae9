//! The service worker that makes the app work offline, and the "update available" flow: a new
//! version waits until the buyer agrees, and never takes over while a form holds unsaved text.

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
