//! The number of deadlines within 48 hours on the installed app's icon (the App Badging API),
//! where the browser offers it, so the buyer sees it on the home screen after closing the app.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::ui::state::{AppState, Loading};

pub fn watch_app_badge() {
    let state = AppState::expect();
    // Only once the cases are loaded: before, every count would be zero.
    let due = Memo::new(move |_| (state.loading.get() == Loading::Ready).then(|| state.due_soon.with(|due| due.count)));
    Effect::new(move |_| {
        if let Some(count) = due.get() {
            show(count);
        }
    });
}

/// Sets the badge, or clears it at zero. Browsers without badges lack the methods, and one that
/// refuses (not installed) rejects: neither is the buyer's concern.
fn show(count: usize) {
    let Some(navigator) = web_sys::window().map(|window| window.navigator()) else { return };
    let (name, argument) = if count == 0 { ("clearAppBadge", None) } else { ("setAppBadge", Some(count as f64)) };
    // Not in web-sys's stable bindings: looked up by name, as feature detection does.
    let method = js_sys::Reflect::get(&navigator, &JsValue::from_str(name)).ok();
    let Some(method) = method.and_then(|method| method.dyn_into::<js_sys::Function>().ok()) else { return };
    let called = match argument {
        Some(count) => method.call1(&navigator, &JsValue::from_f64(count)),
        None => method.call0(&navigator),
    };
    if let Some(promise) = called.ok().and_then(|value| value.dyn_into::<js_sys::Promise>().ok()) {
        spawn_local(async move {
            let _ = JsFuture::from(promise).await;
        });
    }
}
