use leptos::prelude::*;

use crate::domain::form::CaseForm;
use crate::domain::i18n::{tr, trf};
use crate::ui::browser::{now_utc, today};
use crate::ui::components::CaseFormView;
use crate::ui::pages::with_routed_case_once;

#[component]
pub fn EditCase() -> impl IntoView {
    with_routed_case_once(|case| {
        let status = RwSignal::new(case.status());
        let initial = CaseForm::from_details(&case.details);
        let title = trf("Edit: {case}", &[("case", &case.title())]);
        let started_from = case.clone();
        let draft_key = format!("case-form:{}", case.id);
        let to_case = Callback::new(move |details| case.edited(details, status.get_untracked(), today(), now_utc()));
        view! {
            <h1>{title}</h1>
            <CaseFormView initial submit_label=tr("Save changes") to_case status started_from draft_key />
        }
    })
}
