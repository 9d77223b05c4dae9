//! Before the next order: the guides' advice for not needing a dispute again.

use leptos::prelude::*;

use crate::domain::i18n::tr;
use crate::ui::browser::href;
use leptos_router::components::A;

/// The guides' habits, each a title and what it means.
fn advice() -> [(&'static str, &'static str); 10] {
    [
    (tr("Check the seller"), tr("Read the store's rating, its age and recent feedback with photos, not only the stars.")),
    (tr("Ask before you buy"), tr("Ask about size, materials, compatibility and delivery time in the platform's chat, and keep the answers.")),
    (tr("Order a sample first"), tr("For a large or custom order on Alibaba.com, pay for a sample before the full order.")),
    (tr("Pay the protected way"), tr("Pay through the platform (Trade Assurance on Alibaba.com) by card or PayPal. Never pay by bank transfer or outside the platform.")),
    (tr("Keep every conversation on the platform"), tr("Agreements made elsewhere may not count as evidence.")),
    (tr("Screenshot the listing"), tr("Photos, description and specifications as they were when you bought: listings change.")),
    (tr("Note the dates"), tr("The promised delivery date and the protection timer on the order page. Dispute Desk can count them down.")),
    (tr("Track the parcel"), tr("Check it now and then; if it stops moving, message the seller before the promised date passes.")),
    (tr("Film the unboxing"), tr("One continuous video from the sealed parcel to the item working is the strongest evidence there is.")),
    (tr("Inspect before you confirm"), tr("Never confirm receipt until you have checked the goods: it shortens your protection.")),
]
}

#[component]
pub fn Checklist() -> impl IntoView {
    view! {
        <h1>{tr("Before your next order")}</h1>
        <p class="lead">{tr("Ten habits that avoid most disputes, from the guides Dispute Desk is built on.")}</p>
        <ol class="card checklist">
            {advice().into_iter().map(|(title, detail)| view! { <li><strong>{title}</strong>". "{detail}</li> }).collect_view()}
        </ol>
        <p><A href=href("/")>{tr("Back to your cases")}</A></p>
    }
}
