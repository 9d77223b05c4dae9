//! The language menu in the footer: the buyer's choice is remembered and the app reloads in it.

use leptos::prelude::*;

use crate::domain::i18n::{current_locale, tr, Locale};
use crate::ui::language::change_language;

#[component]
pub fn LanguageMenu() -> impl IntoView {
    let current = current_locale();
    let problem = RwSignal::new(None::<String>);
    view! {
        <div class="language-menu">
            <label for="language">{tr("Language")}</label>
            <select id="language" on:change=move |event| {
                let chosen = Locale::from_code(&event_target_value(&event));
                if let Err(error) = change_language(chosen) {
                    problem.set(Some(error.to_string()));
                }
            }>
                {Locale::ALL.iter().map(|locale| view! {
                    <option value=locale.code() lang=locale.code() selected=*locale == current>{locale.own_name()}</option>
                }).collect_view()}
            </select>
            {move || problem.get().map(|message| view! { <p class="error-text" role="alert">{message}</p> })}
        </div>
    }
}
