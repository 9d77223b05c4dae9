//! The Leptos user interface: thin pages over the domain core and the storage layer.

mod app;
mod backup_io;
mod browser;
mod components;
mod file_intake;
mod pages;
mod reminders;
mod service_worker;
mod share_codec;
mod state;
mod use_draft;
mod use_now;

pub use app::App;

/// Entry point of the wasm build.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
