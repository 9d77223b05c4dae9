//! The public pages behind a rule or a legal route, each a link that opens in a new tab; the app
//! itself requests nothing from them.

use leptos::prelude::*;

use crate::domain::i18n::{tr, trf};
use crate::domain::rules::Reference;

#[component]
pub fn Sources(sources: &'static [Reference]) -> impl IntoView {
    (!sources.is_empty()).then(|| {
        view! {
            <p class="sources">
                {tr("Sources:")}
                {sources.iter().map(|source| view! {
                    " "<a href=source.address target="_blank" rel="noopener noreferrer">{source.title}</a>
                    // A host's own page has no day of checking: the host keeps it.
                    {(!source.checked.is_empty()).then(|| format!(" ({})", trf("checked {day}", &[("day", &source.checked)])))}
                }).collect_view()}
            </p>
        }
    })
}
