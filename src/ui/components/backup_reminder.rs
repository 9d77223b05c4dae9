//! A gentle reminder when cases have changed and no backup was made for a week.

use leptos::prelude::*;

use crate::domain::i18n::tr;
use crate::ui::browser::href;
use leptos_router::components::A;

use crate::domain::backup::backup_due;
use crate::storage::Settings;
use crate::ui::state::AppState;
use crate::ui::use_now::use_minute;

const REMIND_AFTER_DAYS: i64 = 7;

#[component]
pub fn BackupReminder() -> impl IntoView {
    let state = AppState::expect();
    let minute = use_minute();
    let due = Memo::new(move |_| {
        let last_change = state
            .cases
            .with(|cases| cases.iter().map(|case| case.updated_at).max())
            .max(state.evidence.with(|files| files.iter().map(|file| file.added_at).max()));
        backup_due(Settings::load().last_backup_at, last_change, minute.get(), REMIND_AFTER_DAYS)
    });
    move || {
        due.get().then(|| view! {
            <div class="notice reminder" role="status">
                {tr("Your latest changes are not in a backup yet.")}" "
                <A href=href("/backup")>{tr("Make a backup")}</A>" "{tr("so a lost phone or a cleared browser does not cost you your evidence.")}
            </div>
        })
    }
}
