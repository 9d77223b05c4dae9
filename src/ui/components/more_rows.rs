//! A long list shown a page at a time: the next page comes when the end of the list scrolls into
//! view, or when the buyer presses the button (for keyboards and screen readers).

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;

use crate::domain::i18n::trf;

pub const PAGE: usize = 50;

/// How many rows to show, growing by [`PAGE`] each time the sentinel below the list is reached.
#[component]
pub fn MoreRows(shown: RwSignal<usize>, total: Signal<usize>) -> impl IntoView {
    let sentinel = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(element) = sentinel.get() else { return };
        let on_seen = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let seen = entries
                .iter()
                .filter_map(|entry| entry.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
                .any(|entry| entry.is_intersecting());
            if seen && shown.get_untracked() < total.get_untracked() {
                shown.update(|shown| *shown += PAGE);
            }
        });
        // The JavaScript side owns the callback from here; disconnecting lets both be collected.
        if let Ok(observer) = web_sys::IntersectionObserver::new(on_seen.into_js_value().unchecked_ref()) {
            observer.observe(&element);
            let observer = SendWrapper::new(observer);
            on_cleanup(move || observer.disconnect());
        }
    });
    view! {
        <div node_ref=sentinel class="more-rows">
            {move || (shown.get() < total.get()).then(|| view! {
                <button type="button" class="button" on:click=move |_| shown.update(|shown| *shown += PAGE)>
                    {move || trf("Show more ({shown} of {total})", &[("shown", &shown.get().min(total.get())), ("total", &total.get())])}
                </button>
            })}
        </div>
    }
}
