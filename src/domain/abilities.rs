//! What the buyer's browser can do for Dispute Desk, and what the app says and does where it
//! cannot. The UI finds each ability by detecting the feature itself, never by the browser's name
//! (src/ui/abilities.rs); everything decided from them is here, as data.

use crate::domain::i18n::tr;

/// How a buyer adds a web app to the Home Screen, told apart by what the browser offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InstallRoute {
    /// The browser has its own install offer (it fires `beforeinstallprompt`).
    BrowserInstall,
    /// Safari's engine on iPhone and iPad (it has `navigator.standalone`): the Share button.
    ShareButton,
    /// Any other browser: its menu, where it offers it.
    BrowserMenu,
}

/// What this browser, on this device, can do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Abilities {
    /// Opened as an installed app (`display-mode: standalone`): browsers keep its data.
    pub installed: bool,
    /// The page can show notifications at all (Safari on iPhone: only an installed app).
    pub notifications: bool,
    /// Whether the browser agreed to keep this site's data when space runs short or it goes
    /// unvisited (`navigator.storage.persist()`); `None` while unknown or where it cannot say.
    pub storage_kept: Option<bool>,
    pub install: InstallRoute,
}

/// Days without a backup after which the app reminds the buyer to make one.
pub const BACKUP_REMINDER_DAYS: i64 = 7;
/// The same where the browser may delete the data itself: Safari deletes everything a website
/// stored after 7 days without a visit, unless it was added to the Home Screen.
pub const BACKUP_REMINDER_DAYS_AT_RISK: i64 = 3;

impl Abilities {
    /// Whether the browser may delete the buyer's cases on its own: not installed, and it has not
    /// agreed to keep them (refused, or cannot be asked).
    pub fn data_at_risk(&self) -> bool {
        !self.installed && self.storage_kept != Some(true)
    }

    pub fn backup_reminder_days(&self) -> i64 {
        if self.data_at_risk() {
            BACKUP_REMINDER_DAYS_AT_RISK
        } else {
            BACKUP_REMINDER_DAYS
        }
    }
}

impl InstallRoute {
    /// The steps, in the buyer's words, to add Dispute Desk to the Home Screen.
    pub fn steps(self) -> &'static str {
        match self {
            InstallRoute::ShareButton => tr(
                "Tap the Share button (the square with an arrow), then \"Add to Home Screen\", then \"Add\". From then on, open Dispute Desk from its icon.",
            ),
            InstallRoute::BrowserInstall => tr(
                "Open the browser's menu and choose \"Install app\" or \"Add to Home screen\". From then on, open Dispute Desk from its icon.",
            ),
            InstallRoute::BrowserMenu => tr(
                "If the browser's menu offers \"Add to Home screen\" or \"Install\", choose it and open Dispute Desk from its icon. If it does not, make a backup after each change.",
            ),
        }
    }
}

/// What the reminders card says of this browser: `on` is the buyer's switch, `wakes_closed_app`
/// whether the browser agreed to wake the app while it is closed (unknown until it answers).
pub fn reminders_status(abilities: &Abilities, on: bool, wakes_closed_app: Option<bool>) -> Option<&'static str> {
    if !abilities.notifications {
        return Some(tr(
            "This browser cannot show notifications for a website. On iPhone and iPad they come only once Dispute Desk is added to the Home Screen (iOS 16.4 or later). Until then, add the deadlines to your calendar: it reminds you even when the browser is closed.",
        ));
    }
    match (on, wakes_closed_app) {
        (false, _) => None,
        (true, Some(true)) => Some(tr("Reminders are on, even while Dispute Desk is closed. Your phone decides when to check, so one may come a few hours late: add the deadlines to your calendar too.")),
        (true, _) => Some(tr("Reminders are on, but only while Dispute Desk is open: this browser cannot wake it (Chrome can, once Dispute Desk is installed). Add the deadlines to your calendar too.")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn browser(installed: bool, storage_kept: Option<bool>) -> Abilities {
        Abilities { installed, notifications: true, storage_kept, install: InstallRoute::ShareButton }
    }

    #[test]
    fn data_is_at_risk_only_in_a_browser_that_has_not_agreed_to_keep_it() {
        assert!(browser(false, Some(false)).data_at_risk(), "refused");
        assert!(browser(false, None).data_at_risk(), "cannot be asked");
        assert!(!browser(false, Some(true)).data_at_risk(), "kept");
        assert!(!browser(true, Some(false)).data_at_risk(), "installed apps keep their data");
    }

    #[test]
    fn the_backup_reminder_comes_after_3_days_where_the_data_is_at_risk_else_after_7() {
        assert_eq!(browser(false, Some(false)).backup_reminder_days(), 3);
        assert_eq!(browser(false, Some(true)).backup_reminder_days(), 7);
        assert_eq!(browser(true, None).backup_reminder_days(), 7);
    }

    #[test]
    fn without_notifications_the_card_says_so_and_points_to_the_calendar_whatever_the_switch() {
        let no_notifications = Abilities { notifications: false, ..browser(false, None) };
        for on in [false, true] {
            let said = reminders_status(&no_notifications, on, Some(false)).unwrap_or_default();
            assert!(said.contains("added to the Home Screen (iOS 16.4 or later)"), "{said}");
            assert!(said.contains("calendar"), "{said}");
        }
        assert_eq!(reminders_status(&browser(false, None), false, None), None, "nothing to say while off");
        assert!(reminders_status(&browser(false, None), true, Some(false))
            .unwrap_or_default()
            .contains("only while Dispute Desk is open"));
        assert!(reminders_status(&browser(true, None), true, Some(true))
            .unwrap_or_default()
            .contains("even while Dispute Desk is closed"));
    }

    #[test]
    fn each_way_to_the_home_screen_has_its_own_steps() {
        assert!(InstallRoute::ShareButton.steps().contains("Share button"));
        assert!(InstallRoute::BrowserInstall.steps().contains("Install app"));
        assert!(InstallRoute::BrowserMenu.steps().contains("make a backup"));
    }
}
