//! Platform rules as data: each deadline the app computes comes from one of these records, which
//! carry the value used, the range of values seen, their sources and when they were last reviewed,
//! so the app can say where every date comes from. Reference: shared/RULES.md.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::case::{OrderDates, Platform, Problem};

/// An event a rule counts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    Paid,
    Shipped,
    PromisedDelivery,
    Delivered,
    ReceiptConfirmed,
}

impl Event {
    pub fn date_in(self, dates: &OrderDates) -> Option<NaiveDate> {
        match self {
            Event::Paid => dates.paid,
            Event::Shipped => dates.shipped,
            Event::PromisedDelivery => dates.promised_delivery,
            Event::Delivered => dates.delivered,
            Event::ReceiptConfirmed => dates.receipt_confirmed,
        }
    }

    /// Words that complete "days after ...".
    pub fn phrase(self) -> &'static str {
        match self {
            Event::Paid => "payment",
            Event::Shipped => "shipment",
            Event::PromisedDelivery => "the promised delivery date",
            Event::Delivered => "delivery",
            Event::ReceiptConfirmed => "you confirmed receipt",
        }
    }
}

/// Which deadline a rule sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DeadlineKind {
    OpenDispute,
}

impl DeadlineKind {
    pub fn label(self) -> &'static str {
        match self {
            DeadlineKind::OpenDispute => "Last day to open a dispute",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayCount {
    Calendar,
    /// Monday to Friday; public holidays are not known and so not skipped.
    Business,
}

/// Which problems a rule covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemScope {
    Any,
    /// Only an order that did not arrive (or arrived late).
    NonDelivery,
}

impl ProblemScope {
    pub fn covers(self, problem: Problem) -> bool {
        match self {
            ProblemScope::Any => true,
            ProblemScope::NonDelivery => problem == Problem::NotReceived,
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    pub id: &'static str,
    pub platform: Platform,
    pub sets: DeadlineKind,
    pub problems: ProblemScope,
    pub counts_from: Event,
    /// An earlier event to count from when the buyer does not know `counts_from`: counting from an
    /// earlier day gives an earlier deadline, never a later one.
    pub falls_back_to: Option<Event>,
    /// The conservative default: the value that makes the buyer act earliest.
    pub days: u32,
    pub day_count: DayCount,
    /// The smallest and largest values seen in the sources.
    pub range_seen: (u32, u32),
    pub note: &'static str,
    pub sources: &'static [&'static str],
    /// ISO date this record was last checked against its sources.
    pub reviewed: &'static str,
}

const REVIEWED: &str = "2026-11-21";
const SOURCE_RULES: &str = "Dispute Desk rules reference (shared/RULES.md), from public help pages";
const SOURCE_ALIEXPRESS_GUIDE: &str = "DSers guide: How to Open a Dispute on AliExpress";
const SOURCE_ALIBABA_GUIDE: &str = "IntelliChain guide: How to File a Dispute on Alibaba";

pub const RULES: &[Rule] = &[
    Rule {
        id: "aliexpress.protection.after_shipment",
        platform: Platform::AliExpress,
        sets: DeadlineKind::OpenDispute,
        problems: ProblemScope::Any,
        counts_from: Event::Shipped,
        falls_back_to: Some(Event::Paid),
        days: 60,
        day_count: DayCount::Calendar,
        range_seen: (60, 120),
        note: "Standard shipping; expedited shipping and some countries get up to 90, 100 or 120 days. \
               The timer on your order page is exact.",
        sources: &[SOURCE_RULES, SOURCE_ALIEXPRESS_GUIDE],
        reviewed: REVIEWED,
    },
    Rule {
        id: "aliexpress.protection.after_receipt_confirmed",
        platform: Platform::AliExpress,
        sets: DeadlineKind::OpenDispute,
        problems: ProblemScope::Any,
        counts_from: Event::ReceiptConfirmed,
        falls_back_to: None,
        days: 15,
        day_count: DayCount::Calendar,
        range_seen: (15, 15),
        note: "Confirming receipt shortens the protection period.",
        sources: &[SOURCE_RULES, SOURCE_ALIEXPRESS_GUIDE],
        reviewed: REVIEWED,
    },
    Rule {
        id: "aliexpress.protection.after_delivered",
        platform: Platform::AliExpress,
        sets: DeadlineKind::OpenDispute,
        problems: ProblemScope::Any,
        counts_from: Event::Delivered,
        falls_back_to: None,
        days: 5,
        day_count: DayCount::Calendar,
        range_seen: (5, 5),
        note: "Once tracking shows the parcel delivered, the remaining time is cut to about 5 days.",
        sources: &[SOURCE_RULES],
        reviewed: REVIEWED,
    },
    Rule {
        id: "alibaba.trade_assurance.after_receipt",
        platform: Platform::AlibabaTradeAssurance,
        sets: DeadlineKind::OpenDispute,
        problems: ProblemScope::Any,
        counts_from: Event::ReceiptConfirmed,
        falls_back_to: Some(Event::Delivered),
        days: 30,
        day_count: DayCount::Calendar,
        range_seen: (30, 30),
        note: "Some shipping methods allow less, never more.",
        sources: &[SOURCE_RULES, SOURCE_ALIBABA_GUIDE],
        reviewed: REVIEWED,
    },
    Rule {
        id: "alibaba.trade_assurance.on_time_delivery",
        platform: Platform::AlibabaTradeAssurance,
        sets: DeadlineKind::OpenDispute,
        problems: ProblemScope::NonDelivery,
        counts_from: Event::PromisedDelivery,
        falls_back_to: None,
        days: 30,
        day_count: DayCount::Calendar,
        range_seen: (30, 30),
        note: "On-time delivery claim for a late or missing shipment; one claim per order.",
        sources: &[SOURCE_RULES],
        reviewed: REVIEWED,
    },
];

impl Rule {
    /// The day this rule's window closes, counting from the buyer's dates, and the event it
    /// counted from (the fallback when the usual one is unknown). `None` when neither is known.
    pub fn last_day(&self, dates: &OrderDates) -> Option<(NaiveDate, Event)> {
        let (anchor, day) = std::iter::once(self.counts_from)
            .chain(self.falls_back_to)
            .find_map(|event| event.date_in(dates).map(|day| (event, day)))?;
        Some((add_days(day, self.days, self.day_count), anchor))
    }

    pub fn range_text(&self) -> String {
        match self.range_seen {
            (low, high) if low == high => format!("{low} days in every source"),
            (low, high) => format!("{low} to {high} days seen"),
        }
    }
}

/// The rules that can set `kind` for a case on `platform` with `problem`.
pub fn rules_for(kind: DeadlineKind, platform: Platform, problem: Problem) -> impl Iterator<Item = &'static Rule> {
    RULES.iter().filter(move |rule| rule.sets == kind && rule.platform == platform && rule.problems.covers(problem))
}

pub fn add_days(from: NaiveDate, days: u32, count: DayCount) -> NaiveDate {
    match count {
        DayCount::Calendar => from + Duration::days(i64::from(days)),
        DayCount::Business => {
            let mut day = from;
            let mut left = days;
            while left > 0 {
                day = day + Duration::days(1);
                if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                    left -= 1;
                }
            }
            day
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn every_rule_is_complete_and_its_default_is_the_conservative_end_of_its_range() {
        let mut ids = std::collections::HashSet::new();
        for rule in RULES {
            assert!(ids.insert(rule.id), "duplicate rule id {}", rule.id);
            assert!(!rule.sources.is_empty(), "{} has no source", rule.id);
            assert!(NaiveDate::parse_from_str(rule.reviewed, "%Y-%m-%d").is_ok(), "{} review date", rule.id);
            assert_eq!(rule.days, rule.range_seen.0, "{} must default to the shortest value seen", rule.id);
            assert!(rule.range_seen.0 <= rule.range_seen.1);
            assert!(!rule.note.is_empty());
        }
    }

    #[test]
    fn every_platform_with_known_rules_has_an_opening_rule_for_every_problem() {
        for platform in [Platform::AliExpress, Platform::AlibabaTradeAssurance] {
            for problem in Problem::ALL {
                assert!(rules_for(DeadlineKind::OpenDispute, platform, *problem).count() > 0);
            }
        }
        assert_eq!(rules_for(DeadlineKind::OpenDispute, Platform::OtherMarketplace, Problem::Other).count(), 0);
    }

    #[test]
    fn the_on_time_delivery_claim_only_covers_non_delivery() {
        let ids = |problem| {
            rules_for(DeadlineKind::OpenDispute, Platform::AlibabaTradeAssurance, problem)
                .map(|rule| rule.id)
                .collect::<Vec<_>>()
        };
        assert!(ids(Problem::NotReceived).contains(&"alibaba.trade_assurance.on_time_delivery"));
        assert!(!ids(Problem::DamagedOrDefective).contains(&"alibaba.trade_assurance.on_time_delivery"));
    }

    #[test]
    fn a_rule_counts_from_its_event_or_its_earlier_fallback() {
        let rule = RULES.iter().find(|r| r.id == "aliexpress.protection.after_shipment").unwrap();
        let mut dates = OrderDates { paid: Some(day(2026, 1, 2)), ..OrderDates::default() };
        assert_eq!(rule.last_day(&dates), Some((day(2026, 3, 3), Event::Paid)));
        dates.shipped = Some(day(2026, 1, 5));
        assert_eq!(rule.last_day(&dates), Some((day(2026, 3, 6), Event::Shipped)));
        assert_eq!(rule.last_day(&OrderDates::default()), None);
    }

    #[test]
    fn calendar_days_cross_month_ends_and_leap_days() {
        assert_eq!(add_days(day(2028, 1, 31), 30, DayCount::Calendar), day(2028, 3, 1));
        assert_eq!(add_days(day(2027, 1, 31), 30, DayCount::Calendar), day(2027, 3, 2));
        assert_eq!(add_days(day(2026, 12, 20), 15, DayCount::Calendar), day(2027, 1, 4));
    }

    #[test]
    fn business_days_skip_weekends() {
        // Friday 4 December 2026 + 1 business day is Monday the 7th; + 5 is Friday the 11th.
        assert_eq!(add_days(day(2026, 12, 4), 1, DayCount::Business), day(2026, 12, 7));
        assert_eq!(add_days(day(2026, 12, 4), 5, DayCount::Business), day(2026, 12, 11));
        // From a Saturday, the first business day is Monday.
        assert_eq!(add_days(day(2026, 12, 5), 1, DayCount::Business), day(2026, 12, 7));
        assert_eq!(add_days(day(2026, 12, 4), 0, DayCount::Business), day(2026, 12, 4));
        assert_eq!(add_days(day(2026, 12, 4), 20, DayCount::Business), day(2027, 1, 1));
    }

    #[test]
    fn range_text_says_whether_sources_agree() {
        let text: Vec<_> = RULES.iter().map(Rule::range_text).collect();
        assert!(text.contains(&"60 to 120 days seen".to_owned()));
        assert!(text.contains(&"15 days in every source".to_owned()));
    }
}
