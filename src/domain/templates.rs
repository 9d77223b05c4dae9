//! Messages written for the buyer, filled from the case: polite, factual, with the order number
//! and the outcome wanted, as the guides advise. What the app cannot know is left in [brackets].

use super::advice::reason_advice;
use super::case::{Case, Event, Platform, Problem};
use super::deadline::day_text;
use super::journal::{Author, Entry, Resolution};
use super::money::Money;

choices! {
    /// The messages the app can write.
    TemplateKind {
        FirstMessage => "first_message", "First message to the seller";
        DisputeDescription => "dispute_description", "Dispute description";
        AcceptProposal => "accept_proposal", "Accept the seller's proposal";
        CounterProposal => "counter_proposal", "Counter-offer";
        RefuseProposal => "refuse_proposal", "Refuse the proposal";
        EscalationRequest => "escalation_request", "Ask the platform to step in";
        Appeal => "appeal", "Appeal the decision";
        ChargebackLetter => "chargeback_letter", "Letter to your card issuer";
        PayPalClaim => "paypal_claim", "PayPal dispute or claim";
    }
}

/// What the buyer adds before a message is written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TemplateInput {
    /// The amount of a counter-offer.
    pub counter_amount: Option<Money>,
}

fn platform_name(platform: Platform) -> &'static str {
    match platform {
        Platform::AliExpress => "AliExpress",
        Platform::AlibabaTradeAssurance => "Alibaba.com",
        Platform::OtherMarketplace => "the marketplace",
    }
}

/// "the item has not arrived", finishing "I am writing because ...".
fn what_went_wrong(case: &Case) -> String {
    let item = item(case);
    match case.details.problem {
        Problem::NotReceived => match case.details.dates.promised_delivery {
            Some(promised) => {
                format!("{item} has not arrived, although delivery was promised by {}", day_text(promised))
            }
            None => format!("{item} has not arrived"),
        },
        Problem::NotAsDescribed => format!("{item} does not match the description in the listing"),
        Problem::DamagedOrDefective => format!("{item} arrived damaged or does not work"),
        Problem::WrongItem => format!("I received a different item from the one I ordered ({item})"),
        Problem::Counterfeit => format!("{item} is a counterfeit of the branded product the listing offers"),
        Problem::MissingParts => format!("{item} arrived with parts or items missing"),
        Problem::RefundNotPaid => "the order was cancelled, but the refund has not been paid".to_owned(),
        Problem::Other => format!("there is a problem with {item}"),
    }
}

fn item(case: &Case) -> String {
    let item = case.details.item.trim();
    if item.is_empty() {
        "the item".to_owned()
    } else {
        format!("the item \"{item}\"")
    }
}

fn wanted(case: &Case) -> Resolution {
    case.details.wanted.unwrap_or(reason_advice(case.details.platform, case.details.problem).resolution)
}

/// "a full refund of 24.99 USD", finishing "I would like ...".
fn wanted_text(case: &Case) -> String {
    let of_amount = case.details.amount.as_ref().map(|money| format!(" of {money}")).unwrap_or_default();
    match wanted(case) {
        Resolution::RefundOnly => format!("a full refund{of_amount}"),
        Resolution::ReturnAndRefund => format!("to return the item for a full refund{of_amount}"),
        Resolution::PartialRefund => "a partial refund".to_owned(),
        Resolution::Replacement => "a replacement, sent with tracking".to_owned(),
    }
}

fn order_line(case: &Case) -> String {
    let paid = case.details.dates.paid.map(|day| format!(", paid on {}", day_text(day))).unwrap_or_default();
    format!("order {}{paid}", case.details.order_number)
}

fn evidence_list(case: &Case) -> String {
    reason_advice(case.details.platform, case.details.problem)
        .evidence
        .iter()
        .map(|proof| format!("- {}", proof.label()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The order's story, one dated line per fact and journal entry.
fn timeline(case: &Case) -> String {
    let dates = &case.details.dates;
    let facts = [
        (Event::Paid, dates.paid),
        (Event::Shipped, dates.shipped),
        (Event::PromisedDelivery, dates.promised_delivery),
        (Event::Delivered, dates.delivered),
        (Event::ReceiptConfirmed, dates.receipt_confirmed),
    ];
    let mut lines: Vec<(chrono::NaiveDate, String)> =
        facts.into_iter().filter_map(|(event, day)| day.map(|day| (day, event.label().to_owned()))).collect();
    lines.extend(case.journal().current().iter().map(|c| (c.latest.on, c.latest.entry.summary())));
    lines.sort_by_key(|(day, _)| *day);
    lines.into_iter().map(|(day, text)| format!("- {}: {text}", day_text(day))).collect::<Vec<_>>().join("\n")
}

fn latest_offer(case: &Case) -> String {
    match case.journal().latest_proposal(Author::Seller) {
        Some((entry, Entry::Proposal { resolution, amount, .. })) => {
            let amount = amount.as_ref().map(|money| format!(" of {money}")).unwrap_or_default();
            format!("your proposal of {} ({}){amount}", day_text(entry.on), resolution.label().to_lowercase())
        }
        _ => "your proposal".to_owned(),
    }
}

fn greeting(case: &Case) -> String {
    match case.details.seller.trim() {
        "" => "Hello,".to_owned(),
        seller => format!("Hello {seller},"),
    }
}

/// The message `kind`, written for `case`.
pub fn compose(kind: TemplateKind, case: &Case, input: &TemplateInput) -> String {
    let platform = platform_name(case.details.platform);
    let order = order_line(case);
    let problem = what_went_wrong(case);
    let wanted = wanted_text(case);
    match kind {
        TemplateKind::FirstMessage => format!(
            "{}\n\nI am writing about {order}. Unfortunately, {problem}.\n\nCould you please put this right? I would like {wanted}. I can send photos or other details if that helps.\n\nThank you for your help.",
            greeting(case)
        ),
        TemplateKind::DisputeDescription => {
            let contacted = case
                .journal()
                .current()
                .iter()
                .find(|c| matches!(c.latest.entry, Entry::Message { from: Author::Buyer, .. }))
                .map(|c| format!(" I contacted the seller on {}, but the problem was not resolved.", day_text(c.latest.on)))
                .unwrap_or_default();
            format!(
                "Reason: {}.\n\nFor {order}, {problem}.{contacted}\n\nI request {wanted}.\n\nEvidence attached:\n{}",
                reason_advice(case.details.platform, case.details.problem).reason,
                evidence_list(case)
            )
        }
        TemplateKind::AcceptProposal => format!(
            "{}\n\nThank you for {}. I accept it. Please process it through {platform} for {order}.\n\nThank you.",
            greeting(case),
            latest_offer(case)
        ),
        TemplateKind::CounterProposal => {
            let counter = input
                .counter_amount
                .as_ref()
                .map(|money| money.to_string())
                .unwrap_or_else(|| "[amount]".to_owned());
            format!(
                "{}\n\nThank you for {}. I cannot accept it, because {problem}. I would accept a partial refund of {counter}, processed through {platform} for {order}. If we cannot agree, I will ask {platform} to decide.\n\nThank you.",
                greeting(case),
                latest_offer(case)
            )
        }
        TemplateKind::RefuseProposal => format!(
            "{}\n\nThank you for {}. I cannot accept it, because {problem}. For {order}, I request {wanted}. If we cannot agree, I will ask {platform} to decide.\n\nThank you.",
            greeting(case),
            latest_offer(case)
        ),
        TemplateKind::EscalationRequest => {
            let opened = case.date_of(Event::DisputeOpened).map(|day| format!(" on {}", day_text(day))).unwrap_or_default();
            let seller = if case.date_of(Event::SellerResponded).is_some() {
                "The seller and I could not agree."
            } else {
                "The seller has not responded within the time allowed."
            };
            format!(
                "Dear {platform} support,\n\nI opened a dispute for {order}{opened}. {seller} In short, {problem}.\n\nPlease review the dispute and decide. I request {wanted}.\n\nMy evidence:\n{}\n\nThank you.",
                evidence_list(case)
            )
        }
        TemplateKind::Appeal => {
            let decided = case
                .journal()
                .latest_decision()
                .map(|(entry, decision)| format!("the decision of {} ({})", day_text(entry.on), decision.summary().to_lowercase()))
                .unwrap_or_else(|| "the decision".to_owned());
            format!(
                "Dear {platform} support,\n\nI appeal {decided} on the dispute for {order}. It does not reflect the problem: {problem}.\n\nNew evidence:\n- [describe what is new: photos, a video, a statement]\n\nI request {wanted}.\n\nThank you for reviewing it again."
            )
        }
        TemplateKind::ChargebackLetter | TemplateKind::PayPalClaim => {
            let amount = case.details.amount.as_ref().map(ToString::to_string).unwrap_or_else(|| "[amount]".to_owned());
            let paid = case.details.dates.paid.map(day_text).unwrap_or_else(|| "[date]".to_owned());
            let seller = match case.details.seller.trim() {
                "" => platform.to_owned(),
                seller => format!("{seller} on {platform}"),
            };
            let (to, payer) = if kind == TemplateKind::ChargebackLetter {
                ("To: [your card issuer]\nSubject: Dispute of a card transaction", "Cardholder: [your name]\nCard ending in: [last 4 digits]")
            } else {
                ("To: PayPal Resolution Center\nSubject: Item not received or not as described", "PayPal account: [your email]")
            };
            format!(
                "{to}\n\n{payer}\nTransaction: {amount} on {paid} to {seller}\nOrder number: {}\n\nWhat happened: {problem}. I tried to resolve it with the seller and through {platform}'s dispute process without success.\n\nTimeline:\n{}\n\nI ask for a refund of {amount}.\n\nEnclosed:\n{}\n- The dispute record from {platform}\n\n[your name]",
                case.details.order_number,
                timeline(case),
                evidence_list(case)
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{CaseDetails, CaseId, OrderDates, PaymentMethod};
    use crate::domain::journal::{Channel, Outcome};
    use chrono::{NaiveDate, Utc};

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn case(platform: Platform, problem: Problem) -> Case {
        let details = CaseDetails {
            platform,
            order_number: "8123456789".into(),
            seller: "Best Store".into(),
            item: "Wireless earbuds".into(),
            amount: Some(Money { minor: 2_499, currency: "EUR".into() }),
            payment_method: PaymentMethod::Card,
            dates: OrderDates { paid: Some(day(9, 1)), shipped: Some(day(9, 3)), ..OrderDates::default() },
            protection_ends: None,
            problem,
            wanted: None,
            notes: String::new(),
            tracking_number: String::new(),
            tracking_url: String::new(),
            listing_url: String::new(),
        };
        Case::new(CaseId::new("c"), details, day(9, 25).and_hms_opt(9, 0, 0).unwrap().and_utc())
    }

    #[test]
    fn every_template_for_every_problem_and_platform_names_the_order_and_the_outcome() {
        for platform in Platform::ALL {
            for problem in Problem::ALL {
                let case = case(*platform, *problem);
                for kind in TemplateKind::ALL {
                    let text = compose(*kind, &case, &TemplateInput::default());
                    assert!(text.contains("8123456789"), "{kind:?} {problem:?}: no order number\n{text}");
                    assert!(
                        !text.contains("{") && !text.contains("}"),
                        "{kind:?}: a placeholder was not filled\n{text}"
                    );
                    let names_outcome =
                        ["refund", "replacement", "accept", "decide"].iter().any(|w| text.to_lowercase().contains(w));
                    assert!(names_outcome, "{kind:?} {problem:?}: no outcome\n{text}");
                    // The first message and the dispute description are written on the platform itself.
                    let on_the_platform = matches!(kind, TemplateKind::FirstMessage | TemplateKind::DisputeDescription);
                    if *platform != Platform::OtherMarketplace && !on_the_platform {
                        assert!(text.contains(platform_name(*platform)), "{kind:?}: no platform\n{text}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_first_message_is_polite_and_says_what_went_wrong() {
        let text = compose(
            TemplateKind::FirstMessage,
            &case(Platform::AliExpress, Problem::DamagedOrDefective),
            &TemplateInput::default(),
        );
        assert_eq!(
            text,
            "Hello Best Store,\n\nI am writing about order 8123456789, paid on Tue 1 Sep 2026. Unfortunately, the item \"Wireless earbuds\" arrived damaged or does not work.\n\nCould you please put this right? I would like a full refund of 24.99 EUR. I can send photos or other details if that helps.\n\nThank you for your help."
        );
    }

    #[test]
    fn the_dispute_description_uses_the_platforms_reason_and_the_evidence_list() {
        let mut case = case(Platform::AlibabaTradeAssurance, Problem::WrongItem);
        case.details.wanted = Some(Resolution::ReturnAndRefund);
        let message = Entry::Message {
            channel: Channel::PlatformChat,
            from: Author::Buyer,
            summary: "Asked".into(),
            text: String::new(),
        };
        case.record(day(9, 20), message, Utc::now()).unwrap();
        let text = compose(TemplateKind::DisputeDescription, &case, &TemplateInput::default());
        assert!(text.starts_with("Reason: Incorrect shipment."), "{text}");
        assert!(text.contains("I contacted the seller on Sun 20 Sep 2026"), "{text}");
        assert!(text.contains("I request to return the item for a full refund of 24.99 EUR."), "{text}");
        assert!(text.contains("- Photos of what arrived, with its label"), "{text}");
    }

    #[test]
    fn replies_quote_the_seller_offer_and_the_counter_amount() {
        let mut case = case(Platform::AliExpress, Problem::NotAsDescribed);
        let offer = Entry::Proposal {
            from: Author::Seller,
            resolution: Resolution::PartialRefund,
            amount: Some(Money { minor: 300, currency: "EUR".into() }),
            note: String::new(),
        };
        case.record(day(9, 24), offer, Utc::now()).unwrap();
        let input = TemplateInput { counter_amount: Some(Money { minor: 1_500, currency: "EUR".into() }) };
        let counter = compose(TemplateKind::CounterProposal, &case, &input);
        assert!(
            counter.contains("your proposal of Thu 24 Sep 2026 (partial refund, keep the item) of 3.00 EUR"),
            "{counter}"
        );
        assert!(counter.contains("a partial refund of 15.00 EUR"), "{counter}");
        let without_amount = compose(TemplateKind::CounterProposal, &case, &TemplateInput::default());
        assert!(without_amount.contains("a partial refund of [amount]"));
    }

    #[test]
    fn the_chargeback_letter_summarises_order_problem_timeline_and_evidence() {
        let mut case = case(Platform::AliExpress, Problem::NotReceived);
        case.record_step(Event::DisputeOpened, day(9, 26), Utc::now());
        let decision =
            Entry::Decision { outcome: Outcome::Rejected, amount: None, after_appeal: false, note: String::new() };
        case.record(day(10, 8), decision, Utc::now()).unwrap();
        let letter = compose(TemplateKind::ChargebackLetter, &case, &TemplateInput::default());
        assert!(letter.starts_with("To: [your card issuer]"));
        assert!(letter.contains("Transaction: 24.99 EUR on Tue 1 Sep 2026 to Best Store on AliExpress"), "{letter}");
        assert!(letter.contains("- Tue 1 Sep 2026: Paid\n- Thu 3 Sep 2026: Shipped\n- Sat 26 Sep 2026: Dispute opened\n- Thu 8 Oct 2026: Decision: No refund"), "{letter}");
        assert!(letter.contains("- Screenshots of the tracking page"), "{letter}");
        let appeal = compose(TemplateKind::Appeal, &case, &TemplateInput::default());
        assert!(appeal.contains("I appeal the decision of Thu 8 Oct 2026 (decision: no refund)"), "{appeal}");
        let paypal = compose(TemplateKind::PayPalClaim, &case, &TemplateInput::default());
        assert!(paypal.starts_with("To: PayPal Resolution Center"));
    }
}
