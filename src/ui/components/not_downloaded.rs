//! Shown in place of a part of the app whose code could not be downloaded (a dropped connection
//! on a first visit, before the app is kept for offline use).

use leptos::prelude::*;

use crate::domain::i18n::tr;
use crate::ui::browser::reload_page;

#[component]
pub fn NotDownloaded() -> impl IntoView {
    view! {
        <div class="notice warning" role="alert">
            <p><strong>{tr("This part of Dispute Desk could not be downloaded.")}</strong></p>
            <p>{tr("Your cases are safe on this device. Check the connection, then try again.")}</p>
            <button type="button" class="button" on:click=|_| reload_page()>{tr("Try again")}</button>
        </div>
    }
}
