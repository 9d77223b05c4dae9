use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::domain::case::Case;
use crate::domain::deadline::chain;
use crate::domain::deadline::day_text;
use crate::domain::guide::guide;
use crate::domain::link::web_link;
use crate::storage::StorageError;
use crate::ui::browser::{buyer_zone, href, local_time_text, now_utc};
use crate::ui::components::{EvidenceLocker, GuideCard, JournalView, MessageWriter, ShareCase, Timeline};
use crate::ui::pages::with_routed_case;
use crate::ui::state::AppState;

#[component]
pub fn CaseDetail() -> impl IntoView {
    with_routed_case(|case| view! { <CaseView case /> })
}

#[component]
fn CaseView(case: Case) -> impl IntoView {
    let edit = format!("/cases/{}/edit", case.id);
    let print = format!("/cases/{}/print", case.id);
    let suggested = guide(&case, &chain(&case, &buyer_zone(), now_utc())).templates;
    view! {
        <article class="case">
            <p class="breadcrumb"><A href=href("/")>"All cases"</A></p>
            <h1>{case.title().to_owned()}</h1>
            <p class="lead">{case.details.platform.label()}" · order "{case.details.order_number.clone()}</p>
            <GuideCard case=case.clone() />
            <MessageWriter case=case.clone() suggested />
            <EvidenceLocker case=case.clone() />
            <Timeline case=case.clone() />
            <JournalView case=case.clone() />
            <section class="card">
                <h2>"Details"</h2>
                <CaseFacts case=case.clone() />
            </section>
            <ShareCase case=case.clone() />
            <div class="actions">
                <A href=href(&edit) attr:class="button">"Edit case"</A>
                <A href=href(&print) attr:class="button">"Printable case file"</A>
                <DeleteCase case />
            </div>
        </article>
    }
}

/// The facts of a case as a definition list: on its page, in a shared link, in print.
#[component]
pub fn CaseFacts(case: Case) -> impl IntoView {
    let details = &case.details;
    let known = |value: &str| if value.trim().is_empty() { "—".to_owned() } else { value.to_owned() };
    let day = |day: Option<chrono::NaiveDate>| day.map(day_text).unwrap_or_else(|| "—".into());
    let rows = vec![
        ("Platform", details.platform.label().to_owned()),
        ("Order number", details.order_number.clone()),
        ("Seller", known(&details.seller)),
        ("Item", known(&details.item)),
        ("Tracking number", known(&details.tracking_number)),
        ("Amount", details.amount.as_ref().map(ToString::to_string).unwrap_or_else(|| "—".into())),
        ("Paid with", details.payment_method.label().to_owned()),
        ("Problem", details.problem.label().to_owned()),
        ("Wanted", details.wanted.map(|wanted| wanted.label().to_owned()).unwrap_or_else(|| "—".into())),
        ("Status", case.status().label().to_owned()),
        ("Paid on", day(details.dates.paid)),
        ("Shipped on", day(details.dates.shipped)),
        ("Promised delivery", day(details.dates.promised_delivery)),
        ("Delivered on", day(details.dates.delivered)),
        ("Receipt confirmed", day(details.dates.receipt_confirmed)),
        ("Protection ends (order page)", day(details.protection_ends)),
    ];
    let addresses = [("Tracking page", details.tracking_url.clone()), ("Listing", details.listing_url.clone())];
    let notes = details.notes.clone();
    let updated = local_time_text(case.updated_at);
    view! {
        <dl class="details">
            {rows.into_iter().map(|(term, value)| view! { <dt>{term}</dt><dd>{value}</dd> }).collect_view()}
            {addresses.into_iter().filter(|(_, address)| !address.trim().is_empty()).map(|(term, address)| view! {
                <dt>{term}</dt><dd class="address"><WebLink address /></dd>
            }).collect_view()}
        </dl>
        {(!notes.trim().is_empty()).then(|| view! { <h3>"Notes"</h3><p class="notes">{notes}</p> })}
        <p class="meta">"Last changed " {updated}</p>
    }
}

/// An address the buyer entered: a link if it is http or https, otherwise just its text.
#[component]
fn WebLink(address: String) -> impl IntoView {
    match web_link(&address) {
        Some(safe) => {
            view! { <a href=safe.to_owned() rel="noopener noreferrer" target="_blank">{safe.to_owned()}</a> }.into_any()
        }
        None => view! { <span>{address}</span> }.into_any(),
    }
}

#[component]
fn DeleteCase(case: Case) -> impl IntoView {
    let state = AppState::expect();
    let navigate = use_navigate();
    let confirming = RwSignal::new(false);
    let error = RwSignal::new(None::<StorageError>);
    let confirm_ref = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = confirm_ref.get() {
            let _ = button.focus();
        }
    });
    let delete = move |_| {
        let (id, navigate) = (case.id.clone(), navigate.clone());
        spawn_local(async move {
            match state.delete(id).await {
                Ok(()) => navigate("/", Default::default()),
                Err(failure) => error.set(Some(failure)),
            }
        });
    };
    view! {
        <button type="button" class="button danger" on:click=move |_| confirming.set(true)
            aria-expanded=move || confirming.get().to_string()>"Delete case"</button>
        {move || confirming.get().then(|| view! {
            <div class="confirm card" role="group" aria-label="Confirm deletion">
                <p><strong>"Delete this case for good?"</strong>" It is removed from this device and cannot be brought back."</p>
                <button type="button" class="button danger" node_ref=confirm_ref on:click=delete.clone()>"Yes, delete it"</button>
                <button type="button" class="button" on:click=move |_| confirming.set(false)>"Keep it"</button>
            </div>
        })}
        {move || error.get().map(|failure| view! {
            <div class="notice danger" role="alert"><strong>"Not deleted. "</strong>{failure.to_string()}</div>
        })}
    }
}
