//! Tells the buyer, in plain words, when their cases cannot be loaded or some are damaged.

use leptos::prelude::*;

use crate::domain::i18n::{tr, trn};
use crate::storage::StorageError;
use crate::ui::browser::reload_page;
use crate::ui::components::lazy_view::NotDownloaded;
use crate::ui::state::{AppState, Loading};

#[component]
pub fn StorageStatus() -> impl IntoView {
    let state = AppState::expect();
    view! {
        {move || state.outdated.get().then(|| view! {
            <div class="notice danger" role="alert">
                <strong>{crate::storage::StorageError::Outdated.to_string()}</strong>" "
                <button type="button" class="button small" on:click=|_| reload_page()>{tr("Reload")}</button>
            </div>
        })}
        {move || match state.loading.get() {
            // What cannot be downloaded can be tried again: the cases themselves are safe.
            Loading::Failed(StorageError::NotDownloaded) => Some(view! { <NotDownloaded /> }.into_any()),
            Loading::Failed(error) => Some(view! {
                <div class="notice danger" role="alert">
                    <strong>{tr("Your cases could not be opened.")}" "</strong>{error.to_string()}
                </div>
            }.into_any()),
            _ => None,
        }}
        {move || {
            let damaged = state.damaged.get();
            (!damaged.is_empty()).then(|| view! {
                <div class="notice warning" role="alert">
                    <strong>{trn("{count} stored case could not be read.", "{count} stored cases could not be read.", damaged.len())}" "</strong>
                    {tr("They are kept untouched.")}" "
                    <ul>
                        {damaged.into_iter().map(|record| view! {
                            <li>{record.id.unwrap_or_else(|| tr("(no id)").into())}": "{record.error.to_string()}</li>
                        }).collect_view()}
                    </ul>
                </div>
            })
        }}
    }
}
