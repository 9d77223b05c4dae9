//! The buyer's legal rights beyond the platform and the card, for the country they live in: taken
//! from the browser's region on first use, shown, and changeable here (the choice is remembered).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::case::Case;
use crate::domain::i18n::day_text;
use crate::domain::i18n::{tr, trf};
use crate::domain::legal::{
    asks_about_one_item_over_100_pounds, countries, legal_options, not_legal_advice, Condition,
};
use crate::storage::Settings;
use crate::ui::browser::now_utc;
use crate::ui::components::Sources;
use crate::ui::language::{buyer_country, country_names};
use crate::ui::state::AppState;

#[component]
pub fn LegalRights(case: Case) -> impl IntoView {
    let country = RwSignal::new(buyer_country().unwrap_or_default());
    let problem = RwSignal::new(None::<String>);
    let choose = move |event: leptos::ev::Event| {
        let chosen = event_target_value(&event);
        let saved = Settings { country: Some(chosen.clone()), ..Settings::load() }.save();
        problem.set(saved.err().map(|error| error.to_string()));
        country.set(chosen);
    };
    let asks_item_price = {
        let case = case.clone();
        move || asks_about_one_item_over_100_pounds(&case, &country.get())
    };
    let answer_item_price = {
        let id = case.id.clone();
        move |answer: bool| {
            let id = id.clone();
            spawn_local(async move {
                let saved = AppState::expect()
                    .update(&id, now_utc(), move |case| case.details.one_item_over_100_pounds = Some(answer))
                    .await;
                problem.set(saved.err().map(|error| error.to_string()));
            });
        }
    };
    let mut choices = country_names(&countries());
    choices.sort_by(|(_, a), (_, b)| a.cmp(b));
    view! {
        <section class="card legal" aria-labelledby="legal-title">
            <h2 id="legal-title">{tr("Your rights where you live")}</h2>
            <div class="field inline">
                <label for="country">{tr("You live in")}</label>
                <select id="country" on:change=choose>
                    <option value="" selected=move || country.with(String::is_empty)>{tr("Another country")}</option>
                    {choices.into_iter().map(|(code, name)| view! {
                        <option value=code selected=move || country.with(|chosen| chosen.eq_ignore_ascii_case(code))>{name}</option>
                    }).collect_view()}
                </select>
            </div>
            {move || problem.get().map(|message| view! { <p class="error-text" role="alert">{message}</p> })}
            {move || {
                let options = legal_options(&case, &country.get());
                if options.is_empty() {
                    return view! {
                        <p>{tr("No route beyond the platform, your card and PayPal is known for this case where you live.")}</p>
                    }.into_any();
                }
                view! {
                    <ul class="legal-routes">
                        {options.into_iter().map(|option| view! {
                            <li>
                                <h3>{tr(option.route.title)}</h3>
                                <p>
                                    {option.length_text()}
                                    {option.last_day.map(|day| format!(" · {}", trf("until {day}", &[("day", &day_text(day))])))}
                                </p>
                                <p class="hint">{tr(option.route.note)}</p>
                                {(option.route.condition == Condition::CreditCardBetween100And30000Pounds && asks_item_price()).then(|| {
                                    let (yes, no) = (answer_item_price.clone(), answer_item_price.clone());
                                    view! {
                                        <div class="item-price-question" role="group" aria-labelledby="item-price-question">
                                            <p id="item-price-question"><strong>{tr("Did one item of this order cost more than £100 on its own?")}</strong>" "
                                                {tr("Section 75 goes by the item, not the order total.")}</p>
                                            <div class="actions">
                                                <button type="button" class="button" on:click=move |_| yes(true)>{tr("Yes, one item did")}</button>
                                                <button type="button" class="button" on:click=move |_| no(false)>{tr("No, every item cost £100 or less")}</button>
                                            </div>
                                        </div>
                                    }
                                })}
                                <Sources sources=option.route.sources />
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p class="hint">{not_legal_advice()}</p>
        </section>
    }
}
