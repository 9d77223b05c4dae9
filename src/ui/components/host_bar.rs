//! Who is helping the buyer, on every page and in the printed case file: the organisation that
//! hosts this copy of Dispute Desk, with its help link, as its `site.json` names them. Nothing
//! shows for a host without one.

use leptos::prelude::*;

use crate::domain::i18n::{tr, trf};
use crate::ui::host_site::use_host_site;

#[component]
pub fn HostBar() -> impl IntoView {
    let site = use_host_site();
    move || {
        site.with(|site| site.organization.clone()).map(|organization| {
            let help = organization.help_link();
            view! {
                <p class="host-bar">
                    <span>{trf("Helped by {organization}", &[("organization", &organization.name)])}</span>
                    {help.map(|address| view! {
                        " · "<a href=address.clone() data-address=address target="_blank" rel="noopener noreferrer">{tr("Get help")}</a>
                    })}
                </p>
            }
        })
    }
}
