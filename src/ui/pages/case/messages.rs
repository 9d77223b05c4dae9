//! The messages written for the buyer, the ones the next step needs offered first.

use leptos::prelude::*;

use crate::domain::deadline::chain;
use crate::domain::guide::guide;
use crate::ui::browser::{buyer_zone, now_utc};
use crate::ui::components::MessageWriter;
use crate::ui::pages::with_routed_case;

#[component]
pub fn Messages() -> impl IntoView {
    with_routed_case(|case| {
        let suggested = guide(&case, &chain(&case, &buyer_zone(), now_utc())).templates;
        view! { <MessageWriter case suggested /> }
    })
}
