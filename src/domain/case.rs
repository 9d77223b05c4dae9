//! A case: one problem order, with what the buyer knows about it.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::clock::rfc3339;
use super::deadline_kind::DeadlineKind;
use super::i18n::tr;
use super::journal::{Entry, Journal, JournalError, Resolution};
use super::money::Money;
use super::site::Marketplace;
use super::vocabulary::{Event, FreeReturns, PaymentMethod, Platform, Problem, Status};

/// The order's dates that the buyer knows, as calendar days in their own time zone.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderDates {
    pub paid: Option<NaiveDate>,
    pub shipped: Option<NaiveDate>,
    pub promised_delivery: Option<NaiveDate>,
    pub delivered: Option<NaiveDate>,
    pub receipt_confirmed: Option<NaiveDate>,
}

/// Everything the buyer enters about an order; validated by [`super::form::CaseForm`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseDetails {
    pub platform: Platform,
    pub order_number: String,
    pub seller: String,
    pub item: String,
    pub amount: Option<Money>,
    pub payment_method: PaymentMethod,
    pub dates: OrderDates,
    /// The protection end date exactly as the platform's order page shows it; it beats any estimate.
    pub protection_ends: Option<NaiveDate>,
    pub problem: Problem,
    /// The problem in the buyer's own words, quoted in the messages the app writes (the notes
    /// stay private).
    #[serde(default)]
    pub description: String,
    /// What the buyer wants out of it, once they know.
    #[serde(default)]
    pub wanted: Option<Resolution>,
    pub notes: String,
    /// The parcel's tracking number, as the order page shows it.
    #[serde(default)]
    pub tracking_number: String,
    /// The tracking page's address; shown as a link only if it is http or https.
    #[serde(default)]
    pub tracking_url: String,
    /// The listing's address; shown as a link only if it is http or https.
    #[serde(default)]
    pub listing_url: String,
    /// For a case of another marketplace, the one a host described, with its rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marketplace: Option<Marketplace>,
    /// For an AliExpress order: whether the listing showed "Free Returns" (records made before the
    /// question existed read as not known).
    #[serde(default)]
    pub free_returns: FreeReturns,
    /// Whether one item of the order cost more than £100 on its own (Section 75 goes by the item,
    /// not the order), once the buyer has said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub one_item_over_100_pounds: Option<bool>,
}

impl CaseDetails {
    /// Where the order was placed, as the buyer reads it: a host's marketplace by its name.
    pub fn platform_text(&self) -> String {
        match self.hosted_marketplace() {
            Some(marketplace) => marketplace.name.clone(),
            None => tr(self.platform.label()).to_owned(),
        }
    }

    /// The host's marketplace the order was placed on, if any (only ever with "other marketplace").
    pub fn hosted_marketplace(&self) -> Option<&Marketplace> {
        self.marketplace.as_ref().filter(|_| self.platform == Platform::OtherMarketplace)
    }
}

/// A blank case: an AliExpress order paid by card that never arrived, with nothing else known.
/// Tests and fixtures say only what differs from it.
impl Default for CaseDetails {
    fn default() -> Self {
        Self {
            platform: Platform::AliExpress,
            order_number: String::new(),
            seller: String::new(),
            item: String::new(),
            amount: None,
            payment_method: PaymentMethod::Card,
            dates: OrderDates::default(),
            protection_ends: None,
            problem: Problem::NotReceived,
            description: String::new(),
            wanted: None,
            notes: String::new(),
            tracking_number: String::new(),
            tracking_url: String::new(),
            listing_url: String::new(),
            marketplace: None,
            free_returns: FreeReturns::Unknown,
            one_item_over_100_pounds: None,
        }
    }
}

/// A version-4 UUID made from 16 random bytes (the caller brings the randomness).
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CaseId(String);

impl CaseId {
    /// Wraps an identifier made by the caller (the browser's `crypto.randomUUID()` in the app).
    pub fn new(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for CaseId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The days on which later steps happened, keyed by [`Event`] (never an order fact).
pub type Progress = BTreeMap<Event, NaiveDate>;

/// The buyer's own corrections to the rules, for this case only.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Adjustments {
    /// A rule's length in days replaced ("my order page says 75 days"), by rule id.
    pub rule_days: BTreeMap<String, u32>,
    /// A deadline's last day entered directly, by deadline kind.
    pub deadline_days: BTreeMap<DeadlineKind, NaiveDate>,
}

impl Adjustments {
    /// Puts a deadline back to the rules: forgets its date and every length set for its rules
    /// (`sets` tells which deadline a rule id sets: the core's rules and the host's are above
    /// the case, so they are passed in).
    pub fn reset(&mut self, kind: DeadlineKind, sets: fn(&str) -> Option<DeadlineKind>) {
        self.deadline_days.remove(&kind);
        self.rule_days.retain(|id, _| sets(id) != Some(kind));
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Case {
    pub id: CaseId,
    pub details: CaseDetails,
    /// Everything that happened, the one source of the status and of the steps' days.
    #[serde(default)]
    journal: Journal,
    #[serde(default)]
    pub adjustments: Adjustments,
    #[serde(with = "rfc3339")]
    pub created_at: DateTime<Utc>,
    #[serde(with = "rfc3339")]
    pub updated_at: DateTime<Utc>,
    /// Derived from the journal on every change and on loading; never stored.
    #[serde(skip)]
    status: Status,
    #[serde(skip)]
    progress: Progress,
}

impl Case {
    pub fn new(id: CaseId, details: CaseDetails, now: DateTime<Utc>) -> Self {
        Self {
            id,
            details,
            journal: Journal::default(),
            adjustments: Adjustments::default(),
            created_at: now,
            updated_at: now,
            status: Status::New,
            progress: Progress::new(),
        }
    }

    pub fn status(&self) -> Status {
        self.status
    }

    /// The day each later step happened, as the journal now says.
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    /// Writes an entry in the journal; the status and the deadlines follow from it.
    pub fn record(&mut self, on: NaiveDate, entry: Entry, now: DateTime<Utc>) -> Result<u32, JournalError> {
        let id = self.journal.append(on, entry, now)?;
        self.updated_at = now;
        self.refresh();
        Ok(id)
    }

    /// Corrects (or withdraws) an earlier journal entry; both stay on record.
    pub fn correct(&mut self, id: u32, on: NaiveDate, entry: Entry, now: DateTime<Utc>) -> Result<u32, JournalError> {
        let new_id = self.journal.correct(id, on, entry, now)?;
        self.updated_at = now;
        self.refresh();
        Ok(new_id)
    }

    /// Recomputes what is derived from the journal; called after every change and on loading.
    pub(crate) fn refresh(&mut self) {
        self.progress = self.journal.progress();
        self.status = self.journal.status();
    }

    /// The day `event` happened, if the buyer knows it: order facts from the form, later steps
    /// from the journal.
    pub fn date_of(&self, event: Event) -> Option<NaiveDate> {
        let dates = &self.details.dates;
        match event {
            Event::Paid => dates.paid,
            Event::Shipped => dates.shipped,
            Event::PromisedDelivery => dates.promised_delivery,
            Event::Delivered => dates.delivered,
            Event::ReceiptConfirmed => dates.receipt_confirmed,
            later => self.progress.get(&later).copied(),
        }
    }

    /// Records that `event` happened on `day`: a step entry in the journal.
    pub fn record_step(&mut self, event: Event, day: NaiveDate, now: DateTime<Utc>) {
        // A step entry is never `Withdrawn`, the only entry `record` refuses.
        let _ = self.record(day, Entry::Step { event }, now);
    }

    /// Applies an edit made by the buyer on `today`, keeping the case's identity, creation time
    /// and journal; a new status is written in the journal.
    pub fn edited(&self, details: CaseDetails, status: Status, today: NaiveDate, now: DateTime<Utc>) -> Self {
        let mut case = Self { details, updated_at: now, ..self.clone() };
        if status != case.status() {
            let _ = case.record(today, Entry::Status { to: status }, now);
        }
        case
    }

    /// A short name for lists and headings: the item if known, else the order number.
    pub fn title(&self) -> &str {
        let item = self.details.item.trim();
        if item.is_empty() {
            &self.details.order_number
        } else {
            item
        }
    }
}

#[cfg(test)]
impl Case {
    /// Test shorthand: the buyer sets the status by hand, after everything already recorded.
    pub fn set_status(&mut self, status: Status) {
        let last = self.journal.entries().iter().map(|entry| entry.on).max();
        let on = last.unwrap_or(self.created_at.date_naive());
        let _ = self.record(on, Entry::Status { to: status }, self.updated_at);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_round_trips_through_its_key() {
        for platform in Platform::ALL {
            assert_eq!(Platform::from_key(platform.key()), Some(*platform));
        }
        for method in PaymentMethod::ALL {
            assert_eq!(PaymentMethod::from_key(method.key()), Some(*method));
        }
        for problem in Problem::ALL {
            assert_eq!(Problem::from_key(problem.key()), Some(*problem));
        }
        for status in Status::ALL {
            assert_eq!(Status::from_key(status.key()), Some(*status));
        }
        assert_eq!(Platform::from_key("ebay"), None);
    }

    #[test]
    fn ids_from_random_bytes_are_version_4_uuids() {
        assert_eq!(uuid_v4([0xff; 16]), "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_eq!(uuid_v4([0; 16]), "00000000-0000-4000-8000-000000000000");
    }

    #[test]
    fn recording_a_step_moves_the_status_forward_only() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let details = CaseDetails { order_number: "1".into(), ..CaseDetails::default() };
        let now = DateTime::<Utc>::UNIX_EPOCH;
        let mut case = Case::new(CaseId::new("c"), details, now);
        case.record_step(Event::DisputeOpened, day, now);
        assert_eq!((case.status(), case.date_of(Event::DisputeOpened)), (Status::DisputeOpen, Some(day)));
        case.record_step(Event::DecisionIssued, day, now);
        assert_eq!(case.status(), Status::DecisionIssued);
        case.record_step(Event::SellerResponded, day, now);
        assert_eq!(case.status(), Status::DecisionIssued, "a late entry never moves the status back");
        case.record_step(Event::ChargebackFiled, day, now);
        assert_eq!(case.status(), Status::DecisionIssued);
        let edited = case.edited(case.details.clone(), Status::ClosedWithoutRefund, day, now);
        assert_eq!(edited.status(), Status::ClosedWithoutRefund);
        assert_eq!(edited.journal().entries().len(), 5, "the status change is on record");
        let mut case = edited;
        case.record_step(Event::AppealFiled, day, now);
        assert_eq!(case.status(), Status::ClosedWithoutRefund, "a closed case stays closed");
        case.record_step(Event::RefundReceived, day, now);
        assert_eq!(case.status(), Status::Resolved, "but money back resolves it");
    }

    #[test]
    fn resetting_a_deadline_forgets_its_date_and_its_rules_lengths_only() {
        let mut adjustments = Adjustments::default();
        let day = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        adjustments.rule_days.insert("aliexpress.seller_response".into(), 7);
        adjustments.rule_days.insert("aliexpress.appeal".into(), 9);
        adjustments.deadline_days.insert(DeadlineKind::SellerResponse, day);
        adjustments.deadline_days.insert(DeadlineKind::Appeal, day);
        adjustments.reset(DeadlineKind::SellerResponse, crate::domain::rule_book::deadline_set_by);
        assert!(!adjustments.deadline_days.contains_key(&DeadlineKind::SellerResponse));
        assert!(!adjustments.rule_days.contains_key("aliexpress.seller_response"));
        assert_eq!(adjustments.rule_days.get("aliexpress.appeal"), Some(&9), "other deadlines keep theirs");
        assert_eq!(adjustments.deadline_days.get(&DeadlineKind::Appeal), Some(&day));
    }

    #[test]
    fn serde_uses_the_stable_keys() {
        assert_eq!(serde_json::to_string(&Problem::NotReceived).unwrap(), "\"not_received\"");
        assert_eq!(serde_json::from_str::<Status>("\"escalated\"").unwrap(), Status::Escalated);
    }

    #[test]
    fn only_early_statuses_still_race_the_opening_window() {
        let racing: Vec<_> = Status::ALL.iter().filter(|s| s.awaits_dispute()).collect();
        assert_eq!(racing, [&Status::New, &Status::TalkingToSeller]);
        assert!(Status::Resolved.is_closed() && Status::ClosedWithoutRefund.is_closed());
        assert!(!Status::AwaitingRefund.is_closed());
    }
}
