//! What the buyer shared into the installed app from another app (a screenshot, a video, a PDF,
//! the text of an order): files go into the evidence of the case they pick, text goes to the new
//! case's paste reader. Nothing leaves the inbox until it is used or discarded.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::domain::case::CaseId;
use crate::domain::evidence::size_text;
use crate::domain::i18n::{tr, trn};
use crate::storage::inbox::{forget_shared, shared_items, Shared, SharedKind};
use crate::storage::StorageError;
use crate::ui::browser::href;
use crate::ui::file_intake::{take_in, IntakeQueue};
use crate::ui::routes::{section_path, Section};
use crate::ui::state::AppState;

#[component]
pub fn Inbox() -> impl IntoView {
    let waiting = RwSignal::new(None::<Result<Vec<Shared>, StorageError>>);
    spawn_local(async move { waiting.set(Some(shared_items().await)) });
    view! {
        <h1>{tr("Shared with Dispute Desk")}</h1>
        {move || match waiting.get() {
            None => view! { <p class="loading">{tr("Opening what you shared…")}</p> }.into_any(),
            Some(Err(error)) => view! { <div class="notice danger" role="alert">{error.to_string()}</div> }.into_any(),
            Some(Ok(items)) if items.is_empty() => view! {
                <p>{tr("Nothing shared is waiting here.")}</p>
                <p><A href=href("/")>{tr("All cases")}</A></p>
            }.into_any(),
            Some(Ok(items)) => {
                let (texts, files): (Vec<Shared>, Vec<Shared>) =
                    items.into_iter().partition(|item| matches!(item.what, SharedKind::Text(_)));
                view! {
                    {(!files.is_empty()).then(|| view! { <SharedFiles files /> })}
                    {texts.into_iter().map(|text| view! { <SharedText text /> }).collect_view()}
                }.into_any()
            }
        }}
    }
}

/// The files shared, and the case whose evidence they join.
#[component]
fn SharedFiles(files: Vec<Shared>) -> impl IntoView {
    let state = AppState::expect();
    let queue = IntakeQueue::expect();
    let navigate = use_navigate();
    let chosen = RwSignal::new(None::<CaseId>);
    let adding = RwSignal::new(false);
    let count = files.len();
    let listed = files.clone();
    let add = move |_| {
        let Some(case_id) = chosen
            .get_untracked()
            .or_else(|| state.cases.with_untracked(|cases| cases.first().map(|case| case.id.clone())))
        else {
            return;
        };
        adding.set(true);
        let (places, taken): (Vec<String>, Vec<web_sys::File>) = files
            .iter()
            .filter_map(|item| match &item.what {
                SharedKind::File(file) => Some((item.place.clone(), file.clone())),
                SharedKind::Text(_) => None,
            })
            .unzip();
        // The files' progress shows in the case's evidence; each leaves the inbox once kept.
        navigate(&section_path(&case_id, Section::Evidence), Default::default());
        spawn_local(async move {
            let kept = take_in(state, queue, case_id, taken, None).await;
            for (place, kept) in places.iter().zip(kept) {
                if kept {
                    let _ = forget_shared(place).await;
                }
            }
        });
    };
    view! {
        <section class="card inbox-files" aria-labelledby="inbox-files-title">
            <h2 id="inbox-files-title">{trn("{count} file shared", "{count} files shared", count)}</h2>
            <ul>
                {listed.into_iter().filter_map(|item| match item.what {
                    SharedKind::File(file) => Some(view! { <li>{file.name()}" · "{size_text(file.size() as u64)}</li> }),
                    SharedKind::Text(_) => None,
                }).collect_view()}
            </ul>
            {move || if state.cases.with(Vec::is_empty) {
                view! {
                    <p>{tr("Create the case first; the files wait here until you come back.")}</p>
                    <A href=href("/start") attr:class="button primary">{tr("Start: answer 5 questions")}</A>
                }.into_any()
            } else {
                view! {
                    <div class="field">
                        <label for="inbox-case">{tr("Add them to the evidence of")}</label>
                        <select id="inbox-case" on:change=move |event| chosen.set(Some(CaseId::new(event_target_value(&event))))>
                            {state.cases.get().into_iter().map(|case| view! {
                                <option value=case.id.to_string()>{case.title().to_owned()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <button type="button" class="button primary" disabled=move || adding.get() on:click=add.clone()>
                        {tr("Add to this case's evidence")}
                    </button>
                }.into_any()
            }}
        </section>
    }
}

/// Text shared (an order page, an email, a link): read by the new case's paste reader.
#[component]
fn SharedText(text: Shared) -> impl IntoView {
    let state = AppState::expect();
    let navigate = use_navigate();
    let SharedKind::Text(words) = text.what.clone() else { return ().into_any() };
    let discarded = RwSignal::new(false);
    let place = text.place.clone();
    let start = {
        let (place, words) = (place.clone(), words.clone());
        move |_| {
            state.pending_paste.set(Some(words.clone()));
            let place = place.clone();
            spawn_local(async move {
                let _ = forget_shared(&place).await;
            });
            navigate("/new", Default::default());
        }
    };
    let discard = move |_| {
        let place = place.clone();
        spawn_local(async move {
            if forget_shared(&place).await.is_ok() {
                discarded.set(true);
            }
        });
    };
    view! {
        <Show when=move || !discarded.get()>
            <section class="card inbox-text" aria-labelledby="inbox-text-title">
                <h2 id="inbox-text-title">{tr("Text shared")}</h2>
                <blockquote class="shared-text">{words.clone()}</blockquote>
                <div class="actions">
                    <button type="button" class="button primary" on:click=start.clone()>{tr("Start a case from this text")}</button>
                    <button type="button" class="button" on:click=discard.clone()>{tr("Discard")}</button>
                </div>
            </section>
        </Show>
    }
    .into_any()
}
