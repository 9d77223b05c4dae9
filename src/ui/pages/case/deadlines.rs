//! The case's deadlines as a chain, with today marked, and the buyer's legal rights beyond them.

use leptos::prelude::*;

use crate::ui::components::{LegalRights, Timeline};
use crate::ui::pages::with_routed_case;

#[component]
pub fn Deadlines() -> impl IntoView {
    with_routed_case(|case| {
        view! {
            <Timeline case=case.clone() />
            <LegalRights case />
        }
    })
}
