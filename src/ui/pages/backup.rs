//! Backup and restore: everything in one file, and back, all or nothing.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::backup::{merge, preview, Backup, RestorePreview, FILE_EXTENSION};
use crate::domain::i18n::{tr, trf, trn};
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
            busy.set(Some(tr("Preparing the backup…").into()));
            let outcome = download_backup(state, Scope::Everything, media, "dispute-desk-backup", now_utc()).await;
            busy.set(None);
            last_backup.set(Settings::load().last_backup_at);
            message.set(Some(match outcome {
                Ok(()) => {
                    (true, tr("Your backup is downloading. Keep it somewhere safe, away from this device.").into())
                }
                Err(error) => {
                    (false, trf("The backup could not be made ({error}). Nothing was changed.", &[("error", &error)]))
                }
            }));
        });
    };

    let on_pick = move |event: leptos::ev::Event| {
        let Some(file) = picked_file(&event) else { return };
        spawn_local(async move {
            message.set(None);
            preview_shown.set(None);
            busy.set(Some(tr("Reading the backup…").into()));
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

    let restore = Callback::new(move |replace: bool| {
        let Some(picked_now) = picked.get_value() else { return };
        spawn_local(async move {
            message.set(None);
            let let_go = move || {
                preview_shown.set(None);
                picked.set_value(None);
            };
            let outcome = restore_from(state, picked_now, replace, busy, let_go).await;
            busy.set(None);
            message.set(Some(match outcome {
                Ok(done) => (true, done),
                Err(failure) => (false, failure),
            }));
        });
    });

    view! {
        <h1>{tr("Backup and restore")}</h1>
        <p class="lead">{tr("Everything stays on this device, so keep a backup elsewhere: a phone gets lost, a browser clears its data.")}</p>
        <section class="card" aria-labelledby="backup-title">
            <h2 id="backup-title">{tr("Make a backup")}</h2>
            <p>{move || match last_backup.get() {
                Some(at) => trf("Your last full backup: {time}.", &[("time", &local_time_text(at))]),
                None => tr("You have not made a backup yet.").to_owned(),
            }}</p>
            <div class="actions">
                <button type="button" class="button primary" on:click=move |_| export(true) disabled=move || busy.get().is_some()>
                    {tr("Download a full backup")}
                </button>
                <button type="button" class="button" on:click=move |_| export(false) disabled=move || busy.get().is_some()>
                    {tr("Download a small backup, without photos and videos")}
                </button>
            </div>
        </section>
        <section class="card" aria-labelledby="restore-title">
            <h2 id="restore-title">{tr("Restore from a backup")}</h2>
            <label class="button">
                {tr("Choose a backup file")}
                <input class="visually-hidden" type="file" accept=format!(".{FILE_EXTENSION},application/octet-stream") on:change=on_pick />
            </label>
            {move || preview_shown.get().map(|(summary, made, media)| view! { <WhatTheBackupHolds summary made media restore /> })}
        </section>
        {move || busy.get().map(|text| view! { <p class="notice" role="status">{text}</p> })}
        {move || message.get().map(|(ok, text)| view! {
            <div class=if ok { "notice success" } else { "notice danger" } role=if ok { "status" } else { "alert" }>{text}</div>
        })}
        <p class="hint">{trf("Backups are .{extension} files; the README of Dispute Desk describes the format.", &[("extension", &FILE_EXTENSION)])}</p>
    }
}

/// Restores the picked backup, replacing what is here (after downloading a backup of it) or
/// merged with it, all or nothing; says what was restored, or why nothing was. `busy` shows
/// each stage; `let_go` runs once the restore itself has run, whatever its outcome (until then a
/// failure leaves the backup picked, to try again).
async fn restore_from(
    state: AppState,
    picked: Picked,
    replace: bool,
    busy: RwSignal<Option<String>>,
    let_go: impl FnOnce(),
) -> Result<String, String> {
    let Picked { file, backup } = picked;
    let (cases, entries) = if replace {
        (backup.cases.iter().collect::<Vec<_>>(), backup.files.iter().collect::<Vec<_>>())
    } else {
        state.cases.with_untracked(|here| state.evidence.with_untracked(|files_here| merge(&backup, here, files_here)))
    };
    let total = entries.len();
    let files = check_files(&file, &entries, |done| {
        busy.set(Some(trf("Checking files: {done} of {total}", &[("done", &done), ("total", &total)])))
    })
    .await
    .map_err(|error| error.to_string())?;
    if replace {
        busy.set(Some(tr("Saving a backup of what is here now…").into()));
        download_backup(state, Scope::Everything, true, "dispute-desk-before-restore", now_utc()).await.map_err(
            |error| {
                trf(
                    "The automatic backup of your current cases failed ({error}), so nothing was replaced.",
                    &[("error", &error)],
                )
            },
        )?;
    }
    busy.set(Some(tr("Restoring…").into()));
    let restored = state.restore(replace, &cases, &files).await;
    let_go();
    restored.map_err(|error| trf("Nothing was restored: {error}", &[("error", &error)]))?;
    Ok(trf(
        "Restored {cases} and {files}.",
        &[
            ("cases", &trn("{count} case", "{count} cases", cases.len())),
            ("files", &trn("{count} file", "{count} files", files.len())),
        ],
    ))
}

/// What the picked backup holds against what is here, and the two ways to restore it.
#[component]
fn WhatTheBackupHolds(summary: RestorePreview, made: String, media: bool, restore: Callback<bool>) -> impl IntoView {
    view! {
        <div class="restore-preview" role="group" aria-label=tr("What the backup holds")>
            <p><strong>{trf("A backup from {time}", &[("time", &made)])}</strong>{(!media).then(|| format!(" {}", tr("(without photos and videos)")))}</p>
            <ul>
                <li>{trf("{cases}, {here} already here", &[("cases", &trn("{count} case", "{count} cases", summary.cases)), ("here", &summary.cases_already_here)])}
                    {(summary.cases_newer_here > 0).then(|| format!(" {}", trf("({count} changed here since the backup: merging keeps your newer copy)", &[("count", &summary.cases_newer_here)])))}</li>
                <li>{trf("{files}, {here} already here", &[("files", &trn("{count} file", "{count} files", summary.files)), ("here", &summary.files_already_here)])}</li>
            </ul>
            <div class="actions">
                <button type="button" class="button primary" on:click=move |_| restore.run(false)>{tr("Merge into my cases")}</button>
                <button type="button" class="button danger" on:click=move |_| restore.run(true)>{tr("Replace everything here")}</button>
            </div>
            <p class="hint">{tr("Replacing first downloads a backup of what is here now. Either way it is all or nothing: if anything fails, your data stays exactly as it is.")}</p>
        </div>
    }
}
