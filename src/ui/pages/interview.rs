//! "What happened?": five short questions, one at a time, that create a case and open its guide.
//! A choice is one tap that also goes on; the last screen asks for the order number and dates
//! together, and Enter creates the case. The full form stays one link away.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::domain::advice::{reason_advice, resolution_meaning};
use crate::domain::case::{Case, CaseId};
use crate::domain::form::{CaseForm, Field};
use crate::domain::i18n::{tr, trf};
use crate::domain::journal::Resolution;
use crate::domain::rule_book::{platform_choice, platform_choices};
use crate::domain::vocabulary::{PaymentMethod, Platform, Problem};
use crate::storage::{Settings, StorageError};
use crate::ui::browser::{href, new_case_id, now_utc, today};
use crate::ui::case_work::Pending;
use crate::ui::components::{save_case, PasteReader};
use crate::ui::host_site::use_host_marketplaces;
use crate::ui::routes::case_path;
use crate::ui::state::AppState;

const QUESTIONS: usize = 5;
/// The last question: the order number and its dates, then the case is created.
const ORDER: usize = QUESTIONS - 1;

/// The question that asks for `field`, so a problem found at the end sends the buyer back to it.
fn question_of(field: Field) -> usize {
    match field {
        Field::Platform => 0,
        Field::Problem => 1,
        Field::Wanted => 2,
        Field::PaymentMethod => 3,
        _ => ORDER,
    }
}

/// Why the answers did not become a case.
pub(crate) enum NotCreated {
    /// The answers are not valid: the first to correct, and what is wrong with it in words.
    Answers(Option<(Field, String)>),
    NotSaved(StorageError),
}

/// Checks the answers and saves them as a new case. It is run from the cases chunk
/// (`CaseWork::create_case`): the questions' own download holds neither the form's checks nor
/// the code that writes a case.
pub(crate) fn create_case(state: AppState, answers: CaseForm) -> Pending<Result<CaseId, NotCreated>> {
    Box::pin(async move {
        let details = answers.validate(today()).map_err(|problems| {
            NotCreated::Answers(problems.first().map(|first| (first.field, first.problem.to_string())))
        })?;
        let case = Case::new(new_case_id(), details, now_utc());
        let id = case.id.clone();
        save_case(state, case, None).await.map_err(NotCreated::NotSaved)?;
        Ok(id)
    })
}

/// One button per answer: pressing one chooses it and goes on to the next question. The answer
/// chosen so far is marked pressed, so going back shows it.
#[component]
fn Choices<T: Clone + PartialEq + Send + Sync + 'static>(
    options: Vec<(T, String, Option<&'static str>)>,
    chosen: RwSignal<T>,
    on_chosen: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="choices" role="group" aria-labelledby="question-title">
            {options.into_iter().map(|(value, label, hint)| {
                let this = value.clone();
                view! {
                    <button type="button" class="choice" aria-pressed=move || chosen.with(|chosen| *chosen == this).to_string()
                        on:click=move |_| { chosen.set(value.clone()); on_chosen.run(()); }>
                        <strong>{label}</strong>
                        {hint.map(|hint| view! { <span class="hint">{hint}</span> })}
                    </button>
                }
            }).collect_view()}
        </div>
    }
}

/// The buyer's answers so far, each in its own signal.
#[derive(Clone, Copy)]
struct Answers {
    /// A built-in platform's key, or a host's marketplace's (`site:<id>`).
    platform: RwSignal<String>,
    problem: RwSignal<Problem>,
    wanted: RwSignal<Resolution>,
    payment: RwSignal<PaymentMethod>,
    order_number: RwSignal<String>,
    paid: RwSignal<String>,
    shipped: RwSignal<String>,
    delivered: RwSignal<String>,
    description: RwSignal<String>,
    /// What a pasted order page adds beyond the questions (store, item, amount, tracking...).
    pasted: RwSignal<CaseForm>,
}

impl Answers {
    fn new() -> Self {
        Answers {
            platform: RwSignal::new(Platform::AliExpress.key().to_owned()),
            problem: RwSignal::new(Problem::NotReceived),
            wanted: RwSignal::new(Resolution::RefundOnly),
            payment: RwSignal::new(PaymentMethod::Card),
            order_number: RwSignal::new(String::new()),
            paid: RwSignal::new(String::new()),
            shipped: RwSignal::new(String::new()),
            delivered: RwSignal::new(String::new()),
            description: RwSignal::new(String::new()),
            pasted: RwSignal::new(CaseForm::blank(&Settings::load().currency)),
        }
    }

    fn platform_kind(self) -> Platform {
        self.platform.with(|key| platform_choice(key, None).map_or(Platform::OtherMarketplace, |(kind, _)| kind))
    }

    /// The answers as the full form would hold them.
    fn form(self) -> CaseForm {
        CaseForm {
            platform: self.platform.get_untracked(),
            problem: self.problem.get_untracked().key().into(),
            paid: self.paid.get_untracked(),
            shipped: self.shipped.get_untracked(),
            delivered: if self.problem.get_untracked() == Problem::NotReceived {
                String::new()
            } else {
                self.delivered.get_untracked()
            },
            wanted: self.wanted.get_untracked().key().into(),
            payment_method: self.payment.get_untracked().key().into(),
            order_number: self.order_number.get_untracked(),
            description: self.description.get_untracked(),
            ..self.pasted.get_untracked()
        }
    }

    /// A pasted order page answers what it can: the platform, the order number and the dates.
    fn take_pasted(self, filled: CaseForm) {
        if platform_choice(&filled.platform, None).is_some() {
            self.platform.set(filled.platform.clone());
        }
        self.order_number.set(filled.order_number.clone());
        self.paid.set(filled.paid.clone());
        self.shipped.set(filled.shipped.clone());
        self.delivered.set(filled.delivered.clone());
        self.pasted.set(filled);
    }
}

#[component]
pub fn Interview() -> impl IntoView {
    let navigate = use_navigate();
    let question = RwSignal::new(0usize);
    let answers = Answers::new();
    let problem_text = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let save_error = RwSignal::new(None::<StorageError>);
    let heading = NodeRef::<leptos::html::H2>::new();

    // The resolution offered first is the one that usually fits the problem.
    Effect::new(move |_| answers.wanted.set(reason_advice(answers.platform_kind(), answers.problem.get()).resolution));
    // Each new question takes the focus, so keyboard and screen-reader users land on it.
    Effect::new(move |_| {
        question.track();
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });
    let go_on = Callback::new(move |()| {
        problem_text.set(None);
        question.update(|q| *q = (*q + 1).min(ORDER));
    });
    // The code that checks and saves the answers comes in the cases chunk: it starts downloading
    // when the last question shows, so "Create my case" seldom waits for it.
    let state = AppState::expect();
    Effect::new(move |_| {
        if question.get() == ORDER {
            spawn_local(async move {
                // A failure is met again, and shown, on "Create my case".
                let _ = state.case_work().await;
            });
        }
    });
    let create = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if saving.get_untracked() {
            return;
        }
        problem_text.set(None);
        save_error.set(None);
        saving.set(true);
        let form = answers.form();
        let navigate = navigate.clone();
        spawn_local(async move {
            let created = match state.case_work().await {
                Ok(work) => (work.create_case)(state, form).await,
                Err(error) => Err(NotCreated::NotSaved(error)),
            };
            saving.set(false);
            match created {
                Ok(id) => navigate(&case_path(&id), Default::default()),
                Err(NotCreated::Answers(first)) => {
                    if let Some((field, problem)) = first {
                        question.set(question_of(field));
                        problem_text.set(Some(problem));
                    }
                }
                Err(NotCreated::NotSaved(error)) => save_error.set(Some(error)),
            }
        });
    };

    let titles = [
        tr("Where did you order?"),
        tr("What went wrong?"),
        tr("What would put it right?"),
        tr("How did you pay?"),
        tr("The order number and its dates"),
    ];
    view! {
        <h1>{tr("What happened?")}</h1>
        <p class="lead">{tr("Five short questions, then Dispute Desk tells you what to do and by when.")}" "
            <A href=href("/new")>{tr("Fill in the full form instead")}</A></p>
        <form class="card interview" on:submit=create novalidate>
            <p class="progress">{move || trf("Question {number} of {total}", &[("number", &(question.get() + 1)), ("total", &QUESTIONS)])}</p>
            <h2 id="question-title" node_ref=heading tabindex="-1">{move || titles[question.get()]}</h2>
            {move || view! { <Question number=question.get() answers go_on /> }}
            {move || problem_text.get().map(|message| view! { <p class="error-text" role="alert">{message}</p> })}
            {move || save_error.get().map(|error| view! {
                <div class="notice danger" role="alert"><strong>{tr("Not saved.")}" "</strong>{error.to_string()}</div>
            })}
            <div class="actions">
                {move || (question.get() > 0).then(|| view! {
                    <button type="button" class="button" on:click=move |_| question.update(|q| *q -= 1)>{tr("Back")}</button>
                })}
                {move || (question.get() == ORDER).then(|| view! {
                    <button type="submit" class="button primary" disabled=move || saving.get()>
                        {move || if saving.get() { tr("Saving…") } else { tr("Create my case") }}
                    </button>
                })}
            </div>
        </form>
    }
}

/// One question's choices (the first also takes a pasted order page), or the last one's fields.
#[component]
fn Question(number: usize, answers: Answers, go_on: Callback<()>) -> impl IntoView {
    let Answers { platform, problem, wanted, payment, order_number, paid, shipped, delivered, description, .. } =
        answers;
    match number {
        0 => {
            let host_marketplaces = use_host_marketplaces();
            view! {
                {move || {
                    // The host's marketplaces may arrive after the first question is shown.
                    host_marketplaces.track();
                    view! { <Choices chosen=platform on_chosen=go_on options=platform_choices(None).into_iter().map(|(key, name)| (key, name, None)).collect() /> }
                }}
                <PasteReader current=Signal::derive(move || answers.form()) on_apply=Callback::new(move |filled| answers.take_pasted(filled)) />
            }
            .into_any()
        }
        1 => view! { <Choices chosen=problem on_chosen=go_on options=Problem::ALL.iter().map(|p| (*p, tr(p.label()).to_owned(), None)).collect() /> }.into_any(),
        2 => view! { <Choices chosen=wanted on_chosen=go_on options=Resolution::ALL.iter().map(|r| (*r, tr(r.label()).to_owned(), Some(tr(resolution_meaning(*r))))).collect() /> }.into_any(),
        3 => view! { <Choices chosen=payment on_chosen=go_on options=PaymentMethod::ALL.iter().map(|p| (*p, tr(p.label()).to_owned(), None)).collect() /> }.into_any(),
        _ => view! { <OrderQuestion order_number paid shipped delivered description received=problem.get_untracked() != Problem::NotReceived /> }.into_any(),
    }
}

/// The last question: what the buyer copies from the order page. Every date may stay empty.
#[component]
fn OrderQuestion(
    order_number: RwSignal<String>,
    paid: RwSignal<String>,
    shipped: RwSignal<String>,
    delivered: RwSignal<String>,
    description: RwSignal<String>,
    /// Whether something arrived, so there is a delivery date to ask for.
    received: bool,
) -> impl IntoView {
    let date = move |id: &'static str, label: &'static str, value: RwSignal<String>| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id type="date" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
            </div>
        }
    };
    view! {
        <div class="field">
            <label for="order-number">{tr("Order number")}</label>
            <p class="hint" id="order-number-hint">{tr("As shown on the order page.")}</p>
            <input id="order-number" type="text" autocomplete="off" aria-describedby="order-number-hint" enterkeyhint="done"
                prop:value=move || order_number.get() on:input=move |ev| order_number.set(event_target_value(&ev)) />
        </div>
        <p class="hint">{tr("From the order page. Leave a date empty if you do not know it.")}</p>
        <div class="date-row">
            {date("paid", tr("Paid on"), paid)}
            {date("shipped", tr("Shipped on"), shipped)}
            {received.then(|| date("delivered", tr("Arrived on"), delivered))}
        </div>
        <div class="field">
            <label for="description">{tr("In your own words (optional)")}</label>
            <p class="hint" id="description-hint">{tr("A sentence or two on what is wrong. The messages written for you quote it.")}</p>
            <textarea id="description" rows="2" aria-describedby="description-hint"
                prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))></textarea>
        </div>
    }
}
