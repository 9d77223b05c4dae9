//! The words every part of the core shares about an order and its dispute: where it was
//! ordered, how it was paid, what went wrong, whether it had free returns, where the case stands
//! and what happened on which day.

use super::i18n::tr;

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
    /// Whether the listing offered the platform's own free returns: AliExpress's "Free Returns"
    /// (its window depends on where the seller is based) or Alibaba.com's "Easy Return".
    FreeReturns {
        Unknown => "unknown", "Not sure";
        No => "no", "No";
        FromChina => "china", "Yes, seller in mainland China (90 days from payment)";
        FromEurope => "europe", "Yes, seller in the EU (15 days from receipt)";
        FromBrazil => "brazil", "Yes, seller in Brazil (7 days from receipt)";
        EasyReturn => "easy_return", "Yes (30 days from receipt, for a quality problem)";
    }
}

impl FreeReturns {
    /// The answers that fit a platform's own programme (none beyond "not sure" elsewhere).
    pub fn offered_on(platform: Platform) -> &'static [FreeReturns] {
        use FreeReturns::*;
        match platform {
            Platform::AliExpress => &[Unknown, No, FromChina, FromEurope, FromBrazil],
            Platform::AlibabaTradeAssurance => &[Unknown, No, EasyReturn],
            Platform::OtherMarketplace => &[Unknown],
        }
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

impl Problem {
    /// Whether something arrived that the buyer could send back.
    pub fn goods_arrived(self) -> bool {
        !matches!(self, Problem::NotReceived | Problem::RefundNotPaid)
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

choices! {
    /// Something that happened to the order or the dispute, on a known day.
    Event {
        Paid => "paid", "Paid";
        Shipped => "shipped", "Shipped";
        PromisedDelivery => "promised_delivery", "Promised delivery";
        Delivered => "delivered", "Delivered";
        ReceiptConfirmed => "receipt_confirmed", "Receipt confirmed";
        DisputeOpened => "dispute_opened", "Dispute opened";
        SellerResponded => "seller_responded", "Seller responded";
        BuyerAnswered => "buyer_answered", "You answered the seller";
        Escalated => "escalated", "Escalated to the platform";
        DecisionIssued => "decision_issued", "Decision issued";
        AppealFiled => "appeal_filed", "Appeal filed";
        ReturnAgreed => "return_agreed", "Return agreed";
        ReturnShipped => "return_shipped", "Return shipped";
        RefundIssued => "refund_issued", "Refund issued";
        RefundReceived => "refund_received", "Refund received";
        CardStatement => "card_statement", "Card statement showing the charge";
        ChargebackFiled => "chargeback_filed", "Chargeback filed";
        FcbaNoticeSent => "fcba_notice_sent", "Billing-error notice sent to the card issuer";
        PayPalDisputeOpened => "paypal_dispute_opened", "PayPal dispute opened";
        PayPalEscalated => "paypal_escalated", "PayPal dispute escalated to a claim";
        CompensationClaimed => "compensation_claimed", "On-time delivery compensation claimed";
        RefundAgreed => "refund_agreed", "Refund agreed";
    }
}

impl Event {
    /// Words that complete "days after ...".
    pub fn phrase(self) -> &'static str {
        match self {
            Event::Paid => tr("payment"),
            Event::Shipped => tr("shipment"),
            Event::PromisedDelivery => tr("the promised delivery date"),
            Event::Delivered => tr("delivery"),
            Event::ReceiptConfirmed => tr("you confirmed receipt"),
            Event::DisputeOpened => tr("the dispute was opened"),
            Event::SellerResponded => tr("the seller responded"),
            Event::BuyerAnswered => tr("you answered the seller"),
            Event::Escalated => tr("escalation"),
            Event::DecisionIssued => tr("the decision"),
            Event::AppealFiled => tr("the appeal"),
            Event::ReturnAgreed => tr("the return was agreed"),
            Event::ReturnShipped => tr("the return was shipped"),
            Event::RefundIssued => tr("the refund was issued"),
            Event::RefundReceived => tr("the refund arrived"),
            Event::CardStatement => tr("the card statement date"),
            Event::ChargebackFiled => tr("the chargeback was filed"),
            Event::FcbaNoticeSent => tr("the notice was sent"),
            Event::PayPalDisputeOpened => tr("the PayPal dispute was opened"),
            Event::PayPalEscalated => tr("the PayPal escalation"),
            Event::CompensationClaimed => tr("the compensation claim"),
            Event::RefundAgreed => tr("the refund was agreed"),
        }
    }

    /// The status a case reaches once this step has happened.
    pub fn status_after(self) -> Option<Status> {
        match self {
            Event::DisputeOpened | Event::SellerResponded | Event::BuyerAnswered => Some(Status::DisputeOpen),
            Event::Escalated => Some(Status::Escalated),
            Event::DecisionIssued => Some(Status::DecisionIssued),
            Event::AppealFiled => Some(Status::Appealed),
            Event::ReturnAgreed | Event::ReturnShipped => Some(Status::ReturnInProgress),
            Event::RefundAgreed | Event::RefundIssued => Some(Status::AwaitingRefund),
            Event::RefundReceived => Some(Status::Resolved),
            _ => None,
        }
    }

    /// Facts about the order itself, entered on the case form; the others are steps recorded later.
    pub fn is_order_fact(self) -> bool {
        matches!(
            self,
            Event::Paid | Event::Shipped | Event::PromisedDelivery | Event::Delivered | Event::ReceiptConfirmed
        )
    }
}

// `choices!` makes the enum, and its variants take no `#[default]`.
#[allow(clippy::derivable_impls)]
impl Default for Status {
    fn default() -> Self {
        Status::New
    }
}

#[allow(clippy::derivable_impls)]
impl Default for FreeReturns {
    fn default() -> Self {
        FreeReturns::Unknown
    }
}
