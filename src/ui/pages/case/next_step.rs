//! The case's first screen: the one next step, the deadline it races and the buttons that record
//! it, with a way to the message that step needs.

use leptos::prelude::*;

use crate::ui::components::GuideCard;
use crate::ui::pages::with_routed_case;

#[component]
pub fn NextStep() -> impl IntoView {
    with_routed_case(|case| view! { <GuideCard case /> })
}
