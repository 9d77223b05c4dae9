//! The Leptos user interface: thin pages over the domain core and the storage layer.

mod abilities;
mod app;
mod app_badge;
mod backup_io;
mod browser;
mod case_work;
mod components;
mod file_intake;
mod host_site;
pub mod language;
mod pages;
mod reminders;
mod routes;
mod service_worker;
mod share_codec;
mod state;
mod tab_sync;
mod use_draft;
mod use_now;

pub use app::App;

/// Entry point of the wasm build.
pub fn start() {
    console_error_panic_hook::set_once();
    let locale = language::chosen_locale();
    language::mark_document(locale);
    // A buyer with cases needs the chunk that reads and shows them: it downloads meanwhile.
    if crate::storage::had_cases() {
        wasm_bindgen_futures::spawn_local(async {
            // A failure is met again, and shown, when the cases are loaded.
            let _ = case_work::load_case_work().await;
        });
    }
    // Leptos's own executor starts with the app; the first screen's texts are fetched before that.
    wasm_bindgen_futures::spawn_local(async move {
        let catalog = language::load_catalog(locale).await;
        language::install_formats(catalog.locale);
        crate::domain::i18n::install(catalog);
        // Before the app mounts, so that any screen beyond the first finds it under way.
        language::install_rest_of_catalog(locale);
        leptos::mount::mount_to_body(App);
        if let Some(document) = web_sys::window().and_then(|window| window.document()) {
            remove_first_paint(&document);
        }
    });
}

/// index.html's first paint goes in the same moment the app appears, so the page never holds two
/// copies of its first screen. A keyboard user who had tabbed into it keeps their place: the focus
/// moves to the app's link to the same address.
fn remove_first_paint(document: &web_sys::Document) {
    use wasm_bindgen::JsCast;
    let Some(boot) = document.get_element_by_id("boot") else { return };
    let focused = document
        .active_element()
        .filter(|element| boot.contains(Some(element)))
        .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .map(|link| link.href());
    boot.remove();
    let Some(address) = focused else { return };
    let Ok(links) = document.query_selector_all("a[href]") else { return };
    let same = (0..links.length())
        .filter_map(|index| links.item(index)?.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .find(|link| link.href() == address);
    if let Some(link) = same {
        let _ = link.focus();
    }
}
