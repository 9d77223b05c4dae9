//! Hands a case to a helper without a server: as a case file, or as a link that carries the case
//! in its fragment, optionally sealed with a passphrase.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::case::Case;
use crate::domain::i18n::{tr, trf};
use crate::domain::share::{case_bytes, encode, Sealed, ShareError, FRAGMENT_KEY, LONG_LINK_CHARS};
use crate::ui::backup_io::{download_backup, Scope};
use crate::ui::browser::{app_url, now_utc};
use crate::ui::host_site::use_host_site;
use crate::ui::share_codec::{compress, encrypt};
use crate::ui::state::AppState;

async fn make_link(case: &Case, passphrase: &str) -> Result<String, ShareError> {
    let packed = compress(&case_bytes(case)?).await?;
    let sealed = if passphrase.is_empty() { Sealed::Plain(packed) } else { encrypt(&packed, passphrase).await? };
    Ok(format!("{}#{FRAGMENT_KEY}{}", app_url("/shared"), encode(&sealed)))
}

#[component]
pub fn ShareCase(case: Case) -> impl IntoView {
    let state = AppState::expect();
    let with_media = RwSignal::new(true);
    let passphrase = RwSignal::new(String::new());
    let link = RwSignal::new(None::<String>);
    let message = RwSignal::new(None::<String>);
    let case_for_link = case.clone();
    let create_link = move |_| {
        let case = case_for_link.clone();
        spawn_local(async move {
            match make_link(&case, &passphrase.get_untracked()).await {
                Ok(made) => {
                    link.set(Some(made));
                    message.set(None);
                }
                Err(error) => message.set(Some(error.to_string())),
            }
        });
    };
    let (id, order) = (case.id.clone(), case.details.order_number.clone());
    let order_for_mail = order.clone();
    let host_site = use_host_site();
    // The host's help address, where it has one: the buyer's own mail app sends the link.
    let mail_to_host = move |link: &str, order: &str| {
        let organization = host_site.with(|site| site.organization.clone())?;
        let address = organization.mail_address()?.to_owned();
        let subject = trf("Dispute Desk case: order {order}", &[("order", &order)]);
        let href = format!(
            "mailto:{address}?subject={}&body={}",
            js_sys::encode_uri_component(&subject),
            js_sys::encode_uri_component(link)
        );
        Some(view! {
            <p><a class="button" href=href>{trf("Send the link to {organization} by e-mail", &[("organization", &organization.name)])}</a></p>
        })
    };
    let download = move |_| {
        let (id, order) = (id.clone(), order.clone());
        spawn_local(async move {
            let name =
                format!("dispute-desk-case-{}", order.chars().filter(char::is_ascii_alphanumeric).collect::<String>());
            let outcome =
                download_backup(state, Scope::OneCase(id), with_media.get_untracked(), &name, now_utc()).await;
            message.set(
                outcome.err().map(|error| trf("The case file could not be made ({error}).", &[("error", &error)])),
            );
        });
    };
    view! {
        <section class="card" aria-labelledby="share-title">
            <h2 id="share-title">{tr("Share with a helper")}</h2>
            <p class="hint">{tr("Nothing goes through a server: you send the file or the link yourself.")}</p>
            <h3>{tr("As a case file")}</h3>
            <label class="checkbox">
                <input type="checkbox" prop:checked=move || with_media.get() on:change=move |ev| with_media.set(event_target_checked(&ev)) />
                " "{tr("Include photos, videos and documents")}
            </label>
            <div class="actions">
                <button type="button" class="button" on:click=download>{tr("Download this case as a file")}</button>
            </div>
            <p class="hint">{tr("Your helper opens it in Dispute Desk with Backup, Restore, Merge.")}</p>
            <h3>{tr("As a link (without files)")}</h3>
            <div class="field">
                <label for="share-passphrase">{tr("Passphrase (optional; tell it to your helper another way)")}</label>
                <input id="share-passphrase" type="password" autocomplete="new-password" prop:value=move || passphrase.get()
                    on:input=move |ev| { passphrase.set(event_target_value(&ev)); link.set(None); } />
            </div>
            <button type="button" class="button" on:click=create_link>{tr("Create the link")}</button>
            {move || link.get().map(|made| {
                let long = made.len() > LONG_LINK_CHARS;
                let length = made.len();
                let by_mail = (!long).then(|| mail_to_host(&made, &order_for_mail)).flatten();
                view! {
                    <div class="field">
                        <label for="share-link">{tr("The link")}</label>
                        <textarea id="share-link" rows="3" readonly=true prop:value=made></textarea>
                    </div>
                    {long.then(|| view! {
                        <p class="notice warning" role="status">{trf("This link is {length} characters long: some chat and mail apps cut links that long. If your helper cannot open it, send the case file instead.", &[("length", &length)])}</p>
                    })}
                    {by_mail}
                }
            })}
            {move || message.get().map(|text| view! { <p class="error-text" role="alert">{text}</p> })}
        </section>
    }
}
