//! What to choose when opening a dispute, what evidence wins it, and the mistakes that lose
//! buyers their money. Reference: shared/RULES.md and the guides in shared/seeds/.

use super::case::{Platform, Problem};
use super::journal::Resolution;

/// The reason to pick on the platform's dispute form and the resolution that usually fits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReasonAdvice {
    /// The platform's own wording, as closely as the guides give it.
    pub reason: &'static str,
    pub resolution: Resolution,
    pub why: &'static str,
    pub evidence: &'static [&'static str],
}

const CHAT: &str = "Screenshots of your messages with the seller";
const LISTING: &str = "Screenshots of the listing (photos, description, specifications)";

pub fn reason_advice(platform: Platform, problem: Problem) -> ReasonAdvice {
    let reason = match (platform, problem) {
        (Platform::AlibabaTradeAssurance, Problem::NotReceived | Problem::RefundNotPaid) => "Not received",
        (Platform::AlibabaTradeAssurance, Problem::WrongItem | Problem::MissingParts) => "Incorrect shipment",
        (Platform::AlibabaTradeAssurance, _) => "Product quality problem",
        (_, Problem::NotReceived) => "Item not received",
        (_, Problem::NotAsDescribed) => "Item not as described",
        (_, Problem::DamagedOrDefective) => "Item damaged or does not work",
        (_, Problem::WrongItem) => "Wrong item received",
        (_, Problem::Counterfeit) => "Counterfeit item",
        (_, Problem::MissingParts) => "Missing parts or items",
        (_, Problem::RefundNotPaid) => "Refund not received after cancellation",
        (_, Problem::Other) => "Other",
    };
    let (resolution, why, evidence): (Resolution, &'static str, &'static [&'static str]) = match problem {
        Problem::NotReceived => (
            Resolution::RefundOnly,
            "Nothing to send back: ask for all your money. If tracking still moves, the platform may make you wait until the promised delivery date.",
            &[
                "Screenshots of the tracking page",
                "A statement from your post office that nothing arrived",
                "The promised delivery date from the order page",
                CHAT,
            ],
        ),
        Problem::NotAsDescribed => (
            Resolution::ReturnAndRefund,
            "A return gets all your money back; if you would rather keep it, a partial refund is fair. For a size problem, photograph it flat beside a ruler with its size label.",
            &[
                "Photos or a video showing how it differs from the listing",
                LISTING,
                "For sizes: the item flat beside a ruler, and its size label",
                CHAT,
            ],
        ),
        Problem::DamagedOrDefective => (
            Resolution::RefundOnly,
            "For a cheap item, returning costs more than it is worth: ask for a refund and keep it. For something costly, a return or a replacement.",
            &[
                "Photos of the damage and of the packaging",
                "A video showing it does not work (electronics)",
                "Your unboxing video, if you filmed one",
                CHAT,
            ],
        ),
        Problem::WrongItem => (
            Resolution::ReturnAndRefund,
            "Send it back for all your money, at the seller's cost: the mistake is theirs.",
            &["Photos of what arrived, with its label", LISTING, "The order page showing what you ordered", CHAT],
        ),
        Problem::Counterfeit => (
            Resolution::RefundOnly,
            "A fake is worth nothing and may not be sent back across borders: ask for all your money.",
            &["Close-up photos of logos, labels and serial numbers", "The listing claiming the brand", CHAT],
        ),
        Problem::MissingParts => (
            Resolution::PartialRefund,
            "Keep what came and ask for the price of what is missing, or for the missing parts.",
            &[
                "A photo of everything that arrived, laid out",
                "The parcel's label with its weight",
                "The listing showing what should be included",
                CHAT,
            ],
        ),
        Problem::RefundNotPaid => (
            Resolution::RefundOnly,
            "You cancelled and were promised the money: ask for all of it.",
            &["The order page showing the cancellation", "Your bank statement without the refund", CHAT],
        ),
        Problem::Other => {
            (Resolution::RefundOnly, "Say plainly what went wrong and what would put it right.", &[LISTING, CHAT])
        }
    };
    ReasonAdvice { reason, resolution, why, evidence }
}

/// What each resolution means for the buyer.
pub fn resolution_meaning(resolution: Resolution) -> &'static str {
    match resolution {
        Resolution::RefundOnly => {
            "You keep the item (or never had it) and get all your money back. Best when it never came or is worthless."
        }
        Resolution::ReturnAndRefund => {
            "You send it back, with tracking, and get all your money once it arrives. Ask who pays the postage before you agree."
        }
        Resolution::PartialRefund => {
            "You keep the item and get part of the price back. Agree the amount on the platform, in writing, never elsewhere."
        }
        Resolution::Replacement => {
            "The seller sends another. Accepting usually closes the dispute, so only if you trust the seller."
        }
    }
}

/// Mistakes that lose buyers their money, each shown at the step where it can happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Warning {
    InspectBeforeConfirming,
    ProtectionRunsOut,
    NeverCancelForTheSeller,
    NoRefundOutsideThePlatform,
    KeepTalkOnAlibaba,
    EvidenceInTime,
    ReadBeforeAccepting,
}

impl Warning {
    pub fn text(self) -> &'static str {
        match self {
            Warning::InspectBeforeConfirming => {
                "Never confirm receipt before you have opened and checked the goods: it shortens your protection."
            }
            Warning::ProtectionRunsOut => {
                "If the seller asks you to \"wait a few more days\", ask them to extend the protection on the order page instead. Never let the timer run out."
            }
            Warning::NeverCancelForTheSeller => {
                "Never cancel the dispute or change its reason because the seller asked: there is one dispute per order, and cancelling can release your payment to the seller."
            }
            Warning::NoRefundOutsideThePlatform => {
                "Never accept a refund or \"compensation\" outside the platform (PayPal friends, bank transfer, gift cards): the platform cannot protect that."
            }
            Warning::KeepTalkOnAlibaba => {
                "Keep every conversation in Alibaba's own chat: other records may not count as evidence."
            }
            Warning::EvidenceInTime => {
                "Upload your evidence within the time the platform gives: late evidence may not count, and Alibaba cancels the request."
            }
            Warning::ReadBeforeAccepting => {
                "Read a proposal twice before pressing accept: there is one dispute per order and one appeal per dispute."
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_on_every_platform_gets_a_reason_a_resolution_and_evidence() {
        for platform in Platform::ALL {
            for problem in Problem::ALL {
                let advice = reason_advice(*platform, *problem);
                assert!(!advice.reason.is_empty() && !advice.why.is_empty());
                assert!(advice.evidence.len() >= 2, "{platform:?} {problem:?}");
                assert!(advice.evidence.contains(&CHAT) || advice.evidence.contains(&LISTING));
            }
        }
    }

    #[test]
    fn alibaba_uses_its_three_dispute_types() {
        let reasons: std::collections::BTreeSet<_> = Problem::ALL
            .iter()
            .map(|problem| reason_advice(Platform::AlibabaTradeAssurance, *problem).reason)
            .collect();
        assert_eq!(
            reasons.into_iter().collect::<Vec<_>>(),
            ["Incorrect shipment", "Not received", "Product quality problem"]
        );
    }

    #[test]
    fn the_resolution_fits_the_problem() {
        let resolution = |problem| reason_advice(Platform::AliExpress, problem).resolution;
        assert_eq!(resolution(Problem::NotReceived), Resolution::RefundOnly);
        assert_eq!(resolution(Problem::WrongItem), Resolution::ReturnAndRefund);
        assert_eq!(resolution(Problem::MissingParts), Resolution::PartialRefund);
        assert!(reason_advice(Platform::AliExpress, Problem::NotAsDescribed)
            .evidence
            .iter()
            .any(|e| e.contains("ruler")));
        for resolution in Resolution::ALL {
            assert!(!resolution_meaning(*resolution).is_empty());
        }
    }
}
