use leptos::prelude::*;

use crate::domain::case::Case;
use crate::domain::form::CaseForm;
use crate::domain::i18n::tr;
use crate::storage::Settings;
use crate::ui::browser::{new_case_id, now_utc};
use crate::ui::components::CaseFormView;

#[component]
pub fn NewCase() -> impl IntoView {
    let to_case = Callback::new(|details| Case::new(new_case_id(), details, now_utc()));
    view! {
        <h1>{tr("New case")}</h1>
        <p class="lead">{tr("Record the order that went wrong. Only the order number is required; every date you add sharpens your deadlines.")}</p>
        <CaseFormView initial=CaseForm::blank(&Settings::load().currency) submit_label=tr("Save case") to_case draft_key="case-form:new".to_owned() />
    }
}
