//! The dashboard's view of all cases: what each needs and in which order to show them.

use chrono::{DateTime, TimeZone, Utc};

use super::case::Case;
use super::clock::Urgency;
use super::deadline::{most_urgent, Deadline};

/// What a case needs from the buyer, most pressing first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Attention {
    Overdue,
    DueSoon,
    /// A deadline applies but the app cannot date it until the buyer adds a date.
    DatesMissing,
    Upcoming,
    /// Past the steps this version tracks deadlines for.
    InProgress,
    Closed,
}

impl Attention {
    pub fn label(self) -> &'static str {
        match self {
            Attention::Overdue => Urgency::Overdue.label(),
            Attention::DueSoon => Urgency::DueSoon.label(),
            Attention::DatesMissing => "Deadline unknown",
            Attention::Upcoming => Urgency::Later.label(),
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
pub struct CaseOverview {
    pub case: Case,
    pub deadline: Option<Deadline>,
    pub attention: Attention,
}

impl CaseOverview {
    pub fn of<Tz: TimeZone>(case: Case, buyer_zone: &Tz, now: DateTime<Utc>) -> Self {
        let deadline = most_urgent(&case, buyer_zone);
        let attention = match &deadline {
            Some(deadline) => match deadline.urgency(now) {
                Urgency::Overdue => Attention::Overdue,
                Urgency::DueSoon => Attention::DueSoon,
                Urgency::Later => Attention::Upcoming,
            },
            None if case.status.is_closed() => Attention::Closed,
            None if case.status.awaits_dispute() => Attention::DatesMissing,
            None => Attention::InProgress,
        };
        Self { case, deadline, attention }
    }
}

/// Every case with its most urgent deadline, most urgent first: by attention, then by due
/// instant, then the most recently changed.
pub fn overview<Tz: TimeZone>(cases: &[Case], buyer_zone: &Tz, now: DateTime<Utc>) -> Vec<CaseOverview> {
    let mut rows: Vec<CaseOverview> =
        cases.iter().cloned().map(|case| CaseOverview::of(case, buyer_zone, now)).collect();
    rows.sort_by(|a, b| {
        a.attention
            .cmp(&b.attention)
            .then_with(|| a.deadline.as_ref().map(|d| d.due).cmp(&b.deadline.as_ref().map(|d| d.due)))
            .then_with(|| b.case.updated_at.cmp(&a.case.updated_at))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{CaseDetails, CaseId, OrderDates, PaymentMethod, Platform, Problem, Status};
    use chrono::{Duration, NaiveDate};

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-21T12:00:00Z").unwrap().with_timezone(&Utc)
    }

    fn case(id: &str, shipped_days_ago: Option<i64>, status: Status, updated_hours_ago: i64) -> Case {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let details = CaseDetails {
            platform: Platform::AliExpress,
            order_number: id.into(),
            seller: String::new(),
            item: String::new(),
            amount: None,
            payment_method: PaymentMethod::Card,
            dates: OrderDates { shipped: shipped_days_ago.map(|d| today - Duration::days(d)), ..OrderDates::default() },
            protection_ends: None,
            problem: Problem::NotReceived,
            notes: String::new(),
        };
        let mut case = Case::new(CaseId::new(id), details, now() - Duration::hours(updated_hours_ago));
        case.status = status;
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
        let rows = overview(&cases, &Utc, now());
        let order: Vec<_> = rows.iter().map(|row| row.case.id.as_str()).collect();
        assert_eq!(
            order,
            ["overdue-older", "overdue", "due-soon", "no-dates", "later-a", "later-b", "in-progress", "closed"]
        );
        let attention: Vec<_> = rows.iter().map(|row| row.attention).collect();
        assert_eq!(
            attention,
            [
                Attention::Overdue,
                Attention::Overdue,
                Attention::DueSoon,
                Attention::DatesMissing,
                Attention::Upcoming,
                Attention::Upcoming,
                Attention::InProgress,
                Attention::Closed
            ]
        );
        assert!(rows[..4].iter().all(|row| row.attention.is_alarming()));
        assert!(rows[4..].iter().all(|row| !row.attention.is_alarming()));
    }

    #[test]
    fn ties_show_the_most_recently_changed_first() {
        let cases = [case("old", Some(10), Status::DisputeOpen, 5), case("new", Some(10), Status::DisputeOpen, 1)];
        let order: Vec<_> = overview(&cases, &Utc, now()).into_iter().map(|row| row.case.id).collect();
        assert_eq!(order, [CaseId::new("new"), CaseId::new("old")]);
    }

    #[test]
    fn labels_say_the_state_in_words() {
        assert_eq!(Attention::Overdue.label(), "Overdue");
        assert_eq!(Attention::DueSoon.label(), "Due soon");
        assert_eq!(Attention::DatesMissing.label(), "Deadline unknown");
    }
}
