//! Before the next order: the guides' advice for not needing a dispute again.

use leptos::prelude::*;

use crate::ui::browser::href;
use leptos_router::components::A;

const ADVICE: &[(&str, &str)] = &[
    ("Check the seller", "Read the store's rating, its age and recent feedback with photos, not only the stars."),
    ("Ask before you buy", "Ask about size, materials, compatibility and delivery time in the platform's chat, and keep the answers."),
    ("Order a sample first", "For a large or custom order on Alibaba.com, pay for a sample before the full order."),
    ("Pay the protected way", "Pay through the platform (Trade Assurance on Alibaba.com) by card or PayPal. Never pay by bank transfer or outside the platform."),
    ("Keep every conversation on the platform", "Agreements made elsewhere may not count as evidence."),
    ("Screenshot the listing", "Photos, description and specifications as they were when you bought: listings change."),
    ("Note the dates", "The promised delivery date and the protection timer on the order page. Dispute Desk can count them down."),
    ("Track the parcel", "Check it now and then; if it stops moving, message the seller before the promised date passes."),
    ("Film the unboxing", "One continuous video from the sealed parcel to the item working is the strongest evidence there is."),
    ("Inspect before you confirm", "Never confirm receipt until you have checked the goods: it shortens your protection."),
];

#[component]
pub fn Checklist() -> impl IntoView {
    view! {
        <h1>"Before your next order"</h1>
        <p class="lead">"Ten habits that avoid most disputes, from the guides Dispute Desk is built on."</p>
        <ol class="card checklist">
            {ADVICE.iter().map(|(title, detail)| view! { <li><strong>{*title}</strong>". "{*detail}</li> }).collect_view()}
        </ol>
        <p><A href=href("/")>"Back to your cases"</A></p>
    }
}
