//! Platform and payment rules as data: each deadline the app computes comes from one of these
//! records, which carry the value used, the range of values seen, their sources and when they were
//! last reviewed, so the app can say where every date comes from. Reference: docs/RULES.md.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::case::Case;

use super::deadline_kind::DeadlineKind;
use super::i18n::{tr, trf};
use super::vocabulary::{Event, FreeReturns, PaymentMethod, Platform, Problem};

/// Who a rule belongs to: a platform's own rules, or a payment rail's, which follow the payment
/// whatever the platform.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    Platform(Platform),
    Payment(PaymentMethod),
    /// A marketplace the app's host (or the host where a case was made) describes in its own file.
    Hosted {
        marketplace: &'static str,
        host: &'static str,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DayCount {
    Calendar,
    /// Monday to Friday; public holidays are not known and so not skipped.
    Business,
}

/// Which problems a rule covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProblemScope {
    Any,
    /// Only an order that did not arrive (or arrived late).
    NonDelivery,
    /// Only goods that arrived, which the buyer could send back.
    GoodsArrived,
}

impl ProblemScope {
    pub fn covers(self, problem: Problem) -> bool {
        match self {
            ProblemScope::Any => true,
            ProblemScope::NonDelivery => problem == Problem::NotReceived,
            ProblemScope::GoodsArrived => problem.goods_arrived(),
        }
    }
}

/// What else a case must show for a rule to apply, beyond its platform, payment and problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Requirement {
    Nothing,
    /// The listing showed "Free Returns", with the seller based where this says.
    FreeReturns(FreeReturns),
    /// The promised delivery date was fewer than this many days after payment (or, with no
    /// payment date, after shipment).
    PromisedWithin(u32),
    /// No delivery date was promised (or the buyer does not know it).
    NoPromisedDelivery,
}

impl Requirement {
    pub fn met_by(self, case: &Case) -> bool {
        match self {
            Requirement::Nothing => true,
            Requirement::FreeReturns(origin) => case.details.free_returns == origin,
            Requirement::NoPromisedDelivery => case.details.dates.promised_delivery.is_none(),
            Requirement::PromisedWithin(days) => {
                let dates = &case.details.dates;
                let start = dates.paid.or(dates.shipped);
                match (start, dates.promised_delivery) {
                    (Some(start), Some(promised)) => (promised - start).num_days() < i64::from(days),
                    _ => false,
                }
            }
        }
    }
}

/// Whether a current source confirms a rule's number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Certainty {
    /// A current source says it: the date is a deadline, and it can be missed.
    Confirmed,
    /// Only old or indirect texts say it: the date is what to expect, never "overdue".
    Expected,
}

#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Rule {
    pub id: &'static str,
    pub scope: Scope,
    pub sets: DeadlineKind,
    pub problems: ProblemScope,
    pub requires: Requirement,
    pub counts_from: Event,
    /// An earlier event to count from when the buyer does not know `counts_from`: counting from an
    /// earlier day gives an earlier deadline, never a later one.
    pub falls_back_to: Option<Event>,
    /// The value used: for the buyer's own deadlines the one that makes them act earliest.
    pub days: u32,
    pub day_count: DayCount,
    /// The smallest and largest values seen in the sources.
    pub range_seen: (u32, u32),
    pub note: &'static str,
    pub sources: &'static [Reference],
    /// ISO date this record was last checked against its sources.
    pub reviewed: &'static str,
    pub certainty: Certainty,
}

/// A public page a buyer can open to check a rule: its title, its address and the day it was last
/// read for the rule (`docs/RULES.md` says what each one says).
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Reference {
    pub title: &'static str,
    pub address: &'static str,
    pub checked: &'static str,
}

const REVIEWED: &str = "2026-11-21";
const CHECKED: &str = "2026-11-29";

/// A page read for these rules on the day of their last check.
pub(crate) const fn reference(title: &'static str, address: &'static str) -> Reference {
    read_on(title, address, CHECKED)
}

/// A page read for a rule on another day than the last general check.
pub(crate) const fn read_on(title: &'static str, address: &'static str, checked: &'static str) -> Reference {
    Reference { title, address, checked }
}

/// The day the December 2026 review read the pages it cites (stored copies of them).
pub(crate) const READ_DECEMBER_2026: &str = "2026-12-07";
const ALIEXPRESS_PROTECTION: Reference = reference(
    "AliExpress Help: How does Buyer Protection work?",
    "http://activities.aliexpress.com/adcms/help-aliexpress-com/buyer_protection_process.php",
);
const ALIEXPRESS_DISPUTES: Reference = reference(
    "AliExpress Help: How does our Dispute & Claim process work?",
    "http://activities.aliexpress.com/adcms/help-aliexpress-com/dispute_claim_process.php",
);
const ALIEXPRESS_RESOLUTION: Reference = reference(
    "AliExpress Buyer Protection: How disputes are resolved",
    "http://www.aliexpress.com/buyerprotection/how_to_resolove_the_disputes.html",
);
const ALIEXPRESS_PROTECTION_2026: Reference = reference(
    "AliExpress buyer protection terms, as a seller's help page quotes them",
    "https://help.fullshine.net/policies-terms/return-policy/buyer-protection",
);
const ALIEXPRESS_OLD_OPENING: Reference = read_on(
    "AliExpress Buyer Protection: How do I open a dispute? (an old help page)",
    "http://www.aliexpress.com/buyerprotection/how_do_i_open_a_dispute.html",
    READ_DECEMBER_2026,
);
/// AliExpress's "Free Returns", "Free Shipping" and "Fast Delivery" terms, word for word as the
/// Open Terms Archive recorded them (first on 2026-04-17).
pub(crate) const ALIEXPRESS_FREE_RETURNS_TERMS: Reference = read_on(
    "AliExpress \"Free Returns\", \"Free Shipping\" and \"Fast Delivery\" Terms and Conditions (Open Terms Archive's copy, recorded 17 Apr 2026)",
    "https://github.com/OpenTermsArchive/vlopses-ie-versions/blob/a82df7778edb3b504046636cd8b9b932c82164f5/AliExpress/General%20Conditions%20of%20Sale.md",
    READ_DECEMBER_2026,
);
const ALIBABA_QUALITY: Reference = reference(
    "Alibaba.com Help: How does Trade Assurance protect my order for product quality?",
    "https://service.alibaba.com/buyer/faq_detail/20155175.htm",
);
const ALIBABA_COVERAGE: Reference = reference(
    "Alibaba.com Help: How does Trade Assurance protect my online transaction?",
    "https://service.alibaba.com/buyer/faq_detail/20153048.htm",
);
const ALIBABA_ON_TIME: Reference = read_on(
    "Alibaba.com: On-time delivery guarantee (compensation for late delivery)",
    "https://sale.alibaba.com/p/dkytzdtjl/index.html",
    READ_DECEMBER_2026,
);
const ALIBABA_EASY_RETURN: Reference = read_on(
    "Alibaba.com: Easy Return (free returns for quality problems)",
    "https://sale.alibaba.com/p/dslv9c4mq/index.html",
    READ_DECEMBER_2026,
);
const ALIBABA_REFUND_TIME: Reference = read_on(
    "Alibaba.com Help: How long does it take for me to receive the refund for Trade Assurance order?",
    "https://service.alibaba.com/buyer/faq_detail/14414285.htm",
    READ_DECEMBER_2026,
);
const ALIBABA_REFUND_FASTER: Reference = read_on(
    "Alibaba.com Help: How to make the refund process faster?",
    "https://service.alibaba.com/buyer/faq_detail/21378599.htm",
    READ_DECEMBER_2026,
);
const VISA_RULES: Reference = reference(
    "Visa Core Rules and Visa Product and Service Rules",
    "https://usa.visa.com/dam/VCOM/download/about-visa/visa-rules-public.pdf",
);
const MASTERCARD_CHARGEBACKS: Reference = reference(
    "Mastercard Chargeback Guide",
    "https://www.mastercard.us/content/dam/public/mastercardcom/na/global-site/documents/chargeback-guide.pdf",
);
const FCBA: Reference =
    reference("15 U.S.C. 1666: Correction of billing errors", "https://www.law.cornell.edu/uscode/text/15/1666");
const MASTERCARD_WAIT_QUOTED: Reference = read_on(
    "Justt: Mastercard reason code 4853, goods or services not provided (a processor's summary of the Chargeback Guide)",
    "https://justt.ai/chargeback-reason-codes/mastercard/4853-goods-or-services-not-provided/",
    READ_DECEMBER_2026,
);
const PAYPAL_ESCALATION: Reference = read_on(
    "PayPal Help: How do I escalate a dispute to a claim?",
    "https://www.paypal.com/us/smarthelp/article/how-do-i-escalate-a-dispute-to-a-claim-faq822",
    READ_DECEMBER_2026,
);
const PAYPAL_DISPUTES: Reference = reference(
    "PayPal Help: How do I open a dispute with a seller?",
    "https://www.paypal.com/us/cshelp/article/how-do-i-open-a-dispute-with-a-seller-help246",
);

const ALIEXPRESS: Scope = Scope::Platform(Platform::AliExpress);
const ALIBABA: Scope = Scope::Platform(Platform::AlibabaTradeAssurance);

/// A rule with the defaults most records share; each entry below states only what differs.
const fn rule(id: &'static str, scope: Scope, sets: DeadlineKind, counts_from: Event, days: u32) -> Rule {
    Rule {
        id,
        scope,
        sets,
        problems: ProblemScope::Any,
        requires: Requirement::Nothing,
        counts_from,
        falls_back_to: None,
        days,
        day_count: DayCount::Calendar,
        range_seen: (days, days),
        note: "",
        sources: &[],
        reviewed: REVIEWED,
        certainty: Certainty::Confirmed,
    }
}

/// The earliest day a dispute can be opened, where a platform sets one: the same shape as a
/// deadline's rule, `days` after its event. (Its `sets` names the window it opens.)
pub const OPENING_RULES: &[Rule] = &[
    Rule {
        problems: ProblemScope::NonDelivery,
        requires: Requirement::PromisedWithin(5),
        note: "When the promised delivery time was under 5 days, a \"not received\" dispute opens as soon as the \
               promised date has passed, without waiting 10 days after shipment.",
        reviewed: READ_DECEMBER_2026,
        sources: &[ALIEXPRESS_PROTECTION_2026],
        ..rule("aliexpress.open_from.short_promise", ALIEXPRESS, DeadlineKind::OpenDispute, Event::PromisedDelivery, 0)
    },
    Rule {
        problems: ProblemScope::NonDelivery,
        range_seen: (5, 10),
        note: "A \"not received\" dispute opens 10 days after shipment (older rules: 5 or 6 days); while \
           tracking still moves, only once the promised delivery time has passed.",
        reviewed: CHECKED,
        sources: &[ALIEXPRESS_PROTECTION, ALIEXPRESS_DISPUTES],
        ..rule("aliexpress.open_from", ALIEXPRESS, DeadlineKind::OpenDispute, Event::Shipped, 10)
    },
    Rule {
        problems: ProblemScope::NonDelivery,
        requires: Requirement::NoPromisedDelivery,
        note: "Mastercard: when the seller gave no delivery date, the bank waits 30 days from the transaction before \
               a \"not received\" chargeback (Visa sets no such wait; the logo on your card says which it is).",
        reviewed: READ_DECEMBER_2026,
        sources: &[MASTERCARD_CHARGEBACKS, MASTERCARD_WAIT_QUOTED],
        ..rule("card.mastercard_wait", Scope::Payment(PaymentMethod::Card), DeadlineKind::Chargeback, Event::Paid, 30)
    },
    Rule {
        note: "PayPal often lets you escalate a dispute to a claim only once 7 days have passed since the payment.",
        reviewed: READ_DECEMBER_2026,
        sources: &[PAYPAL_ESCALATION],
        ..rule(
            "paypal.escalation_wait",
            Scope::Payment(PaymentMethod::PayPal),
            DeadlineKind::PayPalEscalation,
            Event::Paid,
            7,
        )
    },
];

pub const RULES: &[Rule] = &[
    Rule {
        falls_back_to: Some(Event::Paid),
        range_seen: (60, 120),
        note: "Standard shipping; expedited shipping and some countries get up to 90, 100 or 120 days. \
               The timer on your order page is exact.",
        sources: &[ALIEXPRESS_PROTECTION, ALIEXPRESS_RESOLUTION],
        ..rule("aliexpress.protection.after_shipment", ALIEXPRESS, DeadlineKind::OpenDispute, Event::Shipped, 60)
    },
    Rule {
        note: "Confirming receipt shortens the protection period.",
        sources: &[ALIEXPRESS_PROTECTION_2026],
        ..rule(
            "aliexpress.protection.after_receipt_confirmed",
            ALIEXPRESS,
            DeadlineKind::OpenDispute,
            Event::ReceiptConfirmed,
            15,
        )
    },
    Rule {
        range_seen: (5, 15),
        note: "Once tracking shows the parcel delivered, the remaining time is cut to about 5 days. Only an old \
               help page says 5; newer copies say 15 days after delivery or after receipt is confirmed \
               automatically: the app keeps the shorter.",
        reviewed: READ_DECEMBER_2026,
        sources: &[ALIEXPRESS_OLD_OPENING, ALIEXPRESS_PROTECTION_2026],
        ..rule("aliexpress.protection.after_delivered", ALIEXPRESS, DeadlineKind::OpenDispute, Event::Delivered, 5)
    },
    Rule {
        problems: ProblemScope::GoodsArrived,
        requires: Requirement::FreeReturns(FreeReturns::FromChina),
        note: "An item sold with \"Free Returns\" by a seller in mainland China can be returned for any reason \
               within 90 calendar days of the order being placed and paid, through \"Return/refunds\" on the \
               order page, once per order, complete and unused. The order page shows the exact window.",
        reviewed: READ_DECEMBER_2026,
        sources: &[ALIEXPRESS_FREE_RETURNS_TERMS],
        ..rule("aliexpress.free_returns.china", ALIEXPRESS, DeadlineKind::FreeReturn, Event::Paid, 90)
    },
    Rule {
        problems: ProblemScope::GoodsArrived,
        requires: Requirement::FreeReturns(FreeReturns::FromEurope),
        falls_back_to: Some(Event::Delivered),
        note: "An item sold with \"Free Returns\" by a seller in the EU can be returned for any reason within 15 \
               calendar days of receipt being confirmed (by you, or automatically after delivery).",
        reviewed: READ_DECEMBER_2026,
        sources: &[ALIEXPRESS_FREE_RETURNS_TERMS],
        ..rule("aliexpress.free_returns.europe", ALIEXPRESS, DeadlineKind::FreeReturn, Event::ReceiptConfirmed, 15)
    },
    Rule {
        problems: ProblemScope::GoodsArrived,
        requires: Requirement::FreeReturns(FreeReturns::FromBrazil),
        falls_back_to: Some(Event::Delivered),
        note: "An item sold with \"Free Returns\" by a seller in Brazil can be returned for any reason within 7 \
               calendar days of receipt being confirmed (by you, or automatically after delivery).",
        reviewed: READ_DECEMBER_2026,
        sources: &[ALIEXPRESS_FREE_RETURNS_TERMS],
        ..rule("aliexpress.free_returns.brazil", ALIEXPRESS, DeadlineKind::FreeReturn, Event::ReceiptConfirmed, 7)
    },
    Rule {
        range_seen: (5, 15),
        note: "If the seller does not respond, AliExpress refunds you automatically. Older rules gave 15 days.",
        sources: &[ALIEXPRESS_RESOLUTION, ALIEXPRESS_PROTECTION],
        ..rule("aliexpress.seller_response", ALIEXPRESS, DeadlineKind::SellerResponse, Event::DisputeOpened, 5)
    },
    Rule {
        note: "Expected, not confirmed by a current source (only an old page says 2 days): if you do not answer \
               a proposal, the seller's may stand, so answer it at once.",
        reviewed: READ_DECEMBER_2026,
        certainty: Certainty::Expected,
        sources: &[ALIEXPRESS_RESOLUTION],
        ..rule("aliexpress.answer_proposal", ALIEXPRESS, DeadlineKind::AnswerProposal, Event::SellerResponded, 2)
    },
    Rule {
        range_seen: (7, 16),
        note: "The platform steps in within about 7 days; older rules let you escalate on days 4 to 15 and \
               escalated automatically on day 16.",
        sources: &[ALIEXPRESS_DISPUTES, ALIEXPRESS_RESOLUTION],
        ..rule("aliexpress.platform_steps_in", ALIEXPRESS, DeadlineKind::PlatformStepsIn, Event::DisputeOpened, 7)
    },
    Rule {
        note: "Expected, not confirmed by a current source: old pages say AliExpress aims for a first decision \
               about 15 days after the dispute opens.",
        reviewed: READ_DECEMBER_2026,
        certainty: Certainty::Expected,
        sources: &[ALIEXPRESS_PROTECTION, ALIEXPRESS_RESOLUTION],
        ..rule("aliexpress.expected_decision", ALIEXPRESS, DeadlineKind::ExpectedDecision, Event::DisputeOpened, 15)
    },
    Rule {
        note: "One appeal per dispute, with new evidence; the review takes about 2 to 10 working days.",
        sources: &[ALIEXPRESS_PROTECTION, ALIEXPRESS_RESOLUTION],
        ..rule("aliexpress.appeal", ALIEXPRESS, DeadlineKind::Appeal, Event::DecisionIssued, 7)
    },
    Rule {
        note: "Ship the return within 10 days, or the payment goes to the seller.",
        reviewed: CHECKED,
        sources: &[ALIEXPRESS_PROTECTION_2026],
        ..rule("aliexpress.ship_return", ALIEXPRESS, DeadlineKind::ShipReturn, Event::ReturnAgreed, 10)
    },
    Rule {
        day_count: DayCount::Business,
        range_seen: (1, 20),
        note: "Refunds take 1 to 10 working days by the current buyer protection terms (older terms: 3 to 20, \
               bank cards up to 15); after that, chase it.",
        reviewed: CHECKED,
        sources: &[ALIEXPRESS_PROTECTION_2026],
        ..rule("aliexpress.refund_arrival", ALIEXPRESS, DeadlineKind::RefundArrival, Event::RefundIssued, 10)
    },
    Rule {
        falls_back_to: Some(Event::Delivered),
        note: "Some shipping methods allow less, never more.",
        sources: &[ALIBABA_QUALITY, ALIBABA_COVERAGE],
        ..rule("alibaba.trade_assurance.after_receipt", ALIBABA, DeadlineKind::OpenDispute, Event::ReceiptConfirmed, 30)
    },
    Rule {
        problems: ProblemScope::NonDelivery,
        note: "For an order that never came, ask Alibaba.com for a refund on the order page. No current source \
               gives that request a window of its own: the app counts 30 days from the promised delivery date, \
               the shortest it has seen, so you ask in time.",
        reviewed: READ_DECEMBER_2026,
        sources: &[ALIBABA_COVERAGE],
        // The id is older than the on-time claim's rule below, whose window this once stood for:
        // buyers' stored lengths name it, so it stays.
        ..rule(
            "alibaba.trade_assurance.on_time_delivery",
            ALIBABA,
            DeadlineKind::OpenDispute,
            Event::PromisedDelivery,
            30,
        )
    },
    Rule {
        problems: ProblemScope::NonDelivery,
        note: "For a product marked \"Guaranteed delivery\" that came late or not at all: claim within 30 calendar \
               days of the specified delivery date. It is compensation, not the refund: a credit of up to USD 100 \
               for future Trade Assurance orders, one claim per order.",
        reviewed: READ_DECEMBER_2026,
        sources: &[ALIBABA_ON_TIME],
        ..rule("alibaba.on_time_compensation", ALIBABA, DeadlineKind::OnTimeClaim, Event::PromisedDelivery, 30)
    },
    Rule {
        problems: ProblemScope::GoodsArrived,
        requires: Requirement::FreeReturns(FreeReturns::EasyReturn),
        falls_back_to: Some(Event::Delivered),
        note: "A product marked \"Easy Return\" can be sent back free for a quality problem within 30 days of \
               receipt, up to USD 3,000, in the countries the programme lists; start it from the order page.",
        reviewed: READ_DECEMBER_2026,
        sources: &[ALIBABA_EASY_RETURN],
        ..rule("alibaba.easy_return", ALIBABA, DeadlineKind::FreeReturn, Event::ReceiptConfirmed, 30)
    },
    Rule {
        note: "If the supplier does not respond you can escalate to Alibaba from day 4.",
        sources: &[ALIBABA_QUALITY, ALIBABA_COVERAGE],
        ..rule("alibaba.supplier_response", ALIBABA, DeadlineKind::SellerResponse, Event::DisputeOpened, 3)
    },
    Rule {
        range_seen: (7, 8),
        note: "Alibaba escalates automatically on day 7 (newer wording: day 8), then steps in within 2 \
               working days. Upload evidence within the time it gives, or the request is cancelled.",
        sources: &[ALIBABA_QUALITY, ALIBABA_COVERAGE],
        ..rule("alibaba.escalation", ALIBABA, DeadlineKind::PlatformStepsIn, Event::DisputeOpened, 7)
    },
    Rule {
        range_seen: (14, 21),
        note: "Expected, not confirmed by a current source: Alibaba's mediation typically takes 2 to 3 weeks; \
               quality disputes may need an inspection.",
        reviewed: READ_DECEMBER_2026,
        certainty: Certainty::Expected,
        sources: &[ALIBABA_QUALITY],
        ..rule("alibaba.mediation", ALIBABA, DeadlineKind::ExpectedDecision, Event::Escalated, 21)
    },
    Rule {
        day_count: DayCount::Business,
        note: "Alibaba.com starts a refund within 7 working days of the refund agreement; if it has not, contact the \
               supplier or Alibaba.com's service team.",
        reviewed: READ_DECEMBER_2026,
        sources: &[ALIBABA_REFUND_TIME],
        ..rule("alibaba.refund_start", ALIBABA, DeadlineKind::RefundStarts, Event::RefundAgreed, 7)
    },
    Rule {
        day_count: DayCount::Business,
        range_seen: (3, 12),
        note: "Alibaba.com starts a refund within 7 working days of the agreement (if it has not, contact \
               the supplier or Alibaba.com's service team); once started, a card refund takes about 10 working \
               days (one page says 12), a bank transfer 3 to 7. After that, chase it.",
        reviewed: READ_DECEMBER_2026,
        sources: &[ALIBABA_REFUND_TIME, ALIBABA_REFUND_FASTER],
        ..rule("alibaba.refund_arrival", ALIBABA, DeadlineKind::RefundArrival, Event::RefundIssued, 10)
    },
    Rule {
        range_seen: (30, 540),
        note: "Visa and Mastercard allow 120 days from the transaction (from the promised delivery date when \
               goods never came; 540 days at most). Some issuers allow less, one UK bank 30 to 60 days: ask yours.",
        sources: &[VISA_RULES, MASTERCARD_CHARGEBACKS],
        ..rule("card.chargeback", Scope::Payment(PaymentMethod::Card), DeadlineKind::Chargeback, Event::Paid, 120)
    },
    Rule {
        note: "US credit cards only: write to the issuer within 60 days of the first statement showing the \
               charge. The issuer must acknowledge within 30 days and resolve within 90.",
        sources: &[FCBA],
        ..rule(
            "card.fcba_notice",
            Scope::Payment(PaymentMethod::Card),
            DeadlineKind::FcbaNotice,
            Event::CardStatement,
            60,
        )
    },
    Rule {
        note: "Open a PayPal dispute within 180 days of payment.",
        sources: &[PAYPAL_DISPUTES],
        ..rule("paypal.dispute", Scope::Payment(PaymentMethod::PayPal), DeadlineKind::PayPalDispute, Event::Paid, 180)
    },
    Rule {
        note: "Escalate a PayPal dispute to a claim within 20 days of opening it, or PayPal closes it.",
        sources: &[PAYPAL_DISPUTES],
        ..rule(
            "paypal.escalation",
            Scope::Payment(PaymentMethod::PayPal),
            DeadlineKind::PayPalEscalation,
            Event::PayPalDisputeOpened,
            20,
        )
    },
];

impl Rule {
    pub fn applies_to(&self, case: &Case) -> bool {
        let scope = match self.scope {
            Scope::Platform(platform) => case.details.platform == platform,
            Scope::Payment(method) => case.details.payment_method == method,
            // Only ever read from the case's own marketplace: see [`applicable`].
            Scope::Hosted { .. } => true,
        };
        scope && self.problems.covers(case.details.problem) && self.requires.met_by(case)
    }

    /// The event this rule counts from for `case` (its fallback when the usual one is unknown)
    /// and that event's day, if known.
    pub fn anchor(&self, case: &Case) -> Option<(Event, NaiveDate)> {
        std::iter::once(self.counts_from)
            .chain(self.falls_back_to)
            .find_map(|event| case.date_of(event).map(|day| (event, day)))
    }

    pub fn range_text(&self) -> String {
        if let Scope::Hosted { marketplace, host } = self.scope {
            return published_by(marketplace, host);
        }
        match self.range_seen {
            (low, high) if low == high => trf("{low} days in every source", &[("low", &low)]),
            (low, high) => trf("{low} to {high} days seen", &[("low", &low), ("high", &high)]),
        }
    }

    /// "{days} days", counted the rule's way.
    pub fn length_text(&self, days: u32) -> String {
        match self.day_count {
            DayCount::Calendar => trf("{days} days", &[("days", &days)]),
            DayCount::Business => trf("{days} business days", &[("days", &days)]),
        }
    }

    /// The rule's note in the buyer's language.
    pub fn note_text(&self) -> &'static str {
        tr(self.note)
    }
}

/// Where a host rule comes from, in place of the range of values seen in public sources.
pub fn published_by(marketplace: &str, host: &str) -> String {
    trf("as {host} publishes it for {marketplace}", &[("host", &host), ("marketplace", &marketplace)])
}

pub fn rule_by_id(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|rule| rule.id == id)
}

pub fn add_days(from: NaiveDate, days: u32, count: DayCount) -> NaiveDate {
    match count {
        DayCount::Calendar => from + Duration::days(i64::from(days)),
        DayCount::Business => {
            let mut day = from;
            let mut left = days;
            while left > 0 {
                day += Duration::days(1);
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
    use crate::domain::case::{CaseDetails, CaseId};
    use crate::domain::deadline_kind::Party;
    use crate::domain::rule_book::rules_for;
    use crate::support::day;
    use chrono::{DateTime, Utc};

    fn case(platform: Platform, payment_method: PaymentMethod, problem: Problem) -> Case {
        let details =
            CaseDetails { platform, order_number: "1".into(), payment_method, problem, ..CaseDetails::default() };
        Case::new(CaseId::new("c"), details, DateTime::<Utc>::UNIX_EPOCH)
    }

    #[test]
    fn every_rule_is_complete_and_its_value_lies_in_its_range() {
        let mut ids = std::collections::HashSet::new();
        for rule in RULES.iter().chain(OPENING_RULES) {
            assert!(ids.insert(rule.id), "duplicate rule id {}", rule.id);
            assert!(!rule.sources.is_empty(), "{} has no source", rule.id);
            for source in rule.sources {
                assert!(source.address.starts_with("https://") || source.address.starts_with("http://"), "{source:?}");
                assert!(NaiveDate::parse_from_str(source.checked, "%Y-%m-%d").is_ok(), "{source:?}");
            }
            assert!(NaiveDate::parse_from_str(rule.reviewed, "%Y-%m-%d").is_ok(), "{} review date", rule.id);
            assert!(rule.range_seen.0 <= rule.days && rule.days <= rule.range_seen.1, "{}", rule.id);
            assert!(!rule.note.is_empty(), "{} needs a note", rule.id);
            if !OPENING_RULES.contains(rule) {
                assert_eq!(rule_by_id(rule.id), Some(rule));
            }
        }
    }

    #[test]
    fn the_buyers_own_platform_windows_default_to_the_shortest_value_seen() {
        for rule in
            RULES.iter().filter(|rule| rule.sets.party() == Party::Buyer && matches!(rule.scope, Scope::Platform(_)))
        {
            assert_eq!(rule.days, rule.range_seen.0, "{} must default to the shortest value seen", rule.id);
        }
    }

    #[test]
    fn every_rule_is_set_on_the_platform_or_rail_it_belongs_to() {
        let kinds = |platform, method, problem| {
            let case = case(platform, method, problem);
            let mut kinds: Vec<_> = RULES.iter().filter(|r| r.applies_to(&case)).map(|r| r.sets).collect();
            kinds.dedup();
            kinds
        };
        use DeadlineKind::*;
        assert_eq!(
            kinds(Platform::AliExpress, PaymentMethod::Card, Problem::WrongItem),
            [
                OpenDispute,
                SellerResponse,
                AnswerProposal,
                PlatformStepsIn,
                ExpectedDecision,
                Appeal,
                ShipReturn,
                RefundArrival,
                Chargeback,
                FcbaNotice
            ]
        );
        assert_eq!(
            kinds(Platform::AlibabaTradeAssurance, PaymentMethod::PayPal, Problem::NotReceived),
            [
                OpenDispute,
                OnTimeClaim,
                SellerResponse,
                PlatformStepsIn,
                ExpectedDecision,
                RefundStarts,
                RefundArrival,
                PayPalDispute,
                PayPalEscalation
            ]
        );
        assert_eq!(kinds(Platform::OtherMarketplace, PaymentMethod::PlatformBalance, Problem::Other), []);
        assert_eq!(kinds(Platform::OtherMarketplace, PaymentMethod::Card, Problem::Other), [Chargeback, FcbaNotice]);
    }

    #[test]
    fn every_aliexpress_and_alibaba_problem_has_an_opening_rule() {
        for platform in [Platform::AliExpress, Platform::AlibabaTradeAssurance] {
            for problem in Problem::ALL {
                let case = case(platform, PaymentMethod::Card, *problem);
                assert!(rules_for(DeadlineKind::OpenDispute, &case).count() > 0, "{platform:?} {problem:?}");
            }
        }
    }

    #[test]
    fn the_on_time_delivery_claim_is_compensation_beside_the_refund_request_and_only_for_non_delivery() {
        let ids = |problem, kind| {
            let case = case(Platform::AlibabaTradeAssurance, PaymentMethod::Card, problem);
            rules_for(kind, &case).map(|rule| rule.id).collect::<Vec<_>>()
        };
        assert_eq!(ids(Problem::NotReceived, DeadlineKind::OnTimeClaim), ["alibaba.on_time_compensation"]);
        assert!(
            ids(Problem::NotReceived, DeadlineKind::OpenDispute).contains(&"alibaba.trade_assurance.on_time_delivery")
        );
        assert!(ids(Problem::DamagedOrDefective, DeadlineKind::OnTimeClaim).is_empty());
        assert!(!ids(Problem::DamagedOrDefective, DeadlineKind::OpenDispute)
            .contains(&"alibaba.trade_assurance.on_time_delivery"));
    }

    #[test]
    fn a_rule_counts_from_its_event_or_its_earlier_fallback() {
        let rule = rule_by_id("aliexpress.protection.after_shipment").unwrap();
        let mut case = case(Platform::AliExpress, PaymentMethod::Card, Problem::NotReceived);
        assert_eq!(rule.anchor(&case), None);
        case.details.dates.paid = Some(day(2026, 1, 2));
        assert_eq!(rule.anchor(&case), Some((Event::Paid, day(2026, 1, 2))));
        case.details.dates.shipped = Some(day(2026, 1, 5));
        assert_eq!(rule.anchor(&case), Some((Event::Shipped, day(2026, 1, 5))));
        let appeal = rule_by_id("aliexpress.appeal").unwrap();
        assert_eq!(appeal.anchor(&case), None);
        case.record_step(Event::DecisionIssued, day(2026, 3, 1), case.updated_at);
        assert_eq!(appeal.anchor(&case), Some((Event::DecisionIssued, day(2026, 3, 1))));
    }

    #[test]
    fn calendar_days_cross_month_ends_and_leap_days() {
        assert_eq!(add_days(day(2028, 1, 31), 30, DayCount::Calendar), day(2028, 3, 1));
        assert_eq!(add_days(day(2027, 1, 31), 30, DayCount::Calendar), day(2027, 3, 2));
        assert_eq!(add_days(day(2026, 12, 20), 15, DayCount::Calendar), day(2027, 1, 4));
        assert_eq!(add_days(day(2028, 2, 28), 1, DayCount::Calendar), day(2028, 2, 29));
    }

    #[test]
    fn business_days_skip_weekends() {
        // Friday 4 December 2026 + 1 business day is Monday the 7th; + 5 is Friday the 11th.
        assert_eq!(add_days(day(2026, 12, 4), 1, DayCount::Business), day(2026, 12, 7));
        assert_eq!(add_days(day(2026, 12, 4), 5, DayCount::Business), day(2026, 12, 11));
        // From a Saturday or a Sunday, the first business day is Monday, the fifth the next Friday.
        assert_eq!(add_days(day(2026, 12, 5), 1, DayCount::Business), day(2026, 12, 7));
        assert_eq!(add_days(day(2026, 12, 6), 1, DayCount::Business), day(2026, 12, 7));
        assert_eq!(add_days(day(2026, 12, 5), 5, DayCount::Business), day(2026, 12, 11));
        assert_eq!(add_days(day(2026, 12, 6), 10, DayCount::Business), day(2026, 12, 18));
        assert_eq!(add_days(day(2026, 12, 4), 0, DayCount::Business), day(2026, 12, 4));
        assert_eq!(add_days(day(2026, 12, 4), 20, DayCount::Business), day(2027, 1, 1));
        // Across the leap day: Friday 25 February 2028 + 3 business days is Wednesday 1 March.
        assert_eq!(add_days(day(2028, 2, 25), 3, DayCount::Business), day(2028, 3, 1));
    }

    #[test]
    fn range_text_says_whether_sources_agree() {
        assert_eq!(rule_by_id("aliexpress.protection.after_shipment").unwrap().range_text(), "60 to 120 days seen");
        assert_eq!(rule_by_id("aliexpress.appeal").unwrap().range_text(), "7 days in every source");
    }
}
