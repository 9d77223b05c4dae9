//! What the buyer recorded about the order, and the ways to change or delete the case.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::domain::case::Case;

use crate::domain::i18n::day_text;
use crate::domain::i18n::{tr, trf};
use crate::domain::link::web_link;
use crate::domain::money::Money;
use crate::domain::vocabulary::Platform;
use crate::storage::StorageError;
use crate::ui::browser::{href, local_time_text};
use crate::ui::pages::with_routed_case;
use crate::ui::routes::edit_path;
use crate::ui::state::AppState;

/// The case's facts, and the ways to change or delete it.
#[component]
pub fn Details() -> impl IntoView {
    with_routed_case(|case| {
        let edit = edit_path(&case.id);
        view! {
            <section class="card" aria-labelledby="details-title">
                <h2 id="details-title">{tr("Details")}</h2>
                <CaseFacts case=case.clone() />
                <div class="actions">
                    <A href=href(&edit) attr:class="button">{tr("Edit case")}</A>
                    <DeleteCase case />
                </div>
            </section>
        }
    })
}

/// The facts of a case as a definition list: on its page, in a shared link, in print.
#[component]
pub fn CaseFacts(case: Case) -> impl IntoView {
    let details = &case.details;
    let known = |value: &str| if value.trim().is_empty() { "—".to_owned() } else { value.to_owned() };
    let day = |day: Option<chrono::NaiveDate>| day.map(day_text).unwrap_or_else(|| "—".into());
    let mut rows = vec![
        (tr("Platform"), details.platform_text()),
        (tr("Order number"), details.order_number.clone()),
        (tr("Seller"), known(&details.seller)),
        (tr("Item"), known(&details.item)),
        (tr("Tracking number"), known(&details.tracking_number)),
        (tr("Amount"), details.amount.as_ref().map(Money::local_text).unwrap_or_else(|| "—".into())),
        (tr("Paid with"), tr(details.payment_method.label()).to_owned()),
        (tr("Problem"), tr(details.problem.label()).to_owned()),
        (tr("In your own words"), known(&details.description)),
        (tr("Wanted"), details.wanted.map(|wanted| tr(wanted.label()).to_owned()).unwrap_or_else(|| "—".into())),
        (tr("Status"), tr(case.status().label()).to_owned()),
        (tr("Paid on"), day(details.dates.paid)),
        (tr("Shipped on"), day(details.dates.shipped)),
        (tr("Promised delivery"), day(details.dates.promised_delivery)),
        (tr("Delivered on"), day(details.dates.delivered)),
        (tr("Receipt confirmed"), day(details.dates.receipt_confirmed)),
        (tr("Protection ends (order page)"), day(details.protection_ends)),
    ];
    let free_returns = match details.platform {
        Platform::AliExpress => Some(tr("Free Returns")),
        Platform::AlibabaTradeAssurance => Some(tr("Easy Return")),
        Platform::OtherMarketplace => None,
    };
    if let Some(programme) = free_returns {
        rows.insert(4, (programme, tr(details.free_returns.label()).to_owned()));
    }
    let addresses = [(tr("Tracking page"), details.tracking_url.clone()), (tr("Listing"), details.listing_url.clone())];
    let notes = details.notes.clone();
    let updated = local_time_text(case.updated_at);
    view! {
        <dl class="details">
            {rows.into_iter().map(|(term, value)| view! { <dt>{term}</dt><dd>{value}</dd> }).collect_view()}
            {addresses.into_iter().filter(|(_, address)| !address.trim().is_empty()).map(|(term, address)| view! {
                <dt>{term}</dt><dd class="address"><WebLink address /></dd>
            }).collect_view()}
        </dl>
        {(!notes.trim().is_empty()).then(|| view! { <h3>{tr("Notes")}</h3><p class="notes">{notes}</p> })}
        <p class="meta">{trf("Last changed {time}", &[("time", &updated)])}</p>
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
            aria-expanded=move || confirming.get().to_string()>{tr("Delete case")}</button>
        {move || confirming.get().then(|| view! {
            <div class="confirm card" role="group" aria-label=tr("Confirm deletion")>
                <p><strong>{tr("Delete this case for good?")}</strong>" "{tr("It is removed from this device and cannot be brought back.")}</p>
                <button type="button" class="button danger" node_ref=confirm_ref on:click=delete.clone()>{tr("Yes, delete it")}</button>
                <button type="button" class="button" on:click=move |_| confirming.set(false)>{tr("Keep it")}</button>
            </div>
        })}
        {move || error.get().map(|failure| view! {
            <div class="notice danger" role="alert"><strong>{tr("Not deleted.")}" "</strong>{failure.to_string()}</div>
        })}
    }
}
