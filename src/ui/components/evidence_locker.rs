//! The evidence locker of a case: the checklist of what wins this kind of dispute, files added by
//! picking, dragging, pasting or the camera, each with its digest, caption and the checklist item
//! it proves; thumbnails, a viewer, and how much room the browser gives.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::domain::case::{Case, CaseId};
use crate::domain::evidence::{check_caption, checklist_status, file_kind, missing, size_text, EvidenceItem, FileKind};
use crate::domain::i18n::day_text;
use crate::domain::i18n::{tr, trf, trn};
use crate::domain::proof::Proof;
use crate::storage::quota;
use crate::ui::components::use_object_url;
use crate::ui::file_intake::{take_in, Intake, IntakeQueue};
use crate::ui::state::AppState;

const ACCEPTED: &str = "image/*,video/*,application/pdf,text/plain,.pdf,.txt,.doc,.docx,.odt,.rtf";

fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|index| list.get(index)).collect()
}

#[component]
pub fn EvidenceLocker(case: Case) -> impl IntoView {
    let state = AppState::expect();
    let queue = IntakeQueue::expect();
    let attach_for = RwSignal::new(None::<Proof>);
    let picker = NodeRef::<leptos::html::Input>::new();
    let dragging = RwSignal::new(false);
    let case_id = case.id.clone();
    let items = {
        let id = case.id.clone();
        Memo::new(move |_| state.case_evidence(&id))
    };
    let status = {
        let case = case.clone();
        Memo::new(move |_| {
            items.with(|items| Checklist {
                counted: checklist_status(&case, items).into_iter().map(|(p, f)| (p, f.len())).collect(),
                missing: missing(&case, items),
            })
        })
    };

    let take = {
        let case_id = case_id.clone();
        move |files: Vec<web_sys::File>| {
            if !files.is_empty() {
                let (case_id, proves) = (case_id.clone(), attach_for.get_untracked());
                spawn_local(async move {
                    take_in(state, queue, case_id, files, proves).await;
                });
                attach_for.set(None);
            }
        }
    };
    // A screenshot pasted anywhere on the case page is attached to it.
    let paste_handle = window_event_listener(leptos::ev::paste, {
        let take = take.clone();
        move |event: web_sys::ClipboardEvent| {
            let files = files_of(event.clipboard_data().and_then(|data| data.files()));
            if !files.is_empty() {
                event.prevent_default();
                take(files);
            }
        }
    });
    on_cleanup(move || paste_handle.remove());

    let on_pick = {
        let take = take.clone();
        move |event: leptos::ev::Event| {
            let input = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
            if let Some(input) = input {
                take(files_of(input.files()));
                input.set_value("");
            }
        }
    };
    let on_drop = {
        let take = take.clone();
        move |event: leptos::ev::DragEvent| {
            event.prevent_default();
            dragging.set(false);
            take(files_of(event.data_transfer().and_then(|data| data.files())));
        }
    };
    let pick_for = move |proof: Option<Proof>| {
        attach_for.set(proof);
        if let Some(input) = picker.get() {
            input.click();
        }
    };

    view! {
        <section class="card evidence" aria-labelledby="evidence-title">
            <h2 id="evidence-title">{tr("Evidence")}</h2>
            <ChecklistStatus status pick_for=Callback::new(pick_for) />
            <div class="drop-zone" class:dragging=move || dragging.get()
                on:dragover=move |event: leptos::ev::DragEvent| { event.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop>
                <p>{tr("Drop photos, videos, PDFs or documents here, or paste a screenshot.")}</p>
                <div class="actions">
                    <label class="button primary">
                        {tr("Choose files")}
                        <input node_ref=picker class="visually-hidden" type="file" multiple accept=ACCEPTED on:change=on_pick.clone() />
                    </label>
                    <label class="button">
                        {tr("Take a photo or video")}
                        <input class="visually-hidden" type="file" accept="image/*,video/*" capture="environment" on:change=on_pick />
                    </label>
                </div>
            </div>
            <IntakeRows case_id=case_id.clone() />
            <ul class="evidence-grid">
                // Keyed by the whole item: a changed caption or proof renders the card afresh.
                <For each=move || items.get() key=|item| item.clone() let:item>
                    <EvidenceCard case=case.clone() item />
                </For>
            </ul>
            <StorageRoom />
        </section>
    }
}

/// Each checklist item with its files counted, and the items no file shows yet.
#[derive(Clone, PartialEq)]
struct Checklist {
    counted: Vec<(Proof, usize)>,
    missing: Vec<Proof>,
}

/// Each checklist item with its files counted, and what is still missing.
#[component]
fn ChecklistStatus(status: Memo<Checklist>, pick_for: Callback<Option<Proof>>) -> impl IntoView {
    move || {
        let Checklist { counted: status, missing } = status.get();
        view! {
            <p class="evidence-summary" class:complete=missing.is_empty()>
                {if missing.is_empty() {
                    tr("Everything on the checklist has a file.").to_owned()
                } else {
                    trf("Still missing: {proofs}.", &[("proofs", &missing.iter().map(|p| tr(p.label()).to_lowercase()).collect::<Vec<_>>().join("; "))])
                }}
            </p>
            <ul class="checklist-status">
                {status.into_iter().map(|(proof, count)| view! {
                    <li class:ticked={count > 0}>
                        <span class="tick" aria-hidden="true">{if count > 0 { "✓" } else { "○" }}</span>
                        <span>
                            {tr(proof.label())}
                            {proof.is_optional().then(|| format!(" {}", tr("(if you have it)")))}
                            {(count > 0).then(|| format!(": {}", trn("{count} file", "{count} files", count)))}
                        </span>
                        <button type="button" class="button small" on:click=move |_| pick_for.run(Some(proof))
                            aria-label=trf("Attach a file for: {proof}", &[("proof", &tr(proof.label()))])>{tr("Attach")}</button>
                    </li>
                }).collect_view()}
            </ul>
        }
    }
}

/// The files of this case being read and stored, each with its progress or its problem.
#[component]
fn IntakeRows(case_id: CaseId) -> impl IntoView {
    let IntakeQueue(queue) = IntakeQueue::expect();
    let rows = move || {
        queue.with(|queue| queue.iter().filter(|intake| intake.case_id == case_id).cloned().collect::<Vec<_>>())
    };
    let key = |intake: &Intake| (intake.id.clone(), intake.phase, (intake.done * 100.0) as u32, intake.problem.clone());
    view! {
        <ul class="intake" aria-live="polite">
            <For each=rows key let:intake>
                {
                    let percent = (intake.done * 100.0).round() as u32;
                    view! {
                        <li>
                            <span>{intake.name.clone()}</span>
                            {match intake.problem.clone() {
                                Some(problem) => view! { <span class="error-text" role="alert">{problem}</span> }.into_any(),
                                None => view! {
                                    <progress max="100" value=percent aria-label=format!("{} {}", intake.phase, intake.name)></progress>
                                    <span>{format!("{} {percent}%", intake.phase)}</span>
                                }.into_any(),
                            }}
                        </li>
                    }
                }
            </For>
        </ul>
    }
}

#[component]
fn EvidenceCard(case: Case, item: EvidenceItem) -> impl IntoView {
    let state = AppState::expect();
    let kind = file_kind(&item.name, &item.mime).unwrap_or(FileKind::Document);
    let thumbnail = use_object_url(item.id.clone());
    let viewing = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let caption = RwSignal::new(item.caption.clone());
    let problem = RwSignal::new(None::<String>);
    let proofs: Vec<Proof> = crate::domain::evidence::checklist(&case).to_vec();
    let described = if item.caption.is_empty() { item.name.clone() } else { item.caption.clone() };
    // Every edit applies to this card's latest version, not the one it was drawn with: a caption
    // and a checklist item changed in quick succession must both be kept.
    let latest = StoredValue::new(item.clone());
    let save = move |change: &dyn Fn(&mut EvidenceItem)| {
        let before = latest.get_value();
        latest.update_value(|item| change(item));
        let changed = latest.get_value();
        if changed == before {
            return;
        }
        spawn_local(async move {
            problem.set(state.update_evidence(changed).await.err().map(|error| error.to_string()));
        });
    };
    let remove = {
        let id = item.id.clone();
        move |_| {
            let id = id.clone();
            spawn_local(async move {
                if let Err(error) = state.remove_evidence(id).await {
                    problem.set(Some(error.to_string()));
                }
            });
        }
    };
    let save_caption = move |_| {
        let text = caption.get_untracked();
        match check_caption(&text) {
            Ok(()) => save(&|item| item.caption = text.trim().to_owned()),
            Err(error) => problem.set(Some(error.to_string())),
        }
    };
    let save_proof = move |event: leptos::ev::Event| {
        let proves = Proof::from_key(&event_target_value(&event));
        save(&|item| item.proves = proves);
    };
    let alt = described.clone();
    let id = item.id.clone();
    view! {
        <li class="evidence-card">
            <button type="button" class="thumbnail" on:click=move |_| viewing.set(true) aria-label=trf("View {file}", &[("file", &described)])>
                {move || match (kind, thumbnail.get()) {
                    (FileKind::Image, Some(url)) => view! { <img src=url alt=alt.clone() loading="lazy" /> }.into_any(),
                    (FileKind::Video, Some(url)) => view! { <video src=url preload="metadata" muted=true aria-hidden="true"></video> }.into_any(),
                    (FileKind::Pdf, _) => view! { <span class="file-icon">"PDF"</span> }.into_any(),
                    (_, _) => view! { <span class="file-icon">"DOC"</span> }.into_any(),
                }}
            </button>
            <div class="evidence-meta">
                <p class="file-name">{item.name.clone()}</p>
                <p class="hint">{trf("{size} · added {day}", &[("size", &size_text(item.size)), ("day", &day_text(item.added_at.date_naive()))])}</p>
                <p class="digest" title=item.sha256.clone()>"SHA-256 " <code>{item.sha256.get(..16).unwrap_or_default().to_owned()}"…"</code></p>
                <label for=format!("caption-{id}")>{tr("Caption")}</label>
                <input id=format!("caption-{id}") type="text" prop:value=move || caption.get()
                    on:input=move |ev| caption.set(event_target_value(&ev)) on:change=save_caption />
                <label for=format!("proves-{id}")>{tr("Proves")}</label>
                <select id=format!("proves-{id}") on:change=save_proof>
                    <option value="" selected=item.proves.is_none()>{tr("Not on the checklist")}</option>
                    {proofs.into_iter().map(|proof| view! {
                        <option value=proof.key() selected=item.proves == Some(proof)>{tr(proof.label())}</option>
                    }).collect_view()}
                </select>
                <div class="actions">
                    <button type="button" class="button small" on:click=move |_| viewing.set(true)>{tr("View")}</button>
                    <button type="button" class="button small danger" on:click=move |_| confirming.set(true)>{tr("Remove")}</button>
                </div>
                {move || confirming.get().then(|| view! {
                    <div class="confirm" role="group" aria-label=tr("Confirm removal")>
                        <p>{tr("Remove this file from the case? Its bytes are deleted from this device.")}</p>
                        <button type="button" class="button small danger" on:click=remove.clone()>{tr("Yes, remove it")}</button>
                        <button type="button" class="button small" on:click=move |_| confirming.set(false)>{tr("Keep it")}</button>
                    </div>
                })}
                {move || problem.get().map(|message| view! { <p class="error-text" role="alert">{message}</p> })}
            </div>
            {move || viewing.get().then(|| view! { <Viewer item=item.clone() kind on_close=move || viewing.set(false) /> })}
        </li>
    }
}

/// A full view of one file; its object URL lives only while it is open.
#[component]
fn Viewer(item: EvidenceItem, kind: FileKind, on_close: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    let url = use_object_url(item.id.clone());
    let close_ref = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = close_ref.get() {
            let _ = button.focus();
        }
    });
    let title = if item.caption.is_empty() { item.name.clone() } else { item.caption.clone() };
    let close = on_close.clone();
    let escape = window_event_listener(leptos::ev::keydown, move |event| {
        if event.key() == "Escape" {
            close();
        }
    });
    on_cleanup(move || escape.remove());
    let alt = title.clone();
    view! {
        <div class="viewer" role="dialog" aria-modal="true" aria-label=trf("Viewing {file}", &[("file", &title)])>
            <div class="viewer-body">
                <div class="viewer-bar">
                    <p>{title.clone()}</p>
                    <button type="button" class="button small" node_ref=close_ref on:click=move |_| on_close()>{tr("Close")}</button>
                </div>
                {move || url.get().map(|url| match kind {
                    FileKind::Image => view! { <img src=url alt=alt.clone() /> }.into_any(),
                    FileKind::Video => view! { <video src=url controls=true></video> }.into_any(),
                    FileKind::Pdf => view! { <iframe src=url title=alt.clone()></iframe> }.into_any(),
                    FileKind::Document => view! {
                        <p>{tr("This document cannot be shown here.")}" " <a href=url download=item.name.clone()>{tr("Download it")}</a></p>
                    }.into_any(),
                })}
            </div>
        </div>
    }
}

/// How much room the app uses and may use, and whether the browser keeps the data for sure.
#[component]
fn StorageRoom() -> impl IntoView {
    let state = AppState::expect();
    let usage = RwSignal::new(None::<quota::Usage>);
    let persistent = RwSignal::new(None::<bool>);
    let asked = RwSignal::new(false);
    Effect::new(move |_| {
        state.evidence.track();
        spawn_local(async move {
            usage.set(quota::usage().await);
            persistent.set(Some(quota::is_persistent().await));
        });
    });
    let ask = move |_| {
        spawn_local(async move {
            let granted = quota::ask_persistence().await;
            persistent.set(Some(granted));
            asked.set(true);
        });
    };
    view! {
        <div class="storage-room">
            {move || usage.get().map(|usage| view! {
                <p>{trf("Dispute Desk uses {used} of the {allowed} this browser allows it.", &[("used", &size_text(usage.used)), ("allowed", &size_text(usage.allowed))])}</p>
            })}
            {move || match (persistent.get(), asked.get()) {
                (Some(true), _) => view! { <p>{tr("The browser keeps this data even when the device runs short of space.")}</p> }.into_any(),
                (Some(false), false) => view! {
                    <p>{tr("The browser may delete this data if the device runs short of space.")}" "
                        <button type="button" class="button small" on:click=ask>{tr("Ask the browser to keep it")}</button></p>
                }.into_any(),
                (Some(false), true) => view! {
                    <p role="status">{tr("The browser said no: it may still delete this data when space runs short. Install the app or bookmark it, use it regularly, and keep a backup.")}</p>
                }.into_any(),
                (None, _) => ().into_any(),
            }}
        </div>
    }
}
