//! Deadlines computed from a case's dates and the rules, each with where its date comes from.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::case::{Case, CaseDetails, Platform};
use super::clock::{platform_day_end, Urgency};
use super::rules::{rules_for, DeadlineKind, Event, Rule};

/// Where a deadline's date comes from: the platform's own order page always beats an estimate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// The buyer copied this date from the platform's order page.
    OrderPage,
    /// Worked out from a rule; `counted_from` is the rule's fallback event when its usual one is unknown.
    Estimate { rule: &'static Rule, counted_from: Event, from_day: NaiveDate },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deadline {
    pub kind: DeadlineKind,
    /// The last calendar day on which the step can still be done.
    pub last_day: NaiveDate,
    /// The instant the window closes.
    pub due: DateTime<Utc>,
    pub source: Source,
}

impl Deadline {
    pub fn urgency(&self, now: DateTime<Utc>) -> Urgency {
        Urgency::of(self.due, now)
    }

    pub fn is_estimate(&self) -> bool {
        matches!(self.source, Source::Estimate { .. })
    }

    /// A short label for the kind of date: estimate or platform's.
    pub fn source_label(&self) -> &'static str {
        match self.source {
            Source::OrderPage => "From your order page",
            Source::Estimate { .. } => "Estimate",
        }
    }

    /// Why this date: the rule, the value used, the range seen and the sources.
    pub fn why(&self) -> String {
        match &self.source {
            Source::OrderPage => {
                "You entered the protection end date shown on the order page; it beats any estimate.".to_owned()
            }
            Source::Estimate { rule, counted_from, from_day } => {
                let mut text = format!(
                    "{} days after {} ({}); {}. {}",
                    rule.days,
                    counted_from.phrase(),
                    day_text(*from_day),
                    rule.range_text(),
                    rule.note,
                );
                if *counted_from != rule.counts_from {
                    text.push_str(&format!(
                        " Counted from {} because the date of {} is missing, so the real deadline is probably later.",
                        counted_from.phrase(),
                        rule.counts_from.phrase(),
                    ));
                }
                text.push_str(&format!(" Sources: {}. Reviewed {}.", rule.sources.join("; "), rule.reviewed));
                text
            }
        }
    }
}

/// The last moment to open a dispute: the order page's protection date when the buyer has it,
/// otherwise the earliest day any applicable rule allows.
pub fn opening_deadline<Tz: TimeZone>(details: &CaseDetails, buyer_zone: &Tz) -> Option<Deadline> {
    let (last_day, source) = match details.protection_ends {
        Some(day) => (day, Source::OrderPage),
        None => rules_for(DeadlineKind::OpenDispute, details.platform, details.problem)
            .filter_map(|rule| {
                let (last_day, counted_from) = rule.last_day(&details.dates)?;
                let from_day = counted_from.date_in(&details.dates)?;
                Some((last_day, Source::Estimate { rule, counted_from, from_day }))
            })
            .min_by_key(|(last_day, _)| *last_day)?,
    };
    Some(Deadline { kind: DeadlineKind::OpenDispute, last_day, due: platform_day_end(last_day, buyer_zone), source })
}

/// The deadline that matters most for the case right now, if one is known.
pub fn most_urgent<Tz: TimeZone>(case: &Case, buyer_zone: &Tz) -> Option<Deadline> {
    if case.status.awaits_dispute() {
        opening_deadline(&case.details, buyer_zone)
    } else {
        None
    }
}

/// What the buyer can add so the app can work out the opening deadline, when it cannot.
pub fn missing_dates_hint(details: &CaseDetails) -> &'static str {
    match details.platform {
        Platform::OtherMarketplace => {
            "The app does not know this marketplace's rules: copy the protection end date from your order page."
        }
        Platform::AliExpress => {
            "Add the payment or shipping date, or copy the protection end date from your order page."
        }
        Platform::AlibabaTradeAssurance => {
            "Add the delivery or promised delivery date, or copy the protection end date from your order page."
        }
    }
}

/// A calendar day for people: "Mon 5 Jan 2026".
pub fn day_text(day: NaiveDate) -> String {
    day.format("%a %-d %b %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{CaseId, OrderDates, PaymentMethod, Problem, Status};
    use chrono_tz::{America, Asia, Europe};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    fn details(platform: Platform, problem: Problem, dates: OrderDates) -> CaseDetails {
        CaseDetails {
            platform,
            order_number: "8123456789".into(),
            seller: "Store".into(),
            item: "Headphones".into(),
            amount: None,
            payment_method: PaymentMethod::Card,
            dates,
            protection_ends: None,
            problem,
            notes: String::new(),
        }
    }

    fn rule_id(deadline: &Deadline) -> &'static str {
        match &deadline.source {
            Source::Estimate { rule, .. } => rule.id,
            Source::OrderPage => "order page",
        }
    }

    #[test]
    fn aliexpress_counts_60_days_from_shipment() {
        let dates = OrderDates { paid: Some(day(2026, 9, 1)), shipped: Some(day(2026, 9, 3)), ..Default::default() };
        let deadline = opening_deadline(&details(Platform::AliExpress, Problem::NotReceived, dates), &Utc).unwrap();
        assert_eq!(deadline.last_day, day(2026, 11, 2));
        assert_eq!(rule_id(&deadline), "aliexpress.protection.after_shipment");
        assert!(deadline.is_estimate());
        // In UTC, China's midnight (16:00 UTC) comes first.
        assert_eq!(deadline.due, utc("2026-11-02T16:00:00Z"));
    }

    #[test]
    fn aliexpress_without_a_shipping_date_counts_from_payment_and_says_so() {
        let dates = OrderDates { paid: Some(day(2026, 9, 1)), ..Default::default() };
        let deadline = opening_deadline(&details(Platform::AliExpress, Problem::NotReceived, dates), &Utc).unwrap();
        assert_eq!(deadline.last_day, day(2026, 10, 31));
        assert!(matches!(deadline.source, Source::Estimate { counted_from: Event::Paid, .. }));
        assert!(deadline.why().contains("because the date of shipment is missing"), "{}", deadline.why());
    }

    #[test]
    fn aliexpress_delivery_and_confirmation_shorten_the_window() {
        let mut dates = OrderDates { shipped: Some(day(2026, 9, 3)), ..Default::default() };
        dates.receipt_confirmed = Some(day(2026, 9, 20));
        let case = details(Platform::AliExpress, Problem::DamagedOrDefective, dates.clone());
        let deadline = opening_deadline(&case, &Utc).unwrap();
        assert_eq!(
            (deadline.last_day, rule_id(&deadline)),
            (day(2026, 10, 5), "aliexpress.protection.after_receipt_confirmed")
        );

        dates.delivered = Some(day(2026, 9, 18));
        let case = details(Platform::AliExpress, Problem::DamagedOrDefective, dates);
        let deadline = opening_deadline(&case, &Utc).unwrap();
        assert_eq!(
            (deadline.last_day, rule_id(&deadline)),
            (day(2026, 9, 23), "aliexpress.protection.after_delivered")
        );
    }

    #[test]
    fn alibaba_counts_30_days_from_receipt_or_else_from_delivery() {
        let dates = OrderDates { delivered: Some(day(2026, 2, 10)), ..Default::default() };
        let case = details(Platform::AlibabaTradeAssurance, Problem::NotAsDescribed, dates.clone());
        let deadline = opening_deadline(&case, &Utc).unwrap();
        assert_eq!(deadline.last_day, day(2026, 3, 12));
        assert!(matches!(deadline.source, Source::Estimate { counted_from: Event::Delivered, .. }));

        let confirmed = OrderDates { receipt_confirmed: Some(day(2026, 2, 12)), ..dates };
        let case = details(Platform::AlibabaTradeAssurance, Problem::NotAsDescribed, confirmed);
        assert_eq!(opening_deadline(&case, &Utc).unwrap().last_day, day(2026, 3, 14));
    }

    #[test]
    fn alibaba_non_delivery_counts_from_the_promised_date() {
        let dates =
            OrderDates { paid: Some(day(2026, 1, 5)), promised_delivery: Some(day(2026, 2, 1)), ..Default::default() };
        let deadline =
            opening_deadline(&details(Platform::AlibabaTradeAssurance, Problem::NotReceived, dates.clone()), &Utc)
                .unwrap();
        assert_eq!(
            (deadline.last_day, rule_id(&deadline)),
            (day(2026, 3, 3), "alibaba.trade_assurance.on_time_delivery")
        );
        // The late-delivery claim is not the window for a quality problem.
        assert_eq!(opening_deadline(&details(Platform::AlibabaTradeAssurance, Problem::WrongItem, dates), &Utc), None);
    }

    #[test]
    fn the_order_page_date_beats_every_estimate() {
        let dates =
            OrderDates { shipped: Some(day(2026, 9, 3)), delivered: Some(day(2026, 9, 18)), ..Default::default() };
        let mut case = details(Platform::AliExpress, Problem::WrongItem, dates);
        case.protection_ends = Some(day(2026, 12, 1));
        let deadline = opening_deadline(&case, &Asia::Tokyo).unwrap();
        assert_eq!(deadline.last_day, day(2026, 12, 1));
        assert_eq!(deadline.source, Source::OrderPage);
        assert!(!deadline.is_estimate());
        assert_eq!(deadline.source_label(), "From your order page");
        assert_eq!(deadline.due, utc("2026-12-01T15:00:00Z"));
    }

    #[test]
    fn other_marketplaces_need_the_order_page_date() {
        let dates = OrderDates { shipped: Some(day(2026, 9, 3)), ..Default::default() };
        let mut case = details(Platform::OtherMarketplace, Problem::Other, dates);
        assert_eq!(opening_deadline(&case, &Utc), None);
        assert!(missing_dates_hint(&case).contains("order page"));
        case.protection_ends = Some(day(2026, 10, 1));
        assert_eq!(opening_deadline(&case, &Utc).unwrap().last_day, day(2026, 10, 1));
    }

    #[test]
    fn no_dates_no_deadline() {
        for platform in Platform::ALL {
            for problem in Problem::ALL {
                assert_eq!(opening_deadline(&details(*platform, *problem, OrderDates::default()), &Utc), None);
            }
        }
    }

    #[test]
    fn the_due_instant_follows_the_buyer_zone_across_daylight_saving() {
        // Shipped 9 Jan + 60 days = 10 March 2026, two days after New York springs forward:
        // China's midnight (16:00 UTC) is 12:00 EDT, before New York's own midnight.
        let dates = OrderDates { shipped: Some(day(2026, 1, 9)), ..Default::default() };
        let case = details(Platform::AliExpress, Problem::NotReceived, dates);
        let deadline = opening_deadline(&case, &America::New_York).unwrap();
        assert_eq!(deadline.last_day, day(2026, 3, 10));
        assert_eq!(deadline.due, utc("2026-03-10T16:00:00Z"));
        // In Auckland (UTC+13 in March) the buyer's midnight comes first.
        let deadline = opening_deadline(&case, &chrono_tz::Pacific::Auckland).unwrap();
        assert_eq!(deadline.due, utc("2026-03-10T11:00:00Z"));
        // Berlin on its fall-back day, 25 October 2026 (shipped 26 August): China's midnight first.
        let dates = OrderDates { shipped: Some(day(2026, 8, 26)), ..Default::default() };
        let case = details(Platform::AliExpress, Problem::NotReceived, dates);
        let deadline = opening_deadline(&case, &Europe::Berlin).unwrap();
        assert_eq!(deadline.last_day, day(2026, 10, 25));
        assert_eq!(deadline.due, utc("2026-10-25T16:00:00Z"));
    }

    #[test]
    fn time_left_is_measured_against_the_given_now() {
        let dates = OrderDates { shipped: Some(day(2026, 9, 3)), ..Default::default() };
        let deadline = opening_deadline(&details(Platform::AliExpress, Problem::NotReceived, dates), &Utc).unwrap();
        assert_eq!(deadline.urgency(utc("2026-10-01T00:00:00Z")), Urgency::Later);
        assert_eq!(deadline.urgency(utc("2026-11-01T00:00:00Z")), Urgency::DueSoon);
        assert_eq!(deadline.urgency(utc("2026-11-02T16:00:00Z")), Urgency::Overdue);
    }

    #[test]
    fn only_cases_still_waiting_to_open_a_dispute_race_the_opening_window() {
        let dates = OrderDates { shipped: Some(day(2026, 9, 3)), ..Default::default() };
        let now = utc("2026-09-10T00:00:00Z");
        let mut case = Case::new(CaseId::new("a"), details(Platform::AliExpress, Problem::NotReceived, dates), now);
        assert!(most_urgent(&case, &Utc).is_some());
        case.status = Status::TalkingToSeller;
        assert!(most_urgent(&case, &Utc).is_some());
        case.status = Status::DisputeOpen;
        assert_eq!(most_urgent(&case, &Utc), None);
        case.status = Status::Resolved;
        assert_eq!(most_urgent(&case, &Utc), None);
    }

    #[test]
    fn why_names_rule_value_range_and_sources() {
        let dates = OrderDates { shipped: Some(day(2026, 9, 3)), ..Default::default() };
        let why = opening_deadline(&details(Platform::AliExpress, Problem::NotReceived, dates), &Utc).unwrap().why();
        assert!(why.starts_with("60 days after shipment (Thu 3 Sep 2026); 60 to 120 days seen."), "{why}");
        assert!(why.contains("Sources: Dispute Desk rules reference"), "{why}");
        assert!(why.contains("Reviewed 2026-11-21."), "{why}");
    }
}
