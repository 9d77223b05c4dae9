//! One labelled form control bound to one field of the case form, with its hint and its error.

use leptos::prelude::*;

use crate::domain::form::{CaseForm, Field, FieldError};

#[derive(Clone)]
pub enum Control {
    Text {
        input_type: &'static str,
        input_mode: &'static str,
        autocomplete: &'static str,
    },
    Date {
        max: Option<String>,
    },
    /// Each option's value and text.
    Select(Vec<(String, String)>),
    TextArea,
}

impl Control {
    pub fn text() -> Self {
        Control::Text { input_type: "text", input_mode: "text", autocomplete: "off" }
    }

    pub fn web_address() -> Self {
        Control::Text { input_type: "url", input_mode: "url", autocomplete: "url" }
    }
}

#[component]
pub fn FormField(
    field: Field,
    label: &'static str,
    control: Control,
    form: RwSignal<CaseForm>,
    errors: RwSignal<Vec<FieldError>>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let id = field.key();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let error = Memo::new(move |_| {
        errors.with(|errors| errors.iter().find(|error| error.field == field).map(|error| error.problem.to_string()))
    });
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids: Vec<&str> = Vec::new();
            if hint.is_some() {
                ids.push(&hint_id);
            }
            if error.with(Option::is_some) {
                ids.push(&error_id);
            }
            ids.join(" ")
        }
    };
    let value = move || form.with(|form| form.get(field).to_owned());
    let on_input = move |event: leptos::ev::Event| form.update(|form| form.set(field, event_target_value(&event)));
    let invalid = move || if error.with(Option::is_some) { "true" } else { "false" };

    let control = match control {
        Control::Text { input_type, input_mode, autocomplete } => view! {
            <input id=id name=id type=input_type inputmode=input_mode autocomplete=autocomplete required=required
                prop:value=value on:input=on_input aria-invalid=invalid aria-describedby=described_by />
        }
        .into_any(),
        Control::Date { max } => view! {
            <input id=id name=id type="date" max=max prop:value=value on:input=on_input on:change=on_input
                aria-invalid=invalid aria-describedby=described_by />
        }
        .into_any(),
        Control::Select(options) => view! {
            <select id=id name=id on:change=on_input aria-invalid=invalid aria-describedby=described_by>
                {options
                    .into_iter()
                    .map(|(key, text)| {
                        let chosen = key.clone();
                        view! { <option value=key selected=move || value() == chosen>{text}</option> }
                    })
                    .collect_view()}
            </select>
        }
        .into_any(),
        Control::TextArea => view! {
            <textarea id=id name=id rows="4" prop:value=value on:input=on_input aria-invalid=invalid
                aria-describedby=described_by></textarea>
        }
        .into_any(),
    };

    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for=id>{label}{required.then_some(view! { <span class="required">" (required)"</span> })}</label>
            {hint.map(|hint| view! { <p class="hint" id=hint_id>{hint}</p> })}
            {control}
            {move || error.get().map(|message| view! { <p class="error-text" id=error_id.clone()>{message}</p> })}
        </div>
    }
}
