//! A case: one problem order, with what the buyer knows about it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::money::Money;

/// Declares a closed set of choices with a stable storage name (serde) and a label for people,
/// so every select box, stored record and test speaks of the same variants.
macro_rules! choices {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $key:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $key)] $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name used in stored records, backups and form values.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key,)+ }
            }

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            pub fn from_key(key: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|choice| choice.key() == key)
            }
        }
    };
}

choices! {
    /// Where the order was placed; it decides which rules apply.
    Platform {
        AliExpress => "aliexpress", "AliExpress";
        AlibabaTradeAssurance => "alibaba_ta", "Alibaba.com (Trade Assurance)";
        OtherMarketplace => "other", "Other marketplace";
    }
}

choices! {
    /// How the buyer paid; it decides which fallbacks (chargeback, PayPal claim) stay open.
    PaymentMethod {
        Card => "card", "Credit or debit card";
        PayPal => "paypal", "PayPal";
        PlatformBalance => "balance", "Platform balance or voucher";
        Other => "other", "Other";
    }
}

choices! {
    /// What went wrong with the order.
    Problem {
        NotReceived => "not_received", "Never arrived";
        NotAsDescribed => "not_as_described", "Not as described";
        DamagedOrDefective => "damaged", "Damaged or does not work";
        WrongItem => "wrong_item", "Wrong item";
        Counterfeit => "counterfeit", "Counterfeit";
        MissingParts => "missing_parts", "Parts or items missing";
        RefundNotPaid => "refund_not_paid", "Refund not paid after cancelling";
        Other => "other", "Something else";
    }
}

choices! {
    /// Where the case stands, from first contact with the seller to the money back (or not).
    Status {
        New => "new", "Just recorded";
        TalkingToSeller => "talking_to_seller", "Talking to the seller";
        DisputeOpen => "dispute_open", "Dispute open";
        Escalated => "escalated", "Escalated to the platform";
        DecisionIssued => "decision_issued", "Decision issued";
        Appealed => "appealed", "Appeal under review";
        ReturnInProgress => "return_in_progress", "Returning the item";
        AwaitingRefund => "awaiting_refund", "Waiting for the refund";
        Resolved => "resolved", "Resolved";
        ClosedWithoutRefund => "closed_without_refund", "Closed without a refund";
    }
}

impl Status {
    /// Whether the buyer still has to open a dispute, so the opening window still threatens.
    pub fn awaits_dispute(self) -> bool {
        matches!(self, Status::New | Status::TalkingToSeller)
    }

    pub fn is_closed(self) -> bool {
        matches!(self, Status::Resolved | Status::ClosedWithoutRefund)
    }
}

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
    pub notes: String,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CaseId(String);

impl CaseId {
    /// Wraps an identifier made by the caller (the browser's `crypto.randomUUID()` in the app).
    pub fn new(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    /// A version-4 UUID made from 16 random bytes.
    pub fn from_random_bytes(mut bytes: [u8; 16]) -> Self {
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        let hex: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
        Self(format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..]))
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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Case {
    pub id: CaseId,
    pub details: CaseDetails,
    pub status: Status,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Case {
    pub fn new(id: CaseId, details: CaseDetails, now: DateTime<Utc>) -> Self {
        Self { id, details, status: Status::New, created_at: now, updated_at: now }
    }

    /// Applies an edit made by the buyer, keeping the case's identity and creation time.
    pub fn edited(&self, details: CaseDetails, status: Status, now: DateTime<Utc>) -> Self {
        Self { details, status, updated_at: now, ..self.clone() }
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
        let id = CaseId::from_random_bytes([0xff; 16]);
        assert_eq!(id.as_str(), "ffffffff-ffff-4fff-bfff-ffffffffffff");
        let id = CaseId::from_random_bytes([0; 16]);
        assert_eq!(id.as_str(), "00000000-0000-4000-8000-000000000000");
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
