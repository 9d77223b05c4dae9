//! Backup and restore: everything in one file, and back, all or nothing.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::backup::{merge, preview, Backup, RestorePreview, FILE_EXTENSION};
use crate::storage::Settings;
use crate::ui::backup_io::{check_files, download_backup, read_backup, Scope};
use crate::ui::browser::{local_time_text, now_utc, picked_file};
use crate::ui::state::AppState;

/// A backup file the buyer picked, read and checked, waiting for their choice.
#[derive(Clone)]
struct Picked {
    file: web_sys::File,
    backup: Backup,
}

#[component]
pub fn BackupPage() -> impl IntoView {
    let state = AppState::expect();
    let busy = RwSignal::new(None::<String>);
    let message = RwSignal::new(None::<(bool, String)>);
    let picked = StoredValue::new_local(None::<Picked>);
    let preview_shown = RwSignal::new(None::<(RestorePreview, String, bool)>);
    let last_backup = RwSignal::new(Settings::load().last_backup_at);

    let export = move |media: bool| {
        spawn_local(async move {
            busy.set(Some("Preparing the backup…".into()));
            let outcome = download_backup(state, Scope::Everything, media, "dispute-desk-backup", now_utc()).await;
            busy.set(None);
            last_backup.set(Settings::load().last_backup_at);
            message.set(Some(match outcome {
                Ok(()) => (true, "Your backup is downloading. Keep it somewhere safe, away from this device.".into()),
                Err(error) => (false, format!("The backup could not be made ({error}). Nothing was changed.")),
            }));
        });
    };

    let on_pick = move |event: leptos::ev::Event| {
        let Some(file) = picked_file(&event) else { return };
        spawn_local(async move {
            message.set(None);
            preview_shown.set(None);
            busy.set(Some("Reading the backup…".into()));
            let outcome = read_backup(&file).await;
            busy.set(None);
            match outcome {
                Ok(backup) => {
                    let summary = state
                        .cases
                        .with_untracked(|cases| state.evidence.with_untracked(|files| preview(&backup, cases, files)));
                    let made = local_time_text(backup.created_at);
                    let media = backup.media_included;
                    picked.set_value(Some(Picked { file, backup }));
                    preview_shown.set(Some((summary, made, media)));
                }
                Err(error) => message.set(Some((false, error.to_string()))),
            }
        });
    };

    let restore = move |replace: bool| {
        let Some(Picked { file, backup, .. }) = picked.get_value() else { return };
        spawn_local(async move {
            message.set(None);
            let (cases, entries) = if replace {
                (backup.cases.iter().collect::<Vec<_>>(), backup.files.iter().collect::<Vec<_>>())
            } else {
                state
                    .cases
                    .with_untracked(|here| state.evidence.with_untracked(|files_here| merge(&backup, here, files_here)))
            };
            let total = entries.len();
            let checked =
                check_files(&file, &entries, |done| busy.set(Some(format!("Checking files: {done} of {total}")))).await;
            let files = match checked {
                Ok(files) => files,
                Err(error) => {
                    busy.set(None);
                    return message.set(Some((false, error.to_string())));
                }
            };
            if replace {
                busy.set(Some("Saving a backup of what is here now…".into()));
                if let Err(error) =
                    download_backup(state, Scope::Everything, true, "dispute-desk-before-restore", now_utc()).await
                {
                    busy.set(None);
                    return message.set(Some((
                        false,
                        format!(
                            "The automatic backup of your current cases failed ({error}), so nothing was replaced."
                        ),
                    )));
                }
            }
            busy.set(Some("Restoring…".into()));
            let outcome = state.restore(replace, &cases, &files).await;
            busy.set(None);
            preview_shown.set(None);
            picked.set_value(None);
            message.set(Some(match outcome {
                Ok(()) => (true, format!("Restored {} case(s) and {} file(s).", cases.len(), files.len())),
                Err(error) => (false, format!("Nothing was restored: {error}")),
            }));
        });
    };

    view! {
        <h1>"Backup and restore"</h1>
        <p class="lead">"Everything stays on this device, so keep a backup elsewhere: a phone gets lost, a browser clears its data."</p>
        <section class="card" aria-labelledby="backup-title">
            <h2 id="backup-title">"Make a backup"</h2>
            <p>{move || match last_backup.get() {
                Some(at) => format!("Your last full backup: {}.", local_time_text(at)),
                None => "You have not made a backup yet.".to_owned(),
            }}</p>
            <div class="actions">
                <button type="button" class="button primary" on:click=move |_| export(true) disabled=move || busy.get().is_some()>
                    "Download a full backup"
                </button>
                <button type="button" class="button" on:click=move |_| export(false) disabled=move || busy.get().is_some()>
                    "Download a small backup, without photos and videos"
                </button>
            </div>
        </section>
        <section class="card" aria-labelledby="restore-title">
            <h2 id="restore-title">"Restore from a backup"</h2>
            <label class="button">
                "Choose a backup file"
                <input class="visually-hidden" type="file" accept=format!(".{FILE_EXTENSION},application/octet-stream") on:change=on_pick />
            </label>
            {move || preview_shown.get().map(|(summary, made, media)| view! {
                <div class="restore-preview" role="group" aria-label="What the backup holds">
                    <p><strong>{format!("A backup from {made}")}</strong>{(!media).then_some(" (without photos and videos)")}</p>
                    <ul>
                        <li>{format!("{} case(s), {} already here", summary.cases, summary.cases_already_here)}
                            {(summary.cases_newer_here > 0).then(|| format!(" ({} changed here since the backup: merging keeps your newer copy)", summary.cases_newer_here))}</li>
                        <li>{format!("{} file(s), {} already here", summary.files, summary.files_already_here)}</li>
                    </ul>
                    <div class="actions">
                        <button type="button" class="button primary" on:click=move |_| restore(false)>"Merge into my cases"</button>
                        <button type="button" class="button danger" on:click=move |_| restore(true)>"Replace everything here"</button>
                    </div>
                    <p class="hint">"Replacing first downloads a backup of what is here now. Either way it is all or nothing: if anything fails, your data stays exactly as it is."</p>
                </div>
            })}
        </section>
        {move || busy.get().map(|text| view! { <p class="notice" role="status">{text}</p> })}
        {move || message.get().map(|(ok, text)| view! {
            <div class=if ok { "notice success" } else { "notice danger" } role=if ok { "status" } else { "alert" }>{text}</div>
        })}
        <p class="hint">{format!("Backups are .{FILE_EXTENSION} files; the README of Dispute Desk describes the format.")}</p>
    }
}
