//! The messages the app writes for the buyer: pick one, edit it, copy it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::domain::case::Case;
use crate::domain::evidence::missing;
use crate::domain::form::own_words;
use crate::domain::i18n::{current_locale, tr, trf, Locale, MessageLanguage};
use crate::domain::legal::section_75_applies;
use crate::domain::money::{parse_amount, Money};
use crate::domain::templates::{compose, TemplateInput, TemplateKind};
use crate::ui::browser::{href, now_utc};
use crate::ui::language::buyer_country;
use crate::ui::routes::{section_path, Section};
use crate::ui::state::AppState;

/// Copies `text`; resolves to whether the browser allowed it.
async fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

fn select_text(id: &str) {
    let element = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id));
    if let Some(area) = element.and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
        area.select();
        let _ = area.focus();
    }
}

#[component]
pub fn MessageWriter(case: Case, suggested: Vec<TemplateKind>) -> impl IntoView {
    let first = suggested.first().copied().unwrap_or(TemplateKind::FirstMessage);
    let kind = RwSignal::new(first);
    let counter = RwSignal::new(String::new());
    let language = RwSignal::new(MessageLanguage::Buyers);
    let currency = case.details.amount.as_ref().map(|m| m.currency.clone()).unwrap_or_else(|| "USD".into());
    let state = AppState::expect();
    let files = {
        let id = case.id.clone();
        Memo::new(move |_| state.case_evidence(&id))
    };
    // Where the buyer lives does not change while they write: asked once, not per keystroke.
    let section_75 = section_75_applies(&case, &buyer_country().unwrap_or_default());
    let compose_now = {
        let case = case.clone();
        move |kind: TemplateKind, counter: &str, language: MessageLanguage| {
            let counter_amount =
                parse_amount(counter.trim()).ok().map(|minor| Money { minor, currency: currency.clone() });
            compose(kind, &case, &TemplateInput { counter_amount, files: files.get(), section_75 }, language)
        }
    };
    let copied = RwSignal::new(None::<bool>);
    let written = RwSignal::new(untrack(|| compose_now(first, "", MessageLanguage::Buyers)));
    let text = RwSignal::new(written.with_untracked(|message| message.text.clone()));
    // A new choice, language, counter amount or file rewrites the text; the buyer edits it afterwards.
    Effect::new({
        let compose_now = compose_now.clone();
        move |_| {
            let message = compose_now(kind.get(), &counter.get(), language.get());
            text.set(message.text.clone());
            written.set(message);
        }
    });
    let unfilled = Memo::new(move |_| written.with(|message| text.with(|text| message.unfilled(text).join(", "))));
    // What the checklist asks for and no file shows yet: said beside the text, never inside it.
    let still_missing = {
        let case = case.clone();
        Memo::new(move |_| {
            if !kind.get().carries_evidence() {
                return Vec::new();
            }
            files
                .with(|files| missing(&case, files))
                .into_iter()
                .map(|proof| tr(proof.label()).to_lowercase())
                .collect::<Vec<_>>()
        })
    };
    let evidence_section = href(&section_path(&case.id, Section::Evidence));
    // The buyer's own words are quoted as written, whatever language the message is in.
    let quoted_as_written = {
        let described = !case.details.description.trim().is_empty();
        move || described && language.get() == MessageLanguage::English && current_locale() != Locale::En
    };
    let without_own_words = case.details.description.trim().is_empty();
    view! {
        <section class="card messages" aria-labelledby="messages-title">
            <h2 id="messages-title">{tr("Messages written for you")}</h2>
            {without_own_words.then(|| view! { <OwnWordsPrompt case=case.clone() /> })}
            <KindChoice suggested kind copied />
            {(current_locale() != Locale::En).then(|| view! { <LanguageChoice language copied /> })}
            {move || (kind.get() == TemplateKind::CounterProposal).then(|| view! {
                <div class="field">
                    <label for="counter-amount">{tr("Your counter-offer")}</label>
                    <input id="counter-amount" type="text" inputmode="decimal" prop:value=move || counter.get()
                        on:input=move |ev| counter.set(event_target_value(&ev)) />
                </div>
            })}
            {move || {
                let missing = still_missing.get();
                (!missing.is_empty()).then(|| view! {
                    <p class="hint still-missing">
                        {trf("Still missing: {proofs}.", &[("proofs", &missing.join("; "))])}" "
                        <a href=evidence_section.clone()>{tr("Attach them in Evidence")}</a>
                    </p>
                })
            }}
            {move || quoted_as_written().then(|| view! {
                <p class="hint">{tr("Your own words are quoted as you wrote them: translate them in the text if the reader needs it.")}</p>
            })}
            <div class="field">
                <label for="message-text">{tr("Text (edit it before copying)")}</label>
                <textarea id="message-text" rows="12" prop:value=move || text.get()
                    on:input=move |ev| { text.set(event_target_value(&ev)); copied.set(None); }></textarea>
            </div>
            {move || {
                let unfilled = unfilled.get();
                (!unfilled.is_empty()).then(|| view! {
                    <p class="to-fill" role="note">{trf("Fill in before sending: {placeholders}", &[("placeholders", &unfilled)])}</p>
                })
            }}
            <CopyText text copied unfilled />
        </section>
    }
}

/// The message to write: the ones for this step first.
#[component]
fn KindChoice(
    suggested: Vec<TemplateKind>,
    kind: RwSignal<TemplateKind>,
    copied: RwSignal<Option<bool>>,
) -> impl IntoView {
    let others: Vec<TemplateKind> = TemplateKind::ALL.iter().copied().filter(|k| !suggested.contains(k)).collect();
    let options = move |kinds: Vec<TemplateKind>| {
        kinds
            .into_iter()
            .map(|k| view! { <option value=k.key() selected=move || kind.get() == k>{tr(k.label())}</option> })
            .collect_view()
    };
    view! {
        <div class="field">
            <label for="message-kind">{tr("Message")}</label>
            <select id="message-kind" on:change=move |ev| {
                if let Some(chosen) = TemplateKind::from_key(&event_target_value(&ev)) {
                    kind.set(chosen);
                    copied.set(None);
                }
            }>
                <optgroup label=tr("For this step")>{options(suggested)}</optgroup>
                <optgroup label=tr("Other messages")>{options(others)}</optgroup>
            </select>
        </div>
    }
}

/// Sellers usually read English: a buyer who uses the app in another language picks per message.
#[component]
fn LanguageChoice(language: RwSignal<MessageLanguage>, copied: RwSignal<Option<bool>>) -> impl IntoView {
    let own_language = current_locale();
    let options = [
        (MessageLanguage::Buyers, own_language.own_name(), own_language.code()),
        (MessageLanguage::English, Locale::En.own_name(), Locale::En.code()),
    ];
    view! {
        <fieldset class="inline-choices">
            <legend>{tr("Write it in")}</legend>
            {options.into_iter().map(|(value, name, code)| view! {
                <label class="radio" lang=code>
                    <input type="radio" name="message-language" prop:checked=move || language.get() == value
                        on:change=move |_| { language.set(value); copied.set(None); } />
                    {name}
                </label>
            }).collect_view()}
        </fieldset>
    }
}

/// Copies the text, or where the browser refuses, selects it for the buyer to copy.
#[component]
fn CopyText(text: RwSignal<String>, copied: RwSignal<Option<bool>>, unfilled: Memo<String>) -> impl IntoView {
    let copy = move |_| {
        spawn_local(async move {
            let ok = copy_to_clipboard(&text.get_untracked()).await;
            if !ok {
                select_text("message-text");
            }
            copied.set(Some(ok));
        });
    };
    view! {
        <div class="actions">
            <button type="button" class="button primary" on:click=copy>{tr("Copy the text")}</button>
            <span role="status" class="copy-status">
                {move || match copied.get() {
                    Some(true) if !unfilled.with(String::is_empty) => tr("Copied, but some [brackets] are still to fill in: do that before you send it."),
                    Some(true) => tr("Copied. Paste it into the platform's chat or form."),
                    Some(false) => tr("This browser did not allow copying: the text is selected, press Ctrl+C (or long-press and Copy)."),
                    None => "",
                }}
            </span>
        </div>
    }
}

/// For a case without the buyer's own description: a way to add it here, where it shows at once
/// in the messages.
#[component]
fn OwnWordsPrompt(case: Case) -> impl IntoView {
    let state = AppState::expect();
    let words = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let described = match own_words(&words.get_untracked()) {
            Ok(described) if !described.is_empty() => described,
            Ok(_) => return problem.set(Some(tr("Write a sentence or two first.").to_owned())),
            Err(error) => return problem.set(Some(error.to_string())),
        };
        let id = case.id.clone();
        spawn_local(async move {
            if let Err(error) = state.update(&id, now_utc(), |case| case.details.description = described).await {
                problem.set(Some(error.to_string()));
            }
        });
    };
    view! {
        <details class="own-words">
            <summary>{tr("Add the problem in your own words: every message quotes it")}</summary>
            <form on:submit=save>
                <div class="field">
                    <label for="own-words">{tr("In your own words")}</label>
                    <textarea id="own-words" rows="2" prop:value=move || words.get()
                        on:input=move |ev| words.set(event_target_value(&ev))></textarea>
                </div>
                {move || problem.get().map(|message| view! { <p class="error-text" role="alert">{message}</p> })}
                <button type="submit" class="button">{tr("Save")}</button>
            </form>
        </details>
    }
}
