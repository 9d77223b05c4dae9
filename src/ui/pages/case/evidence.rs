//! The case's evidence locker: its files and the checklist they tick.

use leptos::prelude::*;

use crate::ui::components::EvidenceLocker;
use crate::ui::pages::with_routed_case;

#[component]
pub fn Evidence() -> impl IntoView {
    with_routed_case(|case| view! { <EvidenceLocker case /> })
}
