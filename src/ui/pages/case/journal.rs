//! The case's journal: what happened, in order, with corrections kept. The entries follow every
//! change to the case (here or in another tab); the form that adds one is built once, so a save
//! elsewhere never clears what the buyer is typing.

use leptos::prelude::*;

use crate::domain::i18n::tr;
use crate::ui::components::{AddEntry, JournalEntries};
use crate::ui::pages::{with_routed_case, with_routed_case_once};

#[component]
pub fn Journal() -> impl IntoView {
    view! {
        <section class="card journal" aria-labelledby="journal-title">
            <h2 id="journal-title">{tr("Journal")}</h2>
            {with_routed_case(|case| view! { <JournalEntries case /> })}
            {with_routed_case_once(|case| view! { <AddEntry case /> })}
        </section>
    }
}
