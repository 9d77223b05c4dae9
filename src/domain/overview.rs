//! Views across all cases: the dashboard's order and the "Upcoming" list of every deadline.

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::case::Case;

use super::clock::today_in;
use super::deadline::{Chain, Deadline, State};
use super::deadline_kind::DeadlineKind;
use super::vocabulary::Status;

/// What a case needs from the buyer, most pressing first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Attention {
    Overdue,
    DueSoon,
    /// A deadline applies but the app cannot date it until the buyer adds a date.
    DatesMissing,
    Upcoming,
    /// Nothing is counting down right now.
    InProgress,
    Closed,
}

impl Attention {
    pub const ALL: &'static [Attention] = &[
        Attention::Overdue,
        Attention::DueSoon,
        Attention::DatesMissing,
        Attention::Upcoming,
        Attention::InProgress,
        Attention::Closed,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Attention::Overdue => "Overdue",
            Attention::DueSoon => "Due soon",
            Attention::DatesMissing => "Deadline unknown",
            Attention::Upcoming => "Upcoming",
            Attention::InProgress => "In progress",
            Attention::Closed => "Closed",
        }
    }

    /// Whether the case must stand out on the dashboard.
    pub fn is_alarming(self) -> bool {
        self <= Attention::DatesMissing
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct CaseOverview<'a> {
    pub case: &'a Case,
    pub chain: &'a Chain,
    pub attention: Attention,
}

impl<'a> CaseOverview<'a> {
    /// `case` seen through its deadline `chain` (from [`chains`]).
    pub fn of(case: &'a Case, chain: &'a Chain) -> Self {
        let attention = match chain.most_urgent().map(|deadline| deadline.state) {
            _ if case.status() == Status::Resolved => Attention::Closed,
            Some(State::Missed) => Attention::Overdue,
            Some(State::DueSoon) => Attention::DueSoon,
            _ if case.status().awaits_dispute()
                && chain.pending.iter().any(|p| p.kind == DeadlineKind::OpenDispute && p.missing_input()) =>
            {
                Attention::DatesMissing
            }
            Some(_) => Attention::Upcoming,
            None if case.status().is_closed() => Attention::Closed,
            None => Attention::InProgress,
        };
        Self { case, chain, attention }
    }

    /// The order of [`overview`]: smaller is more urgent.
    pub fn urgency(&self) -> (Attention, Option<DateTime<Utc>>, std::cmp::Reverse<DateTime<Utc>>) {
        (self.attention, self.deadline().map(|d| d.due), std::cmp::Reverse(self.case.updated_at))
    }

    pub fn deadline(&self) -> Option<&Deadline> {
        if self.attention == Attention::Closed {
            None
        } else {
            self.chain.most_urgent()
        }
    }
}

/// Every case with its most urgent deadline, most urgent first: by attention, then by due
/// instant, then the most recently changed. `chains` are the cases' own, in the same order.
pub fn overview<'a>(cases: &'a [Case], chains: &'a [Chain]) -> Vec<CaseOverview<'a>> {
    let mut rows: Vec<CaseOverview> =
        cases.iter().zip(chains).map(|(case, chain)| CaseOverview::of(case, chain)).collect();
    rows.sort_by_cached_key(CaseOverview::urgency);
    rows
}

/// The sections of the "Upcoming" view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum When {
    Overdue,
    Today,
    ThisWeek,
    Later,
}

impl When {
    pub const ALL: [When; 4] = [When::Overdue, When::Today, When::ThisWeek, When::Later];

    pub fn label(self) -> &'static str {
        match self {
            When::Overdue => "Overdue",
            When::Today => "Today",
            When::ThisWeek => "This week",
            When::Later => "Later",
        }
    }

    fn of<Tz: TimeZone>(deadline: &Deadline, buyer_zone: &Tz, now: DateTime<Utc>) -> Self {
        if deadline.state == State::Missed {
            When::Overdue
        } else if today_in(deadline.due - Duration::seconds(1), buyer_zone) == today_in(now, buyer_zone) {
            // The instant a day ends belongs to that day, not to the next one.
            When::Today
        } else if deadline.due <= now + Duration::days(7) {
            When::ThisWeek
        } else {
            When::Later
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct UpcomingItem<'a> {
    pub case: &'a Case,
    pub deadline: Deadline,
    pub when: When,
}

/// Every open or missed deadline of every case still going, soonest first, missed ones most
/// recent first.
pub fn upcoming<'a, Tz: TimeZone>(
    cases: &'a [Case],
    chains: &[Chain],
    buyer_zone: &Tz,
    now: DateTime<Utc>,
) -> Vec<UpcomingItem<'a>> {
    let mut items: Vec<UpcomingItem> = cases
        .iter()
        .zip(chains)
        .filter(|(case, _)| case.status() != Status::Resolved)
        .flat_map(|(case, chain)| {
            chain
                .dated
                .iter()
                .filter(|deadline| {
                    deadline.state.is_open()
                        || matches!(deadline.state, State::Missed | State::Expected { passed: false })
                })
                .map(move |deadline| {
                    let when = When::of(deadline, buyer_zone, now);
                    UpcomingItem { case, deadline: deadline.clone(), when }
                })
        })
        .collect();
    items.sort_by(|a, b| {
        a.when.cmp(&b.when).then_with(|| match a.when {
            When::Overdue => b.deadline.due.cmp(&a.deadline.due),
            _ => a.deadline.due.cmp(&b.deadline.due),
        })
    });
    items
}

/// Open deadlines due within 48 hours, for the app-wide banner.
pub fn due_soon<'a, Tz: TimeZone>(
    cases: &'a [Case],
    chains: &[Chain],
    buyer_zone: &Tz,
    now: DateTime<Utc>,
) -> Vec<UpcomingItem<'a>> {
    upcoming(cases, chains, buyer_zone, now).into_iter().filter(|item| item.deadline.state == State::DueSoon).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{CaseDetails, CaseId, OrderDates};
    use crate::domain::deadline::{chain, chains};
    use crate::domain::vocabulary::{Event, PaymentMethod};
    use chrono::NaiveDate;
    use chrono_tz::America;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-21T12:00:00Z").unwrap().with_timezone(&Utc)
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    fn case(id: &str, shipped_days_ago: Option<i64>, status: Status, updated_hours_ago: i64) -> Case {
        let details = CaseDetails {
            order_number: id.into(),
            payment_method: PaymentMethod::PlatformBalance,
            dates: OrderDates {
                shipped: shipped_days_ago.map(|d| today() - Duration::days(d)),
                ..OrderDates::default()
            },
            ..CaseDetails::default()
        };
        let mut case = Case::new(CaseId::new(id), details, now() - Duration::hours(updated_hours_ago));
        case.set_status(status);
        case
    }

    #[test]
    fn most_urgent_first_with_unknown_deadlines_flagged_before_calm_ones() {
        let cases = [
            case("closed", Some(10), Status::Resolved, 1),
            case("later-b", Some(10), Status::New, 1),
            case("in-progress", Some(10), Status::DisputeOpen, 1),
            case("overdue", Some(70), Status::TalkingToSeller, 1),
            case("no-dates", None, Status::New, 1),
            case("due-soon", Some(59), Status::New, 1),
            case("later-a", Some(20), Status::New, 1),
            case("overdue-older", Some(75), Status::New, 1),
        ];
        let chains = chains(&cases, &Utc, now());
        let rows = overview(&cases, &chains);
        let order: Vec<_> = rows.iter().map(|row| row.case.id.as_str()).collect();
        assert_eq!(
            order,
            ["overdue-older", "overdue", "due-soon", "no-dates", "later-a", "later-b", "in-progress", "closed"]
        );
        let attention: Vec<_> = rows.iter().map(|row| row.attention).collect();
        use Attention::*;
        assert_eq!(attention, [Overdue, Overdue, DueSoon, DatesMissing, Upcoming, Upcoming, InProgress, Closed]);
        assert!(rows[..4].iter().all(|row| row.attention.is_alarming()));
        assert!(rows[4..].iter().all(|row| !row.attention.is_alarming()));
        assert_eq!(rows[7].deadline(), None);
    }

    #[test]
    fn only_an_undatable_opening_window_makes_the_deadline_unknown() {
        let mut card = case("card", Some(10), Status::New, 1);
        card.details.payment_method = PaymentMethod::Card;
        let chain = chain(&card, &Utc, now());
        let row = CaseOverview::of(&card, &chain);
        assert!(row.chain.pending.iter().any(|p| p.kind == DeadlineKind::Chargeback && p.missing_input()));
        assert_eq!(row.attention, Attention::Upcoming, "a missing payment date only hides the chargeback window");
    }

    #[test]
    fn ties_show_the_most_recently_changed_first() {
        let cases = [case("old", Some(10), Status::DisputeOpen, 5), case("new", Some(10), Status::DisputeOpen, 1)];
        let chains = chains(&cases, &Utc, now());
        let order: Vec<_> = overview(&cases, &chains).into_iter().map(|row| row.case.id.clone()).collect();
        assert_eq!(order, [CaseId::new("new"), CaseId::new("old")]);
    }

    #[test]
    fn upcoming_groups_every_deadline_of_every_open_case() {
        let mut disputed = case("disputed", Some(20), Status::DisputeOpen, 1);
        // Opened Tuesday 17 November: the seller's 5 days end Sunday the 22nd, the platform's 7 on the
        // 24th, and the decision is expected on 2 December.
        disputed.record_step(Event::DisputeOpened, today() - Duration::days(4), disputed.updated_at);
        let cases = [
            case("missed", Some(70), Status::New, 1),
            case("today", Some(60), Status::New, 1),
            disputed,
            case("later", Some(10), Status::New, 1),
            case("resolved", Some(60), Status::Resolved, 1),
        ];
        let chains = chains(&cases, &America::New_York, now());
        let items = upcoming(&cases, &chains, &America::New_York, now());
        let listed: Vec<_> = items.iter().map(|i| (i.when, i.case.id.as_str(), i.deadline.kind)).collect();
        assert_eq!(
            listed,
            [
                (When::Overdue, "missed", DeadlineKind::OpenDispute),
                (When::Today, "today", DeadlineKind::OpenDispute),
                (When::ThisWeek, "disputed", DeadlineKind::SellerResponse),
                (When::ThisWeek, "disputed", DeadlineKind::PlatformStepsIn),
                (When::Later, "disputed", DeadlineKind::ExpectedDecision),
                (When::Later, "later", DeadlineKind::OpenDispute),
            ]
        );
        let soon: Vec<_> =
            due_soon(&cases, &chains, &America::New_York, now()).into_iter().map(|i| i.case.id.clone()).collect();
        assert_eq!(soon, [CaseId::new("today"), CaseId::new("disputed")]);
    }

    #[test]
    fn labels_say_the_state_in_words() {
        assert_eq!(Attention::Overdue.label(), "Overdue");
        assert_eq!(Attention::DatesMissing.label(), "Deadline unknown");
        assert_eq!(When::ThisWeek.label(), "This week");
    }
}
