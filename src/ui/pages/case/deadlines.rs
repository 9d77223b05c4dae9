//! The case's deadlines as a chain, with today marked.

use leptos::prelude::*;

use crate::ui::components::Timeline;
use crate::ui::pages::with_routed_case;

#[component]
pub fn Deadlines() -> impl IntoView {
    with_routed_case(|case| view! { <Timeline case /> })
}
