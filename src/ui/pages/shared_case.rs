//! A case opened from a share link: read-only, with "Add to my cases".

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use crate::domain::case::Case;
use crate::domain::deadline::chain;
use crate::domain::i18n::day_text;
use crate::domain::i18n::tr;
use crate::domain::share::{case_from_bytes, decode, Sealed, ShareError};
use crate::ui::browser::{buyer_zone, new_case_id, now_utc, today};
use crate::ui::pages::case::CaseFacts;
use crate::ui::routes::case_path;
use crate::ui::share_codec::{decompress, decrypt};
use crate::ui::state::{AppState, Loading};

#[derive(Clone)]
enum Opening {
    Working,
    NeedsPassphrase(Sealed),
    Opened(Box<Case>),
    Failed(ShareError),
}

async fn open(sealed: &Sealed, passphrase: &str) -> Result<Case, ShareError> {
    let packed = decrypt(sealed, passphrase).await?;
    case_from_bytes(&decompress(&packed).await?, today())
}

#[component]
pub fn SharedCase() -> impl IntoView {
    let hash = web_sys::window().and_then(|window| window.location().hash().ok()).unwrap_or_default();
    let opening = RwSignal::new(Opening::Working);
    match decode(&hash) {
        Err(error) => opening.set(Opening::Failed(error)),
        Ok(sealed @ Sealed::Encrypted { .. }) => opening.set(Opening::NeedsPassphrase(sealed)),
        Ok(sealed) => spawn_local(async move {
            opening.set(match open(&sealed, "").await {
                Ok(case) => Opening::Opened(Box::new(case)),
                Err(error) => Opening::Failed(error),
            });
        }),
    }
    let passphrase = RwSignal::new(String::new());
    let wrong = RwSignal::new(None::<ShareError>);
    let unlock = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Opening::NeedsPassphrase(sealed) = opening.get_untracked() else { return };
        spawn_local(async move {
            match open(&sealed, &passphrase.get_untracked()).await {
                Ok(case) => opening.set(Opening::Opened(Box::new(case))),
                Err(error) => wrong.set(Some(error)),
            }
        });
    };
    view! {
        <h1>{tr("A shared case")}</h1>
        {move || match opening.get() {
            Opening::Working => view! { <p class="loading">{tr("Opening the link…")}</p> }.into_any(),
            Opening::Failed(error) => view! { <div class="notice danger" role="alert">{error.to_string()}</div> }.into_any(),
            Opening::NeedsPassphrase(_) => view! {
                <form class="card" on:submit=unlock>
                    <p>{tr("This case is protected by a passphrase. Ask the person who sent the link for it.")}</p>
                    <div class="field">
                        <label for="open-passphrase">{tr("Passphrase")}</label>
                        <input id="open-passphrase" type="password" autocomplete="off" prop:value=move || passphrase.get()
                            on:input=move |ev| passphrase.set(event_target_value(&ev)) />
                    </div>
                    {move || wrong.get().map(|error| view! { <p class="error-text" role="alert">{error.to_string()}</p> })}
                    <button type="submit" class="button primary">{tr("Open")}</button>
                </form>
            }.into_any(),
            Opening::Opened(case) => view! { <SharedView case=*case /> }.into_any(),
        }}
    }
}

#[component]
fn SharedView(case: Case) -> impl IntoView {
    let state = AppState::expect();
    let navigate = use_navigate();
    let problem = RwSignal::new(None::<String>);
    let id = case.id.clone();
    // Decided once the stored cases have loaded: a link opened in a new tab arrives before them.
    let already_here = Memo::new(move |_| match state.loading.get() {
        Loading::Pending => None,
        _ => Some(state.case(&id).is_some()),
    });
    let deadlines = chain(&case, &buyer_zone(), now_utc()).dated;
    let journal: Vec<(chrono::NaiveDate, String)> =
        case.journal().current().iter().map(|c| (c.latest.on, c.latest.entry.summary())).collect();
    let shared = case.clone();
    let add = move |copy: bool| {
        let mut case = shared.clone();
        if copy {
            case.id = new_case_id();
        }
        let navigate = navigate.clone();
        spawn_local(async move {
            let id = case.id.clone();
            match state.save(case).await {
                Ok(()) => navigate(&case_path(&id), Default::default()),
                Err(error) => problem.set(Some(error.to_string())),
            }
        });
    };
    let add_copy = add.clone();
    view! {
        <p class="lead">{tr("Read-only: nothing is kept on this device unless you add it.")}</p>
        <section class="card">
            <h2>{case.title().to_owned()}</h2>
            <CaseFacts case=case.clone() />
        </section>
        <section class="card">
            <h2>{tr("Deadlines")}</h2>
            <ul>{deadlines.into_iter().map(|d| view! { <li>{format!("{}: {} ({})", tr(d.kind.label()), day_text(d.last_day), tr(d.state.label()))}</li> }).collect_view()}</ul>
        </section>
        <section class="card">
            <h2>{tr("Journal")}</h2>
            <ul>{journal.into_iter().map(|(on, text)| view! { <li>{format!("{}: ", day_text(on))}{text}</li> }).collect_view()}</ul>
        </section>
        <div class="actions">
            {move || {
                let (add, add_copy) = (add.clone(), add_copy.clone());
                match already_here.get() {
                    None => view! { <p class="loading">{tr("Checking your cases…")}</p> }.into_any(),
                    Some(true) => view! {
                        <p>{tr("This case is already on this device.")}</p>
                        <button type="button" class="button primary" on:click=move |_| add(false)>{tr("Replace my copy with this one")}</button>
                        <button type="button" class="button" on:click=move |_| add_copy(true)>{tr("Keep both")}</button>
                    }.into_any(),
                    Some(false) => view! { <button type="button" class="button primary" on:click=move |_| add(false)>{tr("Add to my cases")}</button> }.into_any(),
                }
            }}
        </div>
        {move || problem.get().map(|text| view! { <div class="notice danger" role="alert">{text}</div> })}
    }
}
