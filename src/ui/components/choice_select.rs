//! A labelled `<select>` over one of the app's fixed lists of choices (platforms, statuses...),
//! optionally with an "any" first option that stands for no choice.

use leptos::prelude::*;

#[component]
pub fn ChoiceSelect<T: Copy + PartialEq + Send + Sync + 'static>(
    id: &'static str,
    label: &'static str,
    choices: &'static [T],
    key: fn(T) -> &'static str,
    name: fn(T) -> &'static str,
    current: Signal<Option<T>>,
    set: Callback<Option<T>>,
    /// The first option's text, when "no choice" is allowed.
    #[prop(optional)]
    any: Option<&'static str>,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    view! {
        <div class=format!("field {class}")>
            <label for=id>{label}</label>
            <select id=id on:change=move |event| {
                let chosen = event_target_value(&event);
                set.run(choices.iter().copied().find(|choice| key(*choice) == chosen));
            }>
                {any.map(|any| view! { <option value="" selected=move || current.get().is_none()>{any}</option> })}
                {choices.iter().copied().map(|choice| view! {
                    <option value=key(choice) selected=move || current.get() == Some(choice)>{name(choice)}</option>
                }).collect_view()}
            </select>
        </div>
    }
}
