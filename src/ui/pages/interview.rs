//! "What happened?": six short questions, one at a time, that create a case and open its guide.
//! Quicker than the full form, which stays one link away.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::domain::advice::{reason_advice, resolution_meaning};
use crate::domain::case::{Case, PaymentMethod, Platform, Problem};
use crate::domain::form::{CaseForm, Field};
use crate::domain::i18n::{tr, trf};
use crate::domain::journal::Resolution;
use crate::storage::{Settings, StorageError};
use crate::ui::browser::{href, new_case_id, now_utc, today};
use crate::ui::components::save_and_open;

const QUESTIONS: usize = 6;

/// The question that asks for `field`, so a problem found at the end sends the buyer back to it.
fn question_of(field: Field) -> usize {
    match field {
        Field::Platform => 0,
        Field::Problem => 1,
        Field::Paid | Field::Shipped | Field::Delivered => 2,
        Field::Wanted => 3,
        Field::PaymentMethod => 4,
        _ => 5,
    }
}

#[component]
fn Choices<T: Copy + PartialEq + Send + Sync + 'static>(
    name: &'static str,
    options: Vec<(T, &'static str, Option<&'static str>)>,
    chosen: RwSignal<T>,
) -> impl IntoView {
    view! {
        <div class="choices">
            {options.into_iter().map(|(value, label, hint)| {
                view! {
                    <label class="choice">
                        <input type="radio" name=name prop:checked=move || chosen.get() == value
                            on:change=move |_| chosen.set(value) />
                        <span>
                            <strong>{label}</strong>
                            {hint.map(|hint| view! { <span class="hint">{hint}</span> })}
                        </span>
                    </label>
                }
            }).collect_view()}
        </div>
    }
}

#[component]
pub fn Interview() -> impl IntoView {
    let navigate = use_navigate();
    let question = RwSignal::new(0usize);
    let platform = RwSignal::new(Platform::AliExpress);
    let problem = RwSignal::new(Problem::NotReceived);
    let paid = RwSignal::new(String::new());
    let shipped = RwSignal::new(String::new());
    let delivered = RwSignal::new(String::new());
    let wanted = RwSignal::new(Resolution::RefundOnly);
    let payment = RwSignal::new(PaymentMethod::Card);
    let order_number = RwSignal::new(String::new());
    let problem_text = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let save_error = RwSignal::new(None::<StorageError>);
    let heading = NodeRef::<leptos::html::H2>::new();

    // The resolution offered first is the one that usually fits the problem.
    Effect::new(move |_| wanted.set(reason_advice(platform.get(), problem.get()).resolution));
    // Each new question takes the focus, so keyboard and screen-reader users land on it.
    Effect::new(move |_| {
        question.track();
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });

    let form = move || CaseForm {
        platform: platform.get_untracked().key().into(),
        problem: problem.get_untracked().key().into(),
        paid: paid.get_untracked(),
        shipped: shipped.get_untracked(),
        delivered: if problem.get_untracked() == Problem::NotReceived {
            String::new()
        } else {
            delivered.get_untracked()
        },
        wanted: wanted.get_untracked().key().into(),
        payment_method: payment.get_untracked().key().into(),
        order_number: order_number.get_untracked(),
        ..CaseForm::blank(&Settings::load().currency)
    };
    let next = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        problem_text.set(None);
        if question.get_untracked() + 1 < QUESTIONS {
            question.update(|q| *q += 1);
            return;
        }
        match form().validate(today()) {
            Ok(details) => save_and_open(
                Case::new(new_case_id(), details, now_utc()),
                None,
                || (),
                navigate.clone(),
                saving,
                save_error,
            ),
            Err(errors) => {
                if let Some(first) = errors.first() {
                    question.set(question_of(first.field));
                    problem_text.set(Some(first.problem.to_string()));
                }
            }
        }
    };

    let titles = [
        tr("Where did you order?"),
        tr("What went wrong?"),
        tr("When did you pay, and when was it shipped and delivered?"),
        tr("What would put it right?"),
        tr("How did you pay?"),
        tr("What is the order number?"),
    ];
    view! {
        <h1>{tr("What happened?")}</h1>
        <p class="lead">{tr("Six short questions, then Dispute Desk tells you what to do and by when.")}" "
            <A href=href("/new")>{tr("Fill in the full form instead")}</A></p>
        <form class="card interview" on:submit=next novalidate>
            <p class="progress">{move || trf("Question {number} of {total}", &[("number", &(question.get() + 1)), ("total", &QUESTIONS)])}</p>
            <h2 node_ref=heading tabindex="-1">{move || titles[question.get()]}</h2>
            {move || match question.get() {
                0 => view! { <Choices name="platform" chosen=platform options=Platform::ALL.iter().map(|p| (*p, tr(p.label()), None)).collect() /> }.into_any(),
                1 => view! { <Choices name="problem" chosen=problem options=Problem::ALL.iter().map(|p| (*p, tr(p.label()), None)).collect() /> }.into_any(),
                2 => view! {
                    <p class="hint">{tr("From the order page. Leave a date empty if you do not know it.")}</p>
                    <div class="field">
                        <label for="paid">{tr("Paid on")}</label>
                        <input id="paid" type="date" prop:value=move || paid.get() on:input=move |ev| paid.set(event_target_value(&ev)) />
                    </div>
                    <div class="field">
                        <label for="shipped">{tr("Shipped on")}</label>
                        <input id="shipped" type="date" prop:value=move || shipped.get() on:input=move |ev| shipped.set(event_target_value(&ev)) />
                    </div>
                    {(problem.get_untracked() != Problem::NotReceived).then(|| view! {
                        <div class="field">
                            <label for="delivered">{tr("Arrived on")}</label>
                            <input id="delivered" type="date" prop:value=move || delivered.get() on:input=move |ev| delivered.set(event_target_value(&ev)) />
                        </div>
                    })}
                }.into_any(),
                3 => view! { <Choices name="wanted" chosen=wanted options=Resolution::ALL.iter().map(|r| (*r, tr(r.label()), Some(tr(resolution_meaning(*r))))).collect() /> }.into_any(),
                4 => view! { <Choices name="payment" chosen=payment options=PaymentMethod::ALL.iter().map(|p| (*p, tr(p.label()), None)).collect() /> }.into_any(),
                _ => view! {
                    <div class="field">
                        <label for="order-number">{tr("Order number")}</label>
                        <p class="hint" id="order-number-hint">{tr("As shown on the order page.")}</p>
                        <input id="order-number" type="text" autocomplete="off" aria-describedby="order-number-hint"
                            prop:value=move || order_number.get() on:input=move |ev| order_number.set(event_target_value(&ev)) />
                    </div>
                }.into_any(),
            }}
            {move || problem_text.get().map(|message| view! { <p class="error-text" role="alert">{message}</p> })}
            {move || save_error.get().map(|error| view! {
                <div class="notice danger" role="alert"><strong>{tr("Not saved.")}" "</strong>{error.to_string()}</div>
            })}
            <div class="actions">
                {move || (question.get() > 0).then(|| view! {
                    <button type="button" class="button" on:click=move |_| question.update(|q| *q -= 1)>{tr("Back")}</button>
                })}
                <button type="submit" class="button primary" disabled=move || saving.get()>
                    {move || if question.get() + 1 < QUESTIONS { tr("Next") } else if saving.get() { tr("Saving…") } else { tr("Create my case") }}
                </button>
            </div>
        </form>
    }
}
