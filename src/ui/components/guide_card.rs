//! "What to do now": the case's one next step, the deadline it races, the warnings that matter
//! now, which reason and resolution to choose, and the buttons that record the step done.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::domain::advice::{resolution_meaning, Warning};
use crate::domain::case::Case;
use crate::domain::clock::iso_day;
use crate::domain::deadline::{chain, State};
use crate::domain::guide::{guide, Action, ActionInput, Asks, Stage};
use crate::domain::i18n::day_text;
use crate::domain::i18n::{tr, trf};
use crate::domain::journal::{Outcome, Resolution};
use crate::domain::legal::{legal_options, Condition};
use crate::domain::money::{parse_amount, Money};
use crate::ui::browser::{buyer_zone, closing_text, href, now_utc, today};
use crate::ui::components::Countdown;
use crate::ui::language::buyer_country;
use crate::ui::routes::{section_path, Section};
use crate::ui::state::AppState;
use crate::ui::use_now::use_minute;

#[component]
pub fn GuideCard(case: Case) -> impl IntoView {
    let minute = use_minute();
    let guidance = {
        let case = case.clone();
        Memo::new(move |_| guide(&case, &chain(&case, &buyer_zone(), minute.get())))
    };
    let open_action = RwSignal::new(None::<Action>);
    let currency = case.details.amount.as_ref().map(|money| money.currency.clone()).unwrap_or_else(|| "USD".into());
    let messages = href(&section_path(&case.id, Section::Messages));
    let deadlines = href(&section_path(&case.id, Section::Deadlines));
    let case_for_law = case.clone();
    // The step, its deadline and the buttons that record it come first, so a phone shows the
    // buttons without scrolling; why, the warnings and the advice follow, the advice folded.
    view! {
        <section class="card guide" aria-labelledby="guide-title">
            <p class="eyebrow">{tr("What to do now")}</p>
            {move || {
                let guidance = guidance.get();
                view! {
                    <h2 id="guide-title">{guidance.title.clone()}</h2>
                    {guidance.races.clone().map(|deadline| match deadline.state {
                        // A date no current source confirms is shown as what to expect, never counted down to "overdue".
                        State::Expected { .. } => view! {
                            <p class="races expected">
                                <strong>{tr(deadline.kind.label())}": "</strong><span class="badge">{tr(deadline.state.label())}</span>
                                " "<span class="closes">{day_text(deadline.last_day)}</span>
                            </p>
                        }.into_any(),
                        _ => view! {
                            <p class="races">
                                <strong>{tr(deadline.kind.label())}": "</strong><Countdown due=deadline.due />
                                <span class="closes">{closing_text(&deadline)}</span>
                            </p>
                        }.into_any(),
                    })}
                    <div class="actions">
                        {guidance.actions.iter().map(|action| {
                            let action = *action;
                            view! {
                                <button type="button" class="button"
                                    class:primary=move || open_action.get() == Some(action)
                                    aria-expanded=move || (open_action.get() == Some(action)).to_string()
                                    on:click=move |_| open_action.update(|open| *open = if *open == Some(action) { None } else { Some(action) })>
                                    {action.label()}
                                </button>
                            }
                        }).collect_view()}
                    </div>
                }
            }}
            {move || open_action.get().map(|action| view! {
                <ActionForm case=case.clone() action currency=currency.clone() on_done=move || open_action.set(None) />
            })}
            {move || {
                let guidance = guidance.get();
                view! {
                    <p class="guide-why">{guidance.why.clone()}</p>
                    <StepWarnings warnings=guidance.warnings.clone() unfolded=guidance.is_pressing() />
                    {guidance.templates.first().copied().map(|message| view! {
                        <p class="write-it"><A href=messages.clone()>{trf("Write it for me: {message}", &[("message", &tr(message.label()))])}</A></p>
                    })}
                    {guidance.advice.clone().map(|advice| view! {
                        <details class="advice">
                            <summary>{tr("On the dispute form")}</summary>
                            <p>{tr("Reason to choose:")}" " <strong>{tr(advice.reason)}</strong></p>
                            <p>{tr("Ask for:")}" " <strong>{tr(advice.resolution.label())}</strong>". " {tr(resolution_meaning(advice.resolution))}</p>
                            <p class="hint">{advice.why}</p>
                        </details>
                        <details class="advice">
                            <summary>{tr("Evidence that wins this kind of dispute")}</summary>
                            <ul>{advice.evidence.iter().map(|proof| view! { <li>{tr(proof.label())}</li> }).collect_view()}</ul>
                        </details>
                    })}
                    {(!guidance.fallbacks.is_empty()).then(|| view! {
                        <ul class="fallbacks">
                            {guidance.fallbacks.iter().map(|deadline| view! {
                                <li><strong>{tr(deadline.kind.label())}</strong>": " <Countdown due=deadline.due /></li>
                            }).collect_view()}
                        </ul>
                    })}
                    {law_may_help(&case_for_law, guidance.stage, &deadlines)}
                    {(guidance.stage == Stage::Done).then(|| view! {
                        <p><A href=href("/before-next-order")>{tr("Before your next order: a short checklist")}</A></p>
                    })}
                }
            }}
        </section>
    }
}

/// Once the platform has decided, the route beyond its decision; once the platform route is
/// closed, the law where the buyer lives, where it may still help.
fn law_may_help(case: &Case, stage: Stage, deadlines: &str) -> Option<impl IntoView> {
    let options = legal_options(case, &buyer_country().unwrap_or_default());
    let (lead, first) = match stage {
        Stage::DecisionMade => (
            tr("If you disagree with the decision:"),
            options.into_iter().find(|option| option.route.condition == Condition::AliExpressDecided),
        ),
        Stage::LastResort | Stage::FreeReturn => {
            (tr("The law where you live may help too:"), options.into_iter().next())
        }
        _ => return None,
    };
    let first = first?;
    let until = first.last_day.map(|day| format!(" ({})", trf("until {day}", &[("day", &day_text(day))])));
    Some(view! {
        <p class="law-may-help">
            {lead}" "
            <a href=deadlines.to_owned()>{tr(first.route.title)}</a>
            {until}
        </p>
    })
}

/// The step's warnings, each as a few words that unfold into the whole warning; unfolded from
/// the start when the step's deadline is close, so nothing that matters then is hidden.
#[component]
fn StepWarnings(warnings: Vec<Warning>, unfolded: bool) -> impl IntoView {
    (!warnings.is_empty()).then(|| {
        view! {
            <ul class="warnings" aria-label=tr("Warnings")>
                {warnings.into_iter().map(|warning| view! {
                    <li>
                        <details open=unfolded>
                            <summary><strong>{tr("Warning:")}</strong>" "{warning.headline()}</summary>
                            <p>{warning.text()}</p>
                        </details>
                    </li>
                }).collect_view()}
            </ul>
        }
    })
}

/// Records one action: the day it happened and whatever else it needs.
#[component]
fn ActionForm(
    case: Case,
    action: Action,
    currency: String,
    on_done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let state = AppState::expect();
    let day = RwSignal::new(today().format("%Y-%m-%d").to_string());
    let summary = RwSignal::new(String::new());
    let choices: Vec<(&'static str, &'static str)> = match action.asks() {
        Asks::Proposal => Resolution::ALL.iter().map(|r| (r.key(), tr(r.label()))).collect(),
        Asks::Decision => Outcome::ALL.iter().map(|o| (o.key(), tr(o.label()))).collect(),
        Asks::DayOnly | Asks::Message => Vec::new(),
    };
    let choice = RwSignal::new(choices.first().map(|(key, _)| (*key).to_owned()).unwrap_or_default());
    let amount = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let id = case.id.clone();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let on = match iso_day(&day.get_untracked()) {
            Some(on) if on <= today() + chrono::Duration::days(1) => on,
            Some(_) => {
                return problem.set(Some(tr("That day is in the future. Record it once it has happened.").into()))
            }
            None => return problem.set(Some(tr("Enter the day it happened.").into())),
        };
        let amount = match amount.get_untracked().trim() {
            "" => None,
            text => match parse_amount(text) {
                Ok(minor) => Some(Money { minor, currency: currency.clone() }),
                Err(error) => return problem.set(Some(error.to_string())),
            },
        };
        let input = ActionInput {
            summary: summary.get_untracked(),
            resolution: Resolution::from_key(&choice.get_untracked()),
            outcome: Outcome::from_key(&choice.get_untracked()),
            amount,
        };
        let (id, on_done) = (id.clone(), on_done.clone());
        spawn_local(async move {
            let outcome = state
                .update(&id, now_utc(), |case| {
                    for entry in action.entries(case, &input) {
                        // Actions never write a lone withdrawal, the only entry the journal refuses.
                        let _ = case.record(on, entry, now_utc());
                    }
                })
                .await;
            match outcome {
                Ok(()) => on_done(),
                Err(error) => problem.set(Some(error.to_string())),
            }
        });
    };
    let asks = action.asks();
    view! {
        <form class="action-form card" on:submit=submit aria-label=action.label()>
            <div class="field">
                <label for="action-day">{tr("When?")}</label>
                <input id="action-day" type="date" prop:value=move || day.get() on:input=move |ev| day.set(event_target_value(&ev)) />
            </div>
            {(asks == Asks::Message).then(|| view! {
                <div class="field">
                    <label for="action-summary">{tr("What did you write? (optional)")}</label>
                    <input id="action-summary" type="text" prop:value=move || summary.get()
                        on:input=move |ev| summary.set(event_target_value(&ev)) />
                </div>
            })}
            {(!choices.is_empty()).then(|| view! {
                <div class="field">
                    <label for="action-choice">{if asks == Asks::Decision { tr("What did the platform decide?") } else { tr("What was proposed?") }}</label>
                    <select id="action-choice" on:change=move |ev| choice.set(event_target_value(&ev))>
                        {choices.iter().map(|(key, label)| view! { <option value=*key>{*label}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="action-amount">{tr("Amount, if any")}</label>
                    <input id="action-amount" type="text" inputmode="decimal" prop:value=move || amount.get()
                        on:input=move |ev| amount.set(event_target_value(&ev)) />
                </div>
            })}
            {move || problem.get().map(|message| view! { <p class="error-text" role="alert">{message}</p> })}
            <button type="submit" class="button primary">{trf("Record: {action}", &[("action", &action.label())])}</button>
        </form>
    }
}
