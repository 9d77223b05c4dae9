//! The reminders a buyer who turned them on is sent: 2 days and 1 day before each open deadline.
//! The app keeps this schedule in storage whenever the cases change, so that the service worker can
//! show each reminder at its time even while the app is closed, and only once.

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::case::{Case, CaseId};
use super::deadline::Chain;
use super::i18n::day_text;
use super::i18n::{tr, trf};
use super::ics::uid;
use super::overview::upcoming;

/// How long before a deadline each reminder comes, and the name that keeps the two apart.
const LEADS: [(i64, &str); 2] = [(48, "48h"), (24, "24h")];

/// The most reminders kept: the soonest ones. A buyer with many cases opens the app often enough
/// for the schedule to be rewritten long before the last of them is due.
pub const MOST_SCHEDULED: usize = 200;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reminder {
    /// The same for the same reminder in every rewrite of the schedule, so that one already shown
    /// is never shown again. A corrected last day makes a new reminder.
    pub key: String,
    /// When it is due to be shown.
    pub at: DateTime<Utc>,
    /// When its deadline passes: a reminder not shown by then is no longer worth showing.
    pub until: DateTime<Utc>,
    pub case: CaseId,
    pub title: String,
    pub body: String,
}

/// Every reminder still to come for the open deadlines of `cases` (with their `chains`), soonest
/// first. Once a deadline is within 24 hours only its last reminder is left.
pub fn schedule<Tz: TimeZone>(cases: &[Case], chains: &[Chain], buyer_zone: &Tz, now: DateTime<Utc>) -> Vec<Reminder> {
    let mut reminders: Vec<Reminder> = upcoming(cases, chains, buyer_zone, now)
        .into_iter()
        .filter(|item| item.deadline.state.is_open() && item.deadline.due > now)
        .flat_map(|item| {
            let deadline = &item.deadline;
            let closing = trf("closes at the end of {day}", &[("day", &day_text(deadline.last_day))]);
            let title = trf("Dispute Desk: {deadline}", &[("deadline", &tr(deadline.kind.label()))]);
            let body = format!("{}: {closing}", item.case.title());
            let id = uid(item.case, deadline);
            let last_lead = LEADS[LEADS.len() - 1].0;
            LEADS
                .iter()
                // A reminder made redundant by a later one is dropped, so a buyer never gets two at once.
                .filter(move |(hours, _)| *hours == last_lead || deadline.due - now > Duration::hours(last_lead))
                .map(move |(hours, name)| Reminder {
                    key: format!("{id}:{}:{name}", deadline.last_day),
                    at: deadline.due - Duration::hours(*hours),
                    until: deadline.due,
                    case: item.case.id.clone(),
                    title: title.clone(),
                    body: body.clone(),
                })
                .collect::<Vec<_>>()
        })
        .collect();
    reminders.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.key.cmp(&b.key)));
    reminders.truncate(MOST_SCHEDULED);
    reminders
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{CaseDetails, OrderDates};
    use crate::domain::deadline::chains;
    use crate::domain::vocabulary::{PaymentMethod, Status};
    use crate::support::utc;
    use chrono::NaiveDate;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-21T12:00:00Z").unwrap().with_timezone(&Utc)
    }

    /// An AliExpress case paid from the platform balance: one deadline, 60 days from shipping.
    fn shipped(id: &str, item: &str, day: (u32, u32)) -> Case {
        let details = CaseDetails {
            order_number: id.into(),
            item: item.into(),
            payment_method: PaymentMethod::PlatformBalance,
            dates: OrderDates { shipped: NaiveDate::from_ymd_opt(2026, day.0, day.1), ..OrderDates::default() },
            ..CaseDetails::default()
        };
        Case::new(CaseId::new(id), details, now())
    }

    fn of(cases: &[Case], now: DateTime<Utc>) -> Vec<Reminder> {
        schedule(cases, &chains(cases, &Utc, now), &Utc, now)
    }

    #[test]
    fn two_reminders_per_open_deadline_two_days_and_one_day_before_it_closes() {
        // Shipped 30 September: the dispute window closes at the end of Sunday 29 November, China time.
        let reminders = of(&[shipped("A-1", "Desk lamp", (9, 30))], now());
        let times: Vec<_> = reminders.iter().map(|reminder| (reminder.at, reminder.until)).collect();
        let closes = utc("2026-11-29T16:00:00Z");
        assert_eq!(times, [(closes - Duration::hours(48), closes), (closes - Duration::hours(24), closes)]);
        assert_eq!(reminders[0].title, "Dispute Desk: Last day to open a dispute");
        assert_eq!(reminders[0].body, "Desk lamp: closes at the end of Sun 29 Nov 2026");
        assert_eq!(reminders[0].case, CaseId::new("A-1"));
        assert_ne!(reminders[0].key, reminders[1].key);
    }

    #[test]
    fn keys_stay_the_same_as_time_passes_and_change_when_the_last_day_does() {
        let case = shipped("A-1", "Desk lamp", (9, 30));
        let keys = |cases: &[Case], now| of(cases, now).into_iter().map(|reminder| reminder.key).collect::<Vec<_>>();
        let today = keys(std::slice::from_ref(&case), now());
        assert_eq!(keys(std::slice::from_ref(&case), now() + Duration::hours(3)), today);
        let later_shipping = shipped("A-1", "Desk lamp", (10, 1));
        assert!(keys(&[later_shipping], now()).iter().all(|key| !today.contains(key)));
    }

    #[test]
    fn within_a_day_only_the_last_reminder_is_left_and_none_once_the_deadline_has_passed() {
        let case = [shipped("A-1", "Desk lamp", (9, 30))];
        let within_a_day = of(&case, utc("2026-11-29T06:00:00Z"));
        assert_eq!(within_a_day.len(), 1);
        assert!(within_a_day[0].key.ends_with(":24h"));
        assert!(within_a_day[0].at < utc("2026-11-29T06:00:00Z"), "due at once: the app shows it now");
        assert_eq!(of(&case, utc("2026-11-29T16:00:00Z")), []);
    }

    #[test]
    fn resolved_cases_and_deadlines_without_a_date_get_none() {
        let mut resolved = shipped("R-1", "Mug", (9, 30));
        resolved.set_status(Status::Resolved);
        let undated = Case::new(CaseId::new("U-1"), CaseDetails::default(), now());
        assert_eq!(of(&[resolved, undated], now()), []);
    }

    #[test]
    fn soonest_first_across_cases_and_never_more_than_the_cap() {
        let cases = [shipped("LATER", "Lamp", (10, 20)), shipped("SOONER", "Mug", (9, 30))];
        let reminders = of(&cases, now());
        let order: Vec<_> = reminders.iter().map(|reminder| reminder.case.as_str()).collect();
        assert_eq!(order, ["SOONER", "SOONER", "LATER", "LATER"]);
        let many: Vec<Case> =
            (0..MOST_SCHEDULED).map(|n| shipped(&format!("C-{n}"), "Lamp", (10, 1 + (n % 28) as u32))).collect();
        let capped = of(&many, now());
        assert_eq!(capped.len(), MOST_SCHEDULED);
        assert!(capped.windows(2).all(|pair| pair[0].at <= pair[1].at));
    }
}
