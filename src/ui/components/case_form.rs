//! The case form shared by "new case" and "edit case": validates as the buyer fixes mistakes,
//! saves, and opens the saved case. On a failed save the typed text stays on screen.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

use crate::domain::case::{Case, CaseDetails};

use crate::domain::form::{CaseForm, Field, FieldError};
use crate::domain::i18n::{tr, trn};
use crate::domain::rule_book::platform_choices;
use crate::domain::vocabulary::{FreeReturns, PaymentMethod, Platform, Problem, Status};
use crate::storage::{Settings, StorageError};
use crate::ui::browser::{now_utc, today};
use crate::ui::components::form_field::{Control, FormField};
use crate::ui::components::PasteReader;
use crate::ui::host_site::use_host_marketplaces;
use crate::ui::routes::case_path;
use crate::ui::service_worker::use_updates;
use crate::ui::state::AppState;
use crate::ui::use_draft::{use_draft, Draft};

fn options<T: Copy>(all: &[T], key: fn(T) -> &'static str, label: fn(T) -> &'static str) -> Control {
    Control::Select(all.iter().map(|choice| (key(*choice).to_owned(), label(*choice).to_owned())).collect())
}

/// The answers about the platform's own free returns that fit `platform`.
fn free_returns_choices(platform: Platform) -> Control {
    options(FreeReturns::offered_on(platform), FreeReturns::key, |choice| tr(choice.label()))
}

fn focus_field(field: Field) {
    let element =
        web_sys::window().and_then(|window| window.document()).and_then(|doc| doc.get_element_by_id(field.key()));
    if let Some(element) = element.and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// Writes `case` and offers its currency for the next case. An edit (`started_from` the stored
/// version it began from) is refused if another tab saved the case in between.
pub async fn save_case(state: AppState, case: Case, started_from: Option<Case>) -> Result<(), StorageError> {
    let currency = case.details.amount.as_ref().map(|money| money.currency.clone());
    match started_from {
        Some(version) => state.save_edit(case, version).await?,
        None => state.save(case).await?,
    }
    if let Some(currency) = currency {
        // A preference only: failing to remember it must not fail the save.
        let _ = Settings { currency, ..Settings::load() }.save();
    }
    Ok(())
}

/// Saves `case` (see [`save_case`]) and opens its page; on failure the page stays as it is and
/// `error` says why. `on_saved` runs once it is stored, before the case opens.
fn save_and_open(
    case: Case,
    started_from: Option<Case>,
    on_saved: impl FnOnce() + 'static,
    navigate: impl Fn(&str, leptos_router::NavigateOptions) + 'static,
    saving: RwSignal<bool>,
    error: RwSignal<Option<StorageError>>,
) {
    let state = AppState::expect();
    saving.set(true);
    error.set(None);
    spawn_local(async move {
        let id = case.id.clone();
        match save_case(state, case, started_from).await {
            Ok(()) => {
                on_saved();
                navigate(&case_path(&id), Default::default());
            }
            Err(failure) => error.set(Some(failure)),
        }
        saving.set(false);
    });
}

/// Keeps the buyer's form over the fields another tab saved in between, applied to the latest
/// stored case so that its journal, evidence and adjustments are kept, then opens the case.
fn save_mine_over_theirs(
    mine: Case,
    draft: Draft<CaseForm>,
    navigate: impl Fn(&str, leptos_router::NavigateOptions) + 'static,
    save_error: RwSignal<Option<StorageError>>,
) {
    let state = AppState::expect();
    spawn_local(async move {
        let id = mine.id.clone();
        let applied = state
            .update(&id, now_utc(), move |latest| {
                let status = mine.status();
                *latest = latest.edited(mine.details, status, today(), now_utc());
            })
            .await;
        match applied {
            Ok(()) => {
                draft.forget();
                navigate(&case_path(&id), Default::default());
            }
            Err(error) => save_error.set(Some(error)),
        }
    });
}

#[component]
pub fn CaseFormView(
    initial: CaseForm,
    submit_label: &'static str,
    /// Turns the valid details into the case to save (a new case, or an edit of an existing one).
    to_case: Callback<CaseDetails, Case>,
    /// Shown on the edit form only: the case's status.
    #[prop(optional)]
    status: Option<RwSignal<Status>>,
    /// For an edit: the case as the form opened it, to detect a save from another tab.
    #[prop(optional)]
    started_from: Option<Case>,
    /// Where the unsaved text is kept between visits: one key per form ("new", or the case's id).
    draft_key: String,
) -> impl IntoView {
    let navigate = use_navigate();
    let updates = use_updates();
    let untouched = initial.clone();
    let draft = use_draft(draft_key, initial);
    let form = draft.value;
    let restored = RwSignal::new(draft.restored);
    // An update must not reload the page over text the buyer has not saved.
    let saved_form = untouched.clone();
    Effect::new(move |_| updates.unsaved.set(form.with(|form| *form != saved_form)));
    on_cleanup(move || updates.unsaved.set(false));
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let attempted = RwSignal::new(false);
    let saving = RwSignal::new(false);
    let save_error = RwSignal::new(None::<StorageError>);
    let pending = StoredValue::new(None::<Case>);

    // After the first submit, messages disappear as soon as the buyer fixes each field.
    Effect::new(move |_| {
        if attempted.get() {
            errors.set(form.with(|form| form.validate(today()).err().unwrap_or_default()));
        }
    });

    let navigate_after_submit = navigate.clone();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if saving.get_untracked() {
            return;
        }
        attempted.set(true);
        let details = match form.with_untracked(|form| form.validate(today())) {
            Ok(details) => details,
            Err(found) => {
                if let Some(first) = found.first() {
                    focus_field(first.field);
                }
                errors.set(found);
                return;
            }
        };
        let case = to_case.run(details);
        pending.set_value(Some(case.clone()));
        save_and_open(
            case,
            started_from.clone(),
            move || draft.forget(),
            navigate_after_submit.clone(),
            saving,
            save_error,
        );
    };
    // After a conflict the buyer chooses: their form over the other tab's fields, or the other version.
    let overwrite = {
        let navigate = navigate.clone();
        Callback::new(move |()| {
            if let Some(mine) = pending.get_value() {
                save_mine_over_theirs(mine, draft, navigate.clone(), save_error);
            }
        })
    };
    let show_theirs = Callback::new(move |()| {
        if let Some(case) = pending.get_value() {
            draft.forget();
            navigate(&case_path(&case.id), Default::default());
        }
    });
    let discard = move |_| {
        draft.forget();
        form.set(untouched.clone());
        restored.set(false);
    };
    let fields = Fields { form, errors };

    view! {
        <form class="case-form" novalidate on:submit=submit>
            {move || restored.get().then(|| view! {
                <div class="notice" role="status">
                    {tr("This is what you typed last time; it is not saved yet.")}" "
                    <button type="button" class="button" on:click=discard.clone()>{tr("Discard it and start over")}</button>
                </div>
            })}
            {move || {
                let count = errors.with(Vec::len);
                (count > 0).then(|| view! {
                    <div class="notice danger" role="alert">
                        {trn("{count} thing needs fixing before saving.", "{count} things need fixing before saving.", count)}
                    </div>
                })
            }}
            <PasteReader current=form.into() on_apply=Callback::new(move |filled| form.set(filled)) />
            <TheOrder fields />
            <WhatWentWrong fields status />
            <DatesYouKnow fields />
            <FromTheOrderPage fields />
            {move || save_error.get().map(|error| view! { <NotSaved error overwrite show_theirs /> })}
            <div class="actions">
                <button type="submit" class="button primary" disabled=move || saving.get()>
                    {move || if saving.get() { tr("Saving…") } else { submit_label }}
                </button>
            </div>
        </form>
    }
}

/// The form and the problems found in it, which every field reads.
#[derive(Clone, Copy)]
struct Fields {
    form: RwSignal<CaseForm>,
    errors: RwSignal<Vec<FieldError>>,
}

impl Fields {
    fn field(self, field: Field, label: &'static str, control: Control) -> impl IntoView {
        let Fields { form, errors } = self;
        view! { <FormField field label control form errors /> }
    }

    fn hinted(self, field: Field, label: &'static str, control: Control, hint: &'static str) -> impl IntoView {
        let Fields { form, errors } = self;
        view! { <FormField field label control form errors hint /> }
    }
}

#[component]
fn TheOrder(fields: Fields) -> impl IntoView {
    let Fields { form, errors } = fields;
    let host_marketplaces = use_host_marketplaces();
    view! {
        <fieldset>
            <legend>{tr("The order")}</legend>
            {move || {
                // The host's marketplaces may arrive after the form is shown.
                host_marketplaces.track();
                fields.field(Field::Platform, tr("Where did you order?"), Control::Select(platform_choices(form.with_untracked(|form| form.kept_marketplace.clone()))))
            }}
            <FormField field=Field::OrderNumber label=tr("Order number") control=Control::text() form errors required=true
                hint=tr("As shown on the order page.") />
            {fields.field(Field::Seller, tr("Seller or store"), Control::text())}
            {fields.field(Field::Item, tr("Item"), Control::text())}
            <div class="field-row">
                {fields.field(Field::Amount, tr("Amount paid"), Control::Text { input_type: "text", input_mode: "decimal", autocomplete: "off" })}
                {fields.hinted(Field::Currency, tr("Currency"), Control::text(), tr("Three letters, e.g. USD, EUR."))}
            </div>
            {fields.field(Field::PaymentMethod, tr("How did you pay?"), options(PaymentMethod::ALL, PaymentMethod::key, |choice| tr(choice.label())))}
            {fields.field(Field::TrackingNumber, tr("Tracking number"), Control::text())}
            {fields.hinted(Field::TrackingUrl, tr("Tracking page"), Control::web_address(), tr("Paste the address of the page that tracks the parcel."))}
            {fields.hinted(Field::ListingUrl, tr("Listing"), Control::web_address(), tr("Paste the address of the item's page, to show what was promised."))}
        </fieldset>
    }
}

/// The problem, in the platform's words and the buyer's own, and (when editing) where the case stands.
#[component]
fn WhatWentWrong(fields: Fields, status: Option<RwSignal<Status>>) -> impl IntoView {
    view! {
        <fieldset>
            <legend>{tr("What went wrong")}</legend>
            {fields.field(Field::Problem, tr("The problem"), options(Problem::ALL, Problem::key, |choice| tr(choice.label())))}
            {fields.hinted(Field::Description, tr("In your own words"), Control::TextArea,
                tr("A sentence or two on what is wrong (\"Left earbud does not charge\"). The messages written for you quote it; the notes below stay private."))}
            {status.map(|status| view! {
                <div class="field">
                    <label for="status">{tr("Where the case stands")}</label>
                    <select id="status" name="status"
                        on:change=move |event| {
                            if let Some(chosen) = Status::from_key(&event_target_value(&event)) {
                                status.set(chosen);
                            }
                        }>
                        {Status::ALL.iter().map(|choice| view! {
                            <option value=choice.key() selected=move || status.get() == *choice>{tr(choice.label())}</option>
                        }).collect_view()}
                    </select>
                </div>
            })}
            {fields.field(Field::Notes, tr("Notes"), Control::TextArea)}
        </fieldset>
    }
}

#[component]
fn DatesYouKnow(fields: Fields) -> impl IntoView {
    let past_max = (today() + chrono::Duration::days(1)).format("%Y-%m-%d").to_string();
    let past_date = move || Control::Date { max: Some(past_max.clone()) };
    view! {
        <fieldset>
            <legend>{tr("Dates you know")}</legend>
            <p class="hint">{tr("Leave out any you don't know. They set your deadlines.")}</p>
            {fields.field(Field::Paid, tr("Paid on"), past_date())}
            {fields.field(Field::Shipped, tr("Shipped on"), past_date())}
            {fields.field(Field::PromisedDelivery, tr("Promised delivery by"), Control::Date { max: None })}
            {fields.field(Field::Delivered, tr("Delivered on"), past_date())}
            {fields.hinted(Field::ReceiptConfirmed, tr("Receipt confirmed on"), past_date(),
                tr("Only if you pressed \"Confirm receipt\". Never confirm before checking the goods."))}
        </fieldset>
    }
}

/// What only the order page shows: the protection timer, and whether the item has the
/// platform's free returns.
#[component]
fn FromTheOrderPage(fields: Fields) -> impl IntoView {
    let form = fields.form;
    view! {
        <fieldset>
            <legend>{tr("From the order page")}</legend>
            {fields.hinted(Field::ProtectionEnds, tr("Buyer protection ends on"), Control::Date { max: None },
                tr("The date the order page's protection timer shows. It beats any estimate."))}
            {move || match Platform::from_key(&form.with(|form| form.platform.clone())) {
                Some(Platform::AliExpress) => Some(fields.hinted(
                    Field::FreeReturns,
                    tr("Sold with \"Free Returns\"?"),
                    free_returns_choices(Platform::AliExpress),
                    tr("Look for the \"Free Returns\" icon on the listing or under \"Return/refunds\" on the order page. Such items can be sent back for any reason, even after the dispute window."),
                )),
                Some(Platform::AlibabaTradeAssurance) => Some(fields.hinted(
                    Field::FreeReturns,
                    tr("Marked \"Easy Return\"?"),
                    free_returns_choices(Platform::AlibabaTradeAssurance),
                    tr("Look for \"Easy Return\" on the product page: a quality problem can then be sent back free within 30 days of receipt, in the countries it lists."),
                )),
                _ => None,
            }}
        </fieldset>
    }
}

/// Why the save failed; when another tab saved the case in between, the two ways on.
#[component]
fn NotSaved(error: StorageError, overwrite: Callback<()>, show_theirs: Callback<()>) -> impl IntoView {
    let conflict = error == StorageError::ChangedElsewhere;
    view! {
        <div class="notice danger" role="alert">
            <strong>{tr("Not saved.")}" "</strong>{error.to_string()}
            {conflict.then(|| view! {
                <div class="actions">
                    <button type="button" class="button" on:click=move |_| overwrite.run(())>{tr("Save mine over it")}</button>
                    <button type="button" class="button" on:click=move |_| show_theirs.run(())>{tr("Discard mine and see the other version")}</button>
                </div>
            })}
        </div>
    }
}
