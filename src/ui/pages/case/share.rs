//! Handing the case to a helper: a case file or a link, and the printable case file.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::i18n::tr;
use crate::ui::browser::href;
use crate::ui::components::ShareCase;
use crate::ui::pages::with_routed_case;
use crate::ui::routes::print_path;

#[component]
pub fn Share() -> impl IntoView {
    with_routed_case(|case| {
        let print = print_path(&case.id);
        view! {
            <ShareCase case />
            <section class="card" aria-labelledby="print-title">
                <h2 id="print-title">{tr("Printable case file")}</h2>
                <p>{tr("Summary, deadlines, journal and evidence index on paper or as a PDF: what a bank asks for in a chargeback.")}</p>
                <A href=href(&print) attr:class="button">{tr("Printable case file")}</A>
            </section>
        }
    })
}
