//! The case's journal: what happened, in order, with corrections kept.

use leptos::prelude::*;

use crate::ui::components::JournalView;
use crate::ui::pages::with_routed_case;

#[component]
pub fn Journal() -> impl IntoView {
    with_routed_case(|case| view! { <JournalView case /> })
}
