//! The deadlines the app tracks, who must act before each, and what the buyer can still do
//! once one has passed.

use super::i18n::tr;
use super::vocabulary::Event;

/// Who has to act before a deadline passes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Party {
    Buyer,
    Seller,
    Platform,
    Bank,
}

impl Party {
    /// Who must act on a deadline, as the end of a sentence ("the seller must act").
    pub fn must_act(self) -> &'static str {
        match self {
            Party::Buyer => tr("you must act"),
            Party::Seller => tr("the seller must act"),
            Party::Platform => tr("the platform must act"),
            Party::Bank => tr("the bank must act"),
        }
    }
}

choices! {
    /// A deadline the app tracks, in the order a dispute usually meets them.
    DeadlineKind {
        OpenDispute => "open_dispute", "Last day to open a dispute";
        FreeReturn => "free_return", "Last day to ask for a free return";
        OnTimeClaim => "on_time_claim", "Last day to claim on-time delivery compensation";
        SellerResponse => "seller_response", "Seller must respond";
        AnswerProposal => "answer_proposal", "Answer the seller's proposal";
        PlatformStepsIn => "platform_steps_in", "Platform steps in";
        ExpectedDecision => "expected_decision", "Decision expected";
        Appeal => "appeal", "Last day to appeal";
        ShipReturn => "ship_return", "Ship the return";
        RefundStarts => "refund_starts", "Refund should have started";
        RefundArrival => "refund_arrival", "Refund should have arrived";
        Chargeback => "chargeback", "Last day for a card chargeback";
        FcbaNotice => "fcba_notice", "Billing-error notice to the card issuer (US)";
        PayPalDispute => "paypal_dispute", "Last day to open a PayPal dispute";
        PayPalEscalation => "paypal_escalation", "Escalate the PayPal dispute to a claim";
    }
}

impl DeadlineKind {
    pub fn party(self) -> Party {
        match self {
            DeadlineKind::SellerResponse => Party::Seller,
            DeadlineKind::PlatformStepsIn | DeadlineKind::ExpectedDecision | DeadlineKind::RefundStarts => {
                Party::Platform
            }
            DeadlineKind::RefundArrival => Party::Bank,
            _ => Party::Buyer,
        }
    }

    /// The events that show this deadline's step was done.
    pub fn met_by(self) -> &'static [Event] {
        match self {
            DeadlineKind::OpenDispute => &[Event::DisputeOpened],
            DeadlineKind::FreeReturn => &[Event::ReturnAgreed, Event::ReturnShipped],
            DeadlineKind::OnTimeClaim => &[Event::CompensationClaimed],
            DeadlineKind::SellerResponse => &[Event::SellerResponded],
            DeadlineKind::AnswerProposal => &[Event::BuyerAnswered, Event::Escalated, Event::DecisionIssued],
            DeadlineKind::PlatformStepsIn => &[Event::Escalated, Event::DecisionIssued],
            DeadlineKind::ExpectedDecision => &[Event::DecisionIssued],
            DeadlineKind::Appeal => &[Event::AppealFiled],
            DeadlineKind::ShipReturn => &[Event::ReturnShipped],
            DeadlineKind::RefundStarts => &[Event::RefundIssued, Event::RefundReceived],
            DeadlineKind::RefundArrival => &[Event::RefundReceived],
            DeadlineKind::Chargeback => &[Event::ChargebackFiled],
            DeadlineKind::FcbaNotice => &[Event::FcbaNoticeSent],
            DeadlineKind::PayPalDispute => &[Event::PayPalDisputeOpened],
            DeadlineKind::PayPalEscalation => &[Event::PayPalEscalated],
        }
    }

    /// A step on the platform, which keeps the platform's clock (the payment rails keep the buyer's).
    pub fn is_platform_step(self) -> bool {
        !matches!(
            self,
            DeadlineKind::RefundArrival
                | DeadlineKind::Chargeback
                | DeadlineKind::FcbaNotice
                | DeadlineKind::PayPalDispute
                | DeadlineKind::PayPalEscalation
        )
    }

    /// A step of the platform's own dispute, which stops mattering once the dispute is closed
    /// (a free return and a compensation claim are not part of it: they stay open after a dispute lost).
    pub fn ends_with_the_dispute(self) -> bool {
        self.is_platform_step() && !matches!(self, DeadlineKind::FreeReturn | DeadlineKind::OnTimeClaim)
    }

    /// What the buyer should do, or expect, when this deadline passes without its step.
    pub fn if_missed(self) -> &'static str {
        match self {
            DeadlineKind::OpenDispute => tr("The platform no longer takes a dispute; your card or PayPal may still help."),
            DeadlineKind::FreeReturn => {
                tr("The free return is no longer offered; a dispute, your card or your country's law may still help.")
            }
            DeadlineKind::OnTimeClaim => {
                tr("The compensation can no longer be claimed; the refund for an order that never came is a separate request.")
            }
            DeadlineKind::SellerResponse => {
                tr("The seller did not answer in time: the platform should decide for you or refund you. Escalate if nothing happens.")
            }
            DeadlineKind::AnswerProposal => tr("If you did not answer, the seller's proposal may stand. Check the dispute page."),
            DeadlineKind::PlatformStepsIn => tr("The platform has not stepped in yet: escalate the dispute or contact support."),
            DeadlineKind::ExpectedDecision => tr("The decision is late: contact the platform's support with your dispute number."),
            DeadlineKind::Appeal => tr("The decision is final on the platform; your card or PayPal may still help."),
            DeadlineKind::ShipReturn => tr("If the return was not shipped in time, the payment may go to the seller."),
            DeadlineKind::RefundStarts => {
                tr("The refund has not started: contact the supplier, then the platform's service team, with your order number.")
            }
            DeadlineKind::RefundArrival => {
                tr("The refund is late: ask the platform for the refund reference and give it to your bank.")
            }
            DeadlineKind::Chargeback => tr("Your card issuer may no longer accept a chargeback; ask them anyway."),
            DeadlineKind::FcbaNotice => tr("The Fair Credit Billing Act protection has lapsed; a chargeback may still work."),
            DeadlineKind::PayPalDispute => tr("PayPal no longer takes a dispute for this payment."),
            DeadlineKind::PayPalEscalation => tr("PayPal closes a dispute that is not escalated in time."),
        }
    }
}
