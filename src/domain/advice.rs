//! What to choose when opening a dispute, what evidence wins it, and the mistakes that lose
//! buyers their money. Reference: docs/RULES.md and its sources.

use super::i18n::tr;
use super::journal::Resolution;
use super::proof::Proof;
use super::vocabulary::{Platform, Problem};

/// The reason to pick on the platform's dispute form and the resolution that usually fits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReasonAdvice {
    /// The platform's own wording, as closely as the guides give it.
    pub reason: &'static str,
    pub resolution: Resolution,
    pub why: &'static str,
    pub evidence: &'static [Proof],
}

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
    let (resolution, why, evidence): (Resolution, &'static str, &'static [Proof]) = match problem {
        Problem::NotReceived => (
            Resolution::RefundOnly,
            tr("Nothing to send back: ask for all your money. If tracking still moves, the platform may make you wait until the promised delivery date."),
            &[
                Proof::TrackingScreenshots,
                Proof::PostOfficeStatement,
                Proof::CustomsDocuments,
                Proof::PromisedDate,
                Proof::SellerChat,
            ],
        ),
        Problem::NotAsDescribed => (
            Resolution::ReturnAndRefund,
            tr("A return gets all your money back; if you would rather keep it, a partial refund is fair. For a size problem, photograph it flat beside a ruler with its size label."),
            &[
                Proof::DifferencePhotos,
                Proof::ListingScreenshots,
                Proof::SizeBesideRuler,
                Proof::SellerChat,
            ],
        ),
        Problem::DamagedOrDefective => (
            Resolution::RefundOnly,
            tr("For a cheap item, returning costs more than it is worth: ask for a refund and keep it. For something costly, a return or a replacement."),
            &[
                Proof::DamagePhotos,
                Proof::NotWorkingVideo,
                Proof::UnboxingVideo,
                Proof::SellerChat,
            ],
        ),
        Problem::WrongItem => (
            Resolution::ReturnAndRefund,
            tr("Send it back for all your money, at the seller's cost: the mistake is theirs."),
            &[Proof::WhatArrivedPhotos, Proof::ListingScreenshots, Proof::OrderPage, Proof::SellerChat],
        ),
        Problem::Counterfeit => (
            Resolution::RefundOnly,
            tr("A fake is worth nothing and may not be sent back across borders: ask for all your money."),
            &[Proof::BrandCloseUps, Proof::BrandClaim, Proof::SellerChat],
        ),
        Problem::MissingParts => (
            Resolution::PartialRefund,
            tr("Keep what came and ask for the price of what is missing, or for the missing parts."),
            &[
                Proof::EverythingReceived,
                Proof::ParcelWeight,
                Proof::IncludedItems,
                Proof::SellerChat,
            ],
        ),
        Problem::RefundNotPaid => (
            Resolution::RefundOnly,
            tr("You cancelled and were promised the money: ask for all of it."),
            &[Proof::Cancellation, Proof::BankStatement, Proof::SellerChat],
        ),
        Problem::Other => {
            (Resolution::RefundOnly, tr("Say plainly what went wrong and what would put it right."), &[Proof::ListingScreenshots, Proof::SellerChat])
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
    /// AliExpress's 2026 terms: accounts suspended for return or refund abuse.
    ReturnOnlyInGoodFaith,
    /// AliExpress's Fast Delivery terms: refunds for a parcel lost or not delivered in time.
    LostOrLateParcel,
}

impl Warning {
    /// The one platform whose rules the warning speaks of, if it belongs to one.
    pub fn platform(self) -> Option<Platform> {
        match self {
            Warning::KeepTalkOnAlibaba | Warning::EvidenceInTime => Some(Platform::AlibabaTradeAssurance),
            Warning::ReturnOnlyInGoodFaith | Warning::LostOrLateParcel => Some(Platform::AliExpress),
            _ => None,
        }
    }

    /// The warning in a few words, shown where the whole text is folded away.
    pub fn headline(self) -> &'static str {
        match self {
            Warning::InspectBeforeConfirming => tr("Do not confirm receipt yet"),
            Warning::ProtectionRunsOut => tr("Never let the protection timer run out"),
            Warning::NeverCancelForTheSeller => tr("Never cancel the dispute for the seller"),
            Warning::NoRefundOutsideThePlatform => tr("No refund outside the platform"),
            Warning::KeepTalkOnAlibaba => tr("Keep the talk in Alibaba's chat"),
            Warning::EvidenceInTime => tr("Upload your evidence in time"),
            Warning::ReadBeforeAccepting => tr("Read a proposal twice"),
            Warning::ReturnOnlyInGoodFaith => tr("Return only what you mean to"),
            Warning::LostOrLateParcel => tr("Lost or late: ask for your money"),
        }
    }

    pub fn text(self) -> &'static str {
        match self {
            Warning::InspectBeforeConfirming => {
                tr("Never confirm receipt before you have opened and checked the goods: it shortens your protection.")
            }
            Warning::ProtectionRunsOut => {
                tr("If the seller asks you to \"wait a few more days\", ask them to extend the protection on the order page instead. Never let the timer run out.")
            }
            Warning::NeverCancelForTheSeller => {
                tr("Never cancel the dispute or change its reason because the seller asked: there is one dispute per order, and cancelling can release your payment to the seller.")
            }
            Warning::NoRefundOutsideThePlatform => {
                tr("Never accept a refund or \"compensation\" outside the platform (PayPal friends, bank transfer, gift cards): the platform cannot protect that.")
            }
            Warning::KeepTalkOnAlibaba => {
                tr("Keep every conversation in Alibaba's own chat: other records may not count as evidence.")
            }
            Warning::EvidenceInTime => {
                tr("Upload your evidence within the time the platform gives: late evidence may not count, and Alibaba cancels the request.")
            }
            Warning::ReadBeforeAccepting => {
                tr("Read a proposal twice before pressing accept: there is one dispute per order and one appeal per dispute.")
            }
            Warning::ReturnOnlyInGoodFaith => {
                tr("AliExpress's 2026 terms let it suspend accounts for return or refund abuse, and charge the postage of buyers who return very often: send back only what is wrong or unwanted, complete and as it came.")
            }
            Warning::LostOrLateParcel => {
                tr("If tracking says \"lost in transit\", AliExpress's terms give a full refund. If the parcel has not come within the \"Delivery Days\" on the product page, you can ask for a refund; for a late \"Fast Delivery\" item you can also ask for a coupon on the order page (one per order, valid 60 days).")
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
                assert!(
                    advice.evidence.contains(&Proof::SellerChat)
                        || advice.evidence.contains(&Proof::ListingScreenshots)
                );
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
            .contains(&Proof::SizeBesideRuler));
        for resolution in Resolution::ALL {
            assert!(!resolution_meaning(*resolution).is_empty());
        }
    }
}
