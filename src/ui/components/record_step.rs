//! What has happened since the order: the buyer records each step with its day, and the
//! deadlines move on from it.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::case::{Case, Event};
use crate::domain::deadline::day_text;
use crate::ui::browser::{now_utc, today};
use crate::ui::state::AppState;

#[component]
pub fn RecordStep(case: Case) -> impl IntoView {
    let state = AppState::expect();
    let recorded: Vec<(Event, chrono::NaiveDate)> = {
        let mut steps: Vec<_> = case.progress().iter().map(|(event, day)| (*event, *day)).collect();
        steps.sort_by_key(|(event, day)| (*day, *event));
        steps
    };
    let open_steps: Vec<Event> = Event::ALL
        .iter()
        .copied()
        .filter(|event| !event.is_order_fact() && !case.progress().contains_key(event))
        .collect();
    let first = open_steps.first().map(|event| event.key()).unwrap_or_default();
    let chosen = RwSignal::new(first.to_owned());
    let on_day = RwSignal::new(today().format("%Y-%m-%d").to_string());
    let problem = RwSignal::new(None::<String>);
    let id = case.id.clone();

    let change = move |edit: Box<dyn FnOnce(&mut Case) + Send>| {
        let id = id.clone();
        spawn_local(async move {
            let outcome = state.update(&id, now_utc(), edit).await;
            problem.set(outcome.err().map(|error| error.to_string()));
        });
    };
    let record = {
        let change = change.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            let step = Event::from_key(&chosen.get_untracked());
            let day = chrono::NaiveDate::parse_from_str(on_day.get_untracked().trim(), "%Y-%m-%d");
            match (step, day) {
                (Some(step), Ok(day)) if day <= today() + chrono::Duration::days(1) => {
                    change(Box::new(move |case: &mut Case| case.record_step(step, day, now_utc())))
                }
                (Some(_), Ok(_)) => {
                    problem.set(Some("That day is in the future. Record a step once it has happened.".into()))
                }
                (Some(_), Err(_)) => problem.set(Some("Enter the day it happened.".into())),
                (None, _) => problem.set(Some("Choose what happened.".into())),
            }
        }
    };
    view! {
        <section class="card" aria-labelledby="steps-title">
            <h2 id="steps-title">"What has happened"</h2>
            {if recorded.is_empty() {
                view! { <p class="hint">"Nothing recorded yet. Each step you record moves your deadlines on."</p> }.into_any()
            } else {
                view! {
                    <ul class="steps">
                        {recorded.into_iter().map(|(step, day)| {
                            let change = change.clone();
                            view! {
                                <li>
                                    <span>{day_text(day)}": "<strong>{step.label()}</strong></span>
                                    <button type="button" class="button small"
                                        aria-label=format!("Remove \"{}\"", step.label())
                                        on:click=move |_| change(Box::new(move |case: &mut Case| { case.progress().remove(&step); }))>
                                        "Remove"
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(!open_steps.is_empty()).then(|| view! {
                <form class="record-step" on:submit=record>
                    <div class="field">
                        <label for="step">"Record a step"</label>
                        <select id="step" on:change=move |ev| chosen.set(event_target_value(&ev))>
                            {open_steps.clone().into_iter().map(|step| view! {
                                <option value=step.key() selected=move || chosen.get() == step.key()>{step.label()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="step-day">"On"</label>
                        <input id="step-day" type="date" prop:value=move || on_day.get()
                            on:input=move |ev| on_day.set(event_target_value(&ev)) />
                    </div>
                    <button type="submit" class="button primary">"Record"</button>
                </form>
            })}
            {move || problem.get().map(|message| view! { <div class="notice danger" role="alert">{message}</div> })}
        </section>
    }
}
