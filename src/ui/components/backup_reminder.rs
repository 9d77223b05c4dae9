//! A gentle reminder when cases have changed and no backup was made for a week, or for 3 days
//! where the browser may delete the data itself (src/domain/abilities.rs).

use leptos::prelude::*;

use crate::domain::i18n::tr;
use crate::ui::browser::href;
use leptos_router::components::A;

use crate::domain::backup::backup_due;
use crate::storage::Settings;
use crate::ui::abilities::use_abilities;
use crate::ui::state::AppState;
use crate::ui::use_now::use_minute;

#[component]
pub fn BackupReminder() -> impl IntoView {
    let state = AppState::expect();
    let minute = use_minute();
    let abilities = use_abilities();
    let due = Memo::new(move |_| {
        let last_change = state
            .cases
            .with(|cases| cases.iter().map(|case| case.updated_at).max())
            .max(state.evidence.with(|files| files.iter().map(|file| file.added_at).max()));
        let after_days = abilities.found.with(|found| found.backup_reminder_days());
        backup_due(Settings::load().last_backup_at, last_change, minute.get(), after_days)
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
