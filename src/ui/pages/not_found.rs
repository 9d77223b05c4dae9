use leptos::prelude::*;

use crate::domain::i18n::tr;
use crate::ui::browser::href;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="card">
            <h1>{tr("Nothing here")}</h1>
            <p>{tr("This case does not exist on this device. It may have been deleted, or the link came from another device.")}</p>
            <A href=href("/") attr:class="button">{tr("Back to your cases")}</A>
        </section>
    }
}
