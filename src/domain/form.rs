//! The case form as the buyer fills it in (text), and its validation into [`CaseDetails`].
//! Every problem is reported at once, each against the field it belongs to.

use chrono::{Datelike, Duration, NaiveDate};
use thiserror::Error;

use super::case::{CaseDetails, OrderDates};

use super::clock::iso_day;
use super::i18n::day_text;
use super::i18n::{tr, trf};
use super::journal::Resolution;
use super::link::web_link;
use super::money::{parse_amount, parse_currency, AmountError, CurrencyError, Money};
use super::rule_book::platform_choice;
use super::site::Marketplace;
use super::vocabulary::{FreeReturns, PaymentMethod, Platform, Problem};

/// A form field, so the UI can put each message next to its input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Platform,
    OrderNumber,
    Seller,
    Item,
    Amount,
    Currency,
    PaymentMethod,
    Paid,
    Shipped,
    PromisedDelivery,
    Delivered,
    ReceiptConfirmed,
    ProtectionEnds,
    FreeReturns,
    Problem,
    Description,
    Wanted,
    Notes,
    TrackingNumber,
    TrackingUrl,
    ListingUrl,
}

impl Field {
    pub const ALL: &'static [Field] = &[
        Field::Platform,
        Field::OrderNumber,
        Field::Seller,
        Field::Item,
        Field::Amount,
        Field::Currency,
        Field::PaymentMethod,
        Field::Paid,
        Field::Shipped,
        Field::PromisedDelivery,
        Field::Delivered,
        Field::ReceiptConfirmed,
        Field::ProtectionEnds,
        Field::FreeReturns,
        Field::Problem,
        Field::Description,
        Field::Wanted,
        Field::Notes,
        Field::TrackingNumber,
        Field::TrackingUrl,
        Field::ListingUrl,
    ];

    /// Stable name used for the input's id and for tests.
    pub fn key(self) -> &'static str {
        match self {
            Field::Platform => "platform",
            Field::OrderNumber => "order-number",
            Field::Seller => "seller",
            Field::Item => "item",
            Field::Amount => "amount",
            Field::Currency => "currency",
            Field::PaymentMethod => "payment-method",
            Field::Paid => "paid",
            Field::Shipped => "shipped",
            Field::PromisedDelivery => "promised-delivery",
            Field::Delivered => "delivered",
            Field::ReceiptConfirmed => "receipt-confirmed",
            Field::ProtectionEnds => "protection-ends",
            Field::FreeReturns => "free-returns",
            Field::Problem => "problem",
            Field::Description => "description",
            Field::Wanted => "wanted",
            Field::Notes => "notes",
            Field::TrackingNumber => "tracking-number",
            Field::TrackingUrl => "tracking-url",
            Field::ListingUrl => "listing-url",
        }
    }

    /// The field's name inside a sentence ("the shipping date").
    fn phrase(self) -> &'static str {
        match self {
            Field::Paid => tr("the payment date"),
            Field::Shipped => tr("the shipping date"),
            Field::PromisedDelivery => tr("the promised delivery date"),
            Field::Delivered => tr("the delivery date"),
            Field::ReceiptConfirmed => tr("the date you confirmed receipt"),
            Field::ProtectionEnds => tr("the protection end date"),
            _ => tr("this field"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum FieldProblem {
    #[error("{}", tr("Enter the order number from your order page."))]
    OrderNumberMissing,
    #[error("{}", tr("Choose one of the listed options."))]
    UnknownChoice,
    #[error("{}", trf("This is too long: at most {max} characters.", &[("max", .max as &dyn std::fmt::Display)]))]
    TooLong { max: usize },
    #[error(transparent)]
    Amount(#[from] AmountError),
    #[error(transparent)]
    Currency(#[from] CurrencyError),
    #[error("{}", tr("Paste the whole web address, starting with https://"))]
    NotAWebLink,
    #[error("{}", tr("Enter a date as year-month-day, for example 2026-03-31."))]
    NotADate,
    #[error("{}", tr("This date is in the future. Check it against your order page."))]
    InTheFuture,
    #[error("{}", tr("This date is too far ahead. Check it against your order page."))]
    TooFarAhead,
    #[error("{}", trf("This cannot be before {earlier} ({day}).", &[("earlier", &.earlier.phrase()), ("day", &day_text(*.earlier_day))]))]
    BeforeEarlierDate { earlier: Field, earlier_day: NaiveDate },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub problem: FieldProblem,
}

/// The form's raw text, exactly as typed or chosen (kept as a draft while it is not saved).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct CaseForm {
    pub platform: String,
    pub order_number: String,
    pub seller: String,
    pub item: String,
    pub amount: String,
    pub currency: String,
    pub payment_method: String,
    pub paid: String,
    pub shipped: String,
    pub promised_delivery: String,
    pub delivered: String,
    pub receipt_confirmed: String,
    pub protection_ends: String,
    /// A [`FreeReturns`] key, or empty while not asked (read as not known).
    pub free_returns: String,
    pub problem: String,
    pub description: String,
    /// A resolution's key, or empty while the buyer has not decided.
    pub wanted: String,
    pub notes: String,
    pub tracking_number: String,
    pub tracking_url: String,
    pub listing_url: String,
    /// The host's marketplace the case was made for, kept so an edit can still name it where
    /// this app's host does not publish it.
    pub kept_marketplace: Option<Marketplace>,
    /// The buyer's answer about a single item over £100, asked beside their rights, kept as it is.
    pub kept_one_item_over_100_pounds: Option<bool>,
}

const MAX_ORDER_NUMBER: usize = 64;
const MAX_NAME: usize = 200;
const MAX_NOTES: usize = 20_000;
/// A few sentences: it is quoted in every message, which platforms' forms keep short.
const MAX_DESCRIPTION: usize = 1_000;
/// Dates of past events may be a day ahead of the buyer's calendar: the platform's clock runs on China time.
const PAST_EVENT_TOLERANCE_DAYS: i64 = 1;
const MAX_DAYS_AHEAD: i64 = 366;

impl CaseForm {
    /// A blank form with the choices pre-set the way most buyers need them.
    pub fn blank(currency: &str) -> Self {
        Self {
            platform: Platform::AliExpress.key().into(),
            payment_method: PaymentMethod::Card.key().into(),
            problem: Problem::NotReceived.key().into(),
            currency: currency.into(),
            ..Self::default()
        }
    }

    pub fn from_details(details: &CaseDetails) -> Self {
        let date = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
        Self {
            platform: details
                .hosted_marketplace()
                .map_or_else(|| details.platform.key().into(), Marketplace::choice_key),
            kept_marketplace: details.marketplace.clone(),
            kept_one_item_over_100_pounds: details.one_item_over_100_pounds,
            order_number: details.order_number.clone(),
            seller: details.seller.clone(),
            item: details.item.clone(),
            amount: details.amount.as_ref().map(Money::amount_text).unwrap_or_default(),
            currency: details.amount.as_ref().map(|m| m.currency.clone()).unwrap_or_default(),
            payment_method: details.payment_method.key().into(),
            paid: date(details.dates.paid),
            shipped: date(details.dates.shipped),
            promised_delivery: date(details.dates.promised_delivery),
            delivered: date(details.dates.delivered),
            receipt_confirmed: date(details.dates.receipt_confirmed),
            protection_ends: date(details.protection_ends),
            free_returns: details.free_returns.key().into(),
            problem: details.problem.key().into(),
            wanted: details.wanted.map(|wanted| wanted.key().into()).unwrap_or_default(),
            description: details.description.clone(),
            notes: details.notes.clone(),
            tracking_number: details.tracking_number.clone(),
            tracking_url: details.tracking_url.clone(),
            listing_url: details.listing_url.clone(),
        }
    }

    /// The text of one field, so one input component can serve every field.
    pub fn get(&self, field: Field) -> &str {
        match field {
            Field::Platform => &self.platform,
            Field::OrderNumber => &self.order_number,
            Field::Seller => &self.seller,
            Field::Item => &self.item,
            Field::Amount => &self.amount,
            Field::Currency => &self.currency,
            Field::PaymentMethod => &self.payment_method,
            Field::Paid => &self.paid,
            Field::Shipped => &self.shipped,
            Field::PromisedDelivery => &self.promised_delivery,
            Field::Delivered => &self.delivered,
            Field::ReceiptConfirmed => &self.receipt_confirmed,
            Field::ProtectionEnds => &self.protection_ends,
            Field::FreeReturns => &self.free_returns,
            Field::Problem => &self.problem,
            Field::Wanted => &self.wanted,
            Field::Description => &self.description,
            Field::Notes => &self.notes,
            Field::TrackingNumber => &self.tracking_number,
            Field::TrackingUrl => &self.tracking_url,
            Field::ListingUrl => &self.listing_url,
        }
    }

    pub fn set(&mut self, field: Field, value: String) {
        *self.slot_mut(field) = value;
    }

    fn slot_mut(&mut self, field: Field) -> &mut String {
        match field {
            Field::Platform => &mut self.platform,
            Field::OrderNumber => &mut self.order_number,
            Field::Seller => &mut self.seller,
            Field::Item => &mut self.item,
            Field::Amount => &mut self.amount,
            Field::Currency => &mut self.currency,
            Field::PaymentMethod => &mut self.payment_method,
            Field::Paid => &mut self.paid,
            Field::Shipped => &mut self.shipped,
            Field::PromisedDelivery => &mut self.promised_delivery,
            Field::Delivered => &mut self.delivered,
            Field::ReceiptConfirmed => &mut self.receipt_confirmed,
            Field::ProtectionEnds => &mut self.protection_ends,
            Field::FreeReturns => &mut self.free_returns,
            Field::Problem => &mut self.problem,
            Field::Wanted => &mut self.wanted,
            Field::Description => &mut self.description,
            Field::Notes => &mut self.notes,
            Field::TrackingNumber => &mut self.tracking_number,
            Field::TrackingUrl => &mut self.tracking_url,
            Field::ListingUrl => &mut self.listing_url,
        }
    }

    /// Checks every field against `today` (the buyer's calendar day) and returns the details or
    /// every problem found.
    pub fn validate(&self, today: NaiveDate) -> Result<CaseDetails, Vec<FieldError>> {
        let mut problems = Problems::default();
        let choices = self.choices(&mut problems);
        self.check_texts(&mut problems);
        let amount = self.amount(&mut problems);
        let (dates, protection_ends) = self.dates(today, &mut problems);
        check_date_order(&dates, protection_ends, &mut problems);
        match choices {
            Some(choices) if problems.0.is_empty() => Ok(self.details(choices, amount, dates, protection_ends)),
            _ => Err(problems.0),
        }
    }

    /// The form's choices, when every one of them is one the app knows.
    fn choices(&self, problems: &mut Problems) -> Option<Choices> {
        let platform = problems.known(Field::Platform, platform_choice(&self.platform, self.kept_marketplace.as_ref()));
        let payment_method = problems.known(Field::PaymentMethod, PaymentMethod::from_key(&self.payment_method));
        let problem = problems.known(Field::Problem, Problem::from_key(&self.problem));
        let wanted = match self.wanted.as_str() {
            "" => Some(None),
            key => Resolution::from_key(key).map(Some),
        };
        let wanted = problems.known(Field::Wanted, wanted);
        let free_returns = match self.free_returns.as_str() {
            "" => Some(FreeReturns::Unknown),
            key => FreeReturns::from_key(key),
        };
        let free_returns = problems.known(Field::FreeReturns, free_returns);
        let ((platform, marketplace), payment_method, problem) = (platform?, payment_method?, problem?);
        Some(Choices { platform, marketplace, payment_method, problem, wanted: wanted?, free_returns: free_returns? })
    }

    /// The free texts: the order number is required, each text within its length, links are
    /// web links.
    fn check_texts(&self, problems: &mut Problems) {
        let order_number = self.order_number.trim();
        problems.check(
            Field::OrderNumber,
            if order_number.is_empty() {
                Err(FieldProblem::OrderNumberMissing)
            } else {
                within(order_number, MAX_ORDER_NUMBER)
            },
        );
        problems.check(Field::Seller, within(self.seller.trim(), MAX_NAME));
        problems.check(Field::Item, within(self.item.trim(), MAX_NAME));
        problems.check(Field::Description, own_words(&self.description).map(drop));
        problems.check(Field::Notes, within(&self.notes, MAX_NOTES));
        problems.check(Field::TrackingNumber, within(self.tracking_number.trim(), MAX_ORDER_NUMBER));
        for (field, text) in [(Field::TrackingUrl, &self.tracking_url), (Field::ListingUrl, &self.listing_url)] {
            let text = text.trim();
            problems.check(
                field,
                if text.is_empty() || web_link(text).is_some() { Ok(()) } else { Err(FieldProblem::NotAWebLink) },
            );
        }
    }

    /// The amount paid, when both it and its currency are given and read; a currency alone is
    /// checked too.
    fn amount(&self, problems: &mut Problems) -> Option<Money> {
        let amount = self.amount.trim();
        let minor = (!amount.is_empty()).then(|| parse_amount(amount));
        let currency = (!amount.is_empty() || !self.currency.trim().is_empty()).then(|| parse_currency(&self.currency));
        if let Some(Err(problem)) = &minor {
            problems.check(Field::Amount, Err(problem.clone().into()));
        }
        if let Some(Err(problem)) = &currency {
            problems.check(Field::Currency, Err(problem.clone().into()));
        }
        match (minor, currency) {
            (Some(Ok(minor)), Some(Ok(currency))) => Some(Money { minor, currency }),
            _ => None,
        }
    }

    /// The order's dates and the protection's end, each no later than it can be: past events
    /// not after today (with a day's tolerance for time zones), expected ones not years ahead.
    fn dates(&self, today: NaiveDate, problems: &mut Problems) -> (OrderDates, Option<NaiveDate>) {
        let past = today + Duration::days(PAST_EVENT_TOLERANCE_DAYS);
        let ahead = today + Duration::days(MAX_DAYS_AHEAD);
        let (happened, expected) = ((past, FieldProblem::InTheFuture), (ahead, FieldProblem::TooFarAhead));
        let mut day = |field: Field, text: &str, (latest, too_late): (NaiveDate, FieldProblem)| {
            problems.day(field, text, latest, too_late)
        };
        let paid = day(Field::Paid, &self.paid, happened.clone());
        let shipped = day(Field::Shipped, &self.shipped, happened.clone());
        let promised_delivery = day(Field::PromisedDelivery, &self.promised_delivery, expected.clone());
        let delivered = day(Field::Delivered, &self.delivered, happened.clone());
        let receipt_confirmed = day(Field::ReceiptConfirmed, &self.receipt_confirmed, happened);
        let protection_ends = day(Field::ProtectionEnds, &self.protection_ends, expected);
        (OrderDates { paid, shipped, promised_delivery, delivered, receipt_confirmed }, protection_ends)
    }

    fn details(
        &self,
        choices: Choices,
        amount: Option<Money>,
        dates: OrderDates,
        protection_ends: Option<NaiveDate>,
    ) -> CaseDetails {
        let Choices { platform, marketplace, payment_method, problem, wanted, free_returns } = choices;
        // An answer about another platform's programme (the platform changed since) says nothing here.
        let free_returns = Some(free_returns)
            .filter(|answer| FreeReturns::offered_on(platform).contains(answer))
            .unwrap_or(FreeReturns::Unknown);
        CaseDetails {
            platform,
            marketplace,
            order_number: self.order_number.trim().to_owned(),
            seller: self.seller.trim().to_owned(),
            item: self.item.trim().to_owned(),
            amount,
            payment_method,
            dates,
            protection_ends,
            problem,
            description: self.description.trim().to_owned(),
            wanted,
            notes: self.notes.clone(),
            tracking_number: self.tracking_number.trim().to_owned(),
            tracking_url: self.tracking_url.trim().to_owned(),
            listing_url: self.listing_url.trim().to_owned(),
            free_returns,
            one_item_over_100_pounds: self.kept_one_item_over_100_pounds,
        }
    }
}

/// The form's choices, read.
struct Choices {
    platform: Platform,
    marketplace: Option<Marketplace>,
    payment_method: PaymentMethod,
    problem: Problem,
    wanted: Option<Resolution>,
    free_returns: FreeReturns,
}

/// The problems found so far, each against its field.
#[derive(Default)]
struct Problems(Vec<FieldError>);

impl Problems {
    fn check(&mut self, field: Field, result: Result<(), FieldProblem>) {
        if let Err(problem) = result {
            self.0.push(FieldError { field, problem });
        }
    }

    /// The choice, noting an unknown one.
    fn known<T>(&mut self, field: Field, choice: Option<T>) -> Option<T> {
        self.check(field, if choice.is_some() { Ok(()) } else { Err(FieldProblem::UnknownChoice) });
        choice
    }

    /// The day a date field holds; none, with its problem noted, when it is not a date or lies
    /// after `latest`.
    fn day(&mut self, field: Field, text: &str, latest: NaiveDate, too_late: FieldProblem) -> Option<NaiveDate> {
        match parse_date(text) {
            Err(problem) => {
                self.check(field, Err(problem));
                None
            }
            Ok(Some(day)) if day > latest => {
                self.check(field, Err(too_late));
                None
            }
            Ok(day) => day,
        }
    }
}

/// Each date against the events that must come before it.
fn check_date_order(dates: &OrderDates, protection_ends: Option<NaiveDate>, problems: &mut Problems) {
    type Dated = (Field, Option<NaiveDate>);
    let paid = (Field::Paid, dates.paid);
    let shipped = (Field::Shipped, dates.shipped);
    let order: [(Field, Option<NaiveDate>, &[Dated]); 5] = [
        (Field::Shipped, dates.shipped, &[paid]),
        (Field::Delivered, dates.delivered, &[shipped, paid]),
        (Field::ReceiptConfirmed, dates.receipt_confirmed, &[shipped, paid]),
        (Field::PromisedDelivery, dates.promised_delivery, &[paid]),
        (Field::ProtectionEnds, protection_ends, &[paid]),
    ];
    for (field, day, earlier_events) in order {
        let conflict = earlier_events.iter().find_map(|&(earlier, earlier_day)| match (day, earlier_day) {
            (Some(day), Some(earlier_day)) if day < earlier_day => {
                Some(FieldProblem::BeforeEarlierDate { earlier, earlier_day })
            }
            _ => None,
        });
        problems.check(field, conflict.map_or(Ok(()), Err));
    }
}

/// The problem in the buyer's own words, as kept: trimmed, a few sentences at most.
pub fn own_words(text: &str) -> Result<String, FieldProblem> {
    let text = text.trim();
    within(text, MAX_DESCRIPTION).map(|()| text.to_owned())
}

fn within(text: &str, max: usize) -> Result<(), FieldProblem> {
    if text.chars().count() > max {
        Err(FieldProblem::TooLong { max })
    } else {
        Ok(())
    }
}

/// An empty field is an unknown date; anything else must be an ISO date (what date inputs send).
fn parse_date(text: &str) -> Result<Option<NaiveDate>, FieldProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match iso_day(text) {
        Some(day) if day.year() >= 2000 => Ok(Some(day)),
        _ => Err(FieldProblem::NotADate),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::day;

    const TODAY: (i32, u32, u32) = (2026, 11, 21);

    fn today() -> NaiveDate {
        day(TODAY.0, TODAY.1, TODAY.2)
    }

    fn filled() -> CaseForm {
        CaseForm {
            order_number: " 8123456789 ".into(),
            seller: "Best Store".into(),
            item: "Wireless earbuds".into(),
            amount: "24,99".into(),
            currency: "eur".into(),
            paid: "2026-10-01".into(),
            shipped: "2026-10-03".into(),
            promised_delivery: "2026-11-15".into(),
            ..CaseForm::blank("USD")
        }
    }

    fn problems(form: &CaseForm) -> Vec<(Field, FieldProblem)> {
        form.validate(today()).unwrap_err().into_iter().map(|e| (e.field, e.problem)).collect()
    }

    #[test]
    fn a_complete_form_becomes_case_details() {
        let details = filled().validate(today()).unwrap();
        assert_eq!(details.order_number, "8123456789");
        assert_eq!(details.platform, Platform::AliExpress);
        assert_eq!(details.amount, Some(Money { minor: 2499, currency: "EUR".into() }));
        assert_eq!(details.dates.shipped, Some(day(2026, 10, 3)));
        assert_eq!(details.dates.delivered, None);
        assert_eq!(details.problem, Problem::NotReceived);
    }

    #[test]
    fn only_web_addresses_are_taken_as_links() {
        let form = CaseForm {
            tracking_number: " LP00123456789 ".into(),
            tracking_url: " https://t.17track.net/en#nums=LP00123456789 ".into(),
            listing_url: "javascript:alert(1)".into(),
            ..filled()
        };
        assert_eq!(problems(&form), vec![(Field::ListingUrl, FieldProblem::NotAWebLink)]);
        let details = CaseForm { listing_url: "https://www.aliexpress.com/item/1005.html".into(), ..form }
            .validate(today())
            .unwrap();
        assert_eq!(details.tracking_number, "LP00123456789");
        assert_eq!(details.tracking_url, "https://t.17track.net/en#nums=LP00123456789");
    }

    #[test]
    fn the_buyers_own_description_is_kept_trimmed_and_a_few_sentences_long_at_most() {
        let form = CaseForm { description: "  Left earbud does not charge.\n".into(), ..filled() };
        assert_eq!(form.validate(today()).unwrap().description, "Left earbud does not charge.");
        let long = CaseForm { description: "a".repeat(MAX_DESCRIPTION + 1), ..filled() };
        assert_eq!(problems(&long), vec![(Field::Description, FieldProblem::TooLong { max: MAX_DESCRIPTION })]);
    }

    #[test]
    fn the_form_round_trips_through_details() {
        let details = filled().validate(today()).unwrap();
        assert_eq!(CaseForm::from_details(&details).validate(today()), Ok(details.clone()));
        // What is answered elsewhere than on the form (the Section 75 question) survives an edit.
        let answered =
            CaseDetails { free_returns: FreeReturns::FromEurope, one_item_over_100_pounds: Some(true), ..details };
        assert_eq!(CaseForm::from_details(&answered).validate(today()), Ok(answered));
        let unknown = CaseForm { free_returns: "maybe".into(), ..filled() };
        assert_eq!(problems(&unknown), [(Field::FreeReturns, FieldProblem::UnknownChoice)]);
        // An AliExpress answer left on an order moved to Alibaba.com is not Alibaba's "Easy Return".
        let moved = CaseForm { platform: "alibaba_ta".into(), free_returns: "china".into(), ..filled() };
        assert_eq!(moved.validate(today()).unwrap().free_returns, FreeReturns::Unknown);
        let easy = CaseForm { platform: "alibaba_ta".into(), free_returns: "easy_return".into(), ..filled() };
        assert_eq!(easy.validate(today()).unwrap().free_returns, FreeReturns::EasyReturn);
    }

    #[test]
    fn every_field_can_be_set_and_read_by_name() {
        let mut form = CaseForm::default();
        for (n, field) in Field::ALL.iter().enumerate() {
            form.set(*field, format!("value {n}"));
        }
        for (n, field) in Field::ALL.iter().enumerate() {
            assert_eq!(form.get(*field), format!("value {n}"), "{field:?}");
        }
        let keys: std::collections::HashSet<_> = Field::ALL.iter().map(|f| f.key()).collect();
        assert_eq!(keys.len(), Field::ALL.len(), "field keys are unique");
    }

    #[test]
    fn the_order_number_is_required() {
        let form = CaseForm { order_number: "   ".into(), ..filled() };
        assert_eq!(problems(&form), [(Field::OrderNumber, FieldProblem::OrderNumberMissing)]);
    }

    #[test]
    fn amount_is_optional_but_must_be_valid_when_given() {
        let form = CaseForm { amount: String::new(), currency: String::new(), ..filled() };
        assert_eq!(form.validate(today()).unwrap().amount, None);
        let form = CaseForm { amount: "-3".into(), ..filled() };
        assert_eq!(problems(&form), [(Field::Amount, FieldProblem::Amount(AmountError::Negative))]);
        let form = CaseForm { amount: "3.999".into(), ..filled() };
        assert_eq!(problems(&form), [(Field::Amount, FieldProblem::Amount(AmountError::TooManyDecimals))]);
        let form = CaseForm { currency: "euro".into(), ..filled() };
        assert_eq!(problems(&form), [(Field::Currency, FieldProblem::Currency(CurrencyError::NotAnIsoCode))]);
    }

    #[test]
    fn dates_must_come_in_order() {
        let form = CaseForm { shipped: "2026-09-30".into(), delivered: "2026-09-29".into(), ..filled() };
        assert_eq!(
            problems(&form),
            [
                (
                    Field::Shipped,
                    FieldProblem::BeforeEarlierDate { earlier: Field::Paid, earlier_day: day(2026, 10, 1) }
                ),
                (
                    Field::Delivered,
                    FieldProblem::BeforeEarlierDate { earlier: Field::Shipped, earlier_day: day(2026, 9, 30) }
                ),
            ]
        );
        let message = problems(&form)[0].1.to_string();
        assert_eq!(message, "This cannot be before the payment date (Thu 1 Oct 2026).");
    }

    #[test]
    fn delivery_is_checked_against_payment_when_shipping_is_unknown() {
        let form = CaseForm { shipped: String::new(), delivered: "2026-09-20".into(), ..filled() };
        assert_eq!(
            problems(&form),
            [(
                Field::Delivered,
                FieldProblem::BeforeEarlierDate { earlier: Field::Paid, earlier_day: day(2026, 10, 1) }
            )]
        );
    }

    #[test]
    fn events_cannot_be_in_the_future_but_promises_can() {
        let tomorrow = today() + Duration::days(1);
        let form = CaseForm { delivered: tomorrow.to_string(), ..filled() };
        assert!(form.validate(today()).is_ok(), "one day of slack for China time");
        let form = CaseForm { delivered: "2026-11-23".into(), promised_delivery: "2026-12-20".into(), ..filled() };
        assert_eq!(problems(&form), [(Field::Delivered, FieldProblem::InTheFuture)]);
        let form = CaseForm { protection_ends: "2028-01-01".into(), ..filled() };
        assert_eq!(problems(&form), [(Field::ProtectionEnds, FieldProblem::TooFarAhead)]);
    }

    #[test]
    fn malformed_dates_and_choices_are_reported() {
        let form =
            CaseForm { paid: "31/12/2025".into(), platform: "ebay".into(), shipped: "1999-01-01".into(), ..filled() };
        assert_eq!(
            problems(&form),
            [
                (Field::Platform, FieldProblem::UnknownChoice),
                (Field::Paid, FieldProblem::NotADate),
                (Field::Shipped, FieldProblem::NotADate),
            ]
        );
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let form = CaseForm {
            order_number: String::new(),
            amount: "abc".into(),
            shipped: "2026-09-01".into(),
            receipt_confirmed: "2030-01-01".into(),
            seller: "x".repeat(201),
            ..filled()
        };
        let fields: Vec<Field> = problems(&form).into_iter().map(|(field, _)| field).collect();
        assert_eq!(fields, [Field::OrderNumber, Field::Seller, Field::Amount, Field::ReceiptConfirmed, Field::Shipped]);
    }
}
