//! For the people who host Dispute Desk, linked from nowhere: what the app read from their
//! `site.json` and every entry it refused, with the reason. In English, like the file's keys.

use leptos::prelude::*;

use crate::domain::site::HostRule;
use crate::ui::host_site::use_host_site;

#[component]
pub fn HostCheck() -> impl IntoView {
    let site = use_host_site();
    view! {
        <h1>"Host check: site.json"</h1>
        <p>"What this copy of Dispute Desk read from the site.json file beside its index.html. Buyers see the app working with everything listed as used; every problem below was left out. The format is described in the project's docs/SITE.md; site.example.json beside this app's index.html is a complete example."</p>
        {move || site.with(|site| {
            let nothing = site.organization.is_none() && site.marketplaces.is_empty() && site.problems.is_empty();
            view! {
                <section class="card">
                    <h2>"Problems"</h2>
                    {if site.problems.is_empty() {
                        view! { <p class="host-check-clean">{if nothing { "site.json holds no settings (as the build ships it), or this host has none: the app runs as shipped." } else { "None: every entry was used." }}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="host-check-problems">
                                {site.problems.iter().map(|problem| view! {
                                    <li><code>{problem.place.clone()}</code>" "{problem.reason.clone()}</li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                <section class="card">
                    <h2>"Organisation"</h2>
                    {match &site.organization {
                        Some(organization) => view! {
                            <p>{organization.name.clone()}" · help: "{organization.help_link().unwrap_or_else(|| "none".into())}</p>
                        }.into_any(),
                        None => view! { <p>"None."</p> }.into_any(),
                    }}
                </section>
                <section class="card">
                    <h2>"Marketplaces"</h2>
                    {if site.marketplaces.is_empty() {
                        view! { <p>"None."</p> }.into_any()
                    } else {
                        site.marketplaces.iter().map(|marketplace| view! {
                            <h3>{format!("{} ({})", marketplace.name, marketplace.id)}</h3>
                            <ul>{marketplace.rules.iter().map(|rule| view! { <li>{rule_line(rule)}</li> }).collect_view()}</ul>
                        }).collect_view().into_any()
                    }}
                </section>
            }
        })}
    }
}

fn rule_line(rule: &HostRule) -> String {
    let count = if rule.business_days { "business days" } else { "days" };
    let source = rule
        .source
        .as_ref()
        .map_or_else(|| "no source".into(), |source| format!("source: {} <{}>", source.title, source.url));
    format!("{}: {} {count} after {} ({source})", rule.deadline.key(), rule.days, rule.counts_from.key())
}
