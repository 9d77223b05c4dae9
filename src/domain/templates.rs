//! Messages written for the buyer, filled from the case: polite, factual, with the order number
//! and the outcome wanted, as the guides advise. Evidence is said to be attached only when files
//! really are, and each is named. What the app cannot know is left in [brackets], and the
//! message remembers those placeholders so the buyer is told which are still to fill in.

use std::borrow::Cow;
use std::cell::RefCell;

use chrono::NaiveDate;

use super::advice::reason_advice;
use super::case::{Case, CaseDetails};
use super::evidence::EvidenceItem;
use super::i18n::{fill, MessageLanguage};
use super::journal::{Author, Entry, Outcome, Resolution};
use super::money::Money;
use super::vocabulary::{Event, Platform, Problem};

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

impl TemplateKind {
    /// Whether the message lists the evidence attached to the case.
    pub fn carries_evidence(self) -> bool {
        matches!(
            self,
            TemplateKind::DisputeDescription
                | TemplateKind::EscalationRequest
                | TemplateKind::ChargebackLetter
                | TemplateKind::PayPalClaim
        )
    }
}

/// What the buyer adds before a message is written, and the files attached to the case.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TemplateInput {
    /// The amount of a counter-offer.
    pub counter_amount: Option<Money>,
    /// The case's evidence files: the only ones a message may say are attached.
    pub files: Vec<EvidenceItem>,
    /// The buyer lives in the United Kingdom and Section 75 covers the purchase: the card letter
    /// is written as a Section 75 claim.
    pub section_75: bool,
}

/// A message written for the buyer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    /// What the buyer must fill in before sending ("[your name]"), in the message's language.
    pub placeholders: Vec<String>,
}

impl Message {
    /// The placeholders still in `edited`, the text as the buyer has it now.
    pub fn unfilled<'a>(&'a self, edited: &str) -> Vec<&'a str> {
        self.placeholders.iter().map(String::as_str).filter(|placeholder| edited.contains(placeholder)).collect()
    }
}

/// The "[…]" parts of a template's own words (not of the values put into it).
fn bracketed(pattern: &str) -> impl Iterator<Item = &str> {
    pattern.match_indices('[').filter_map(move |(open, _)| {
        let close = pattern[open..].find(']')?;
        Some(&pattern[open..=open + close])
    })
}

/// The platform as a sentence names it: "AliExpress", a host's marketplace by its name, or "the
/// marketplace" for any other.
pub fn platform_name(details: &CaseDetails, language: MessageLanguage) -> Cow<'static, str> {
    match (details.platform, details.hosted_marketplace()) {
        (Platform::AliExpress, _) => "AliExpress".into(),
        (Platform::AlibabaTradeAssurance, _) => "Alibaba.com".into(),
        (Platform::OtherMarketplace, Some(marketplace)) => marketplace.name.clone().into(),
        (Platform::OtherMarketplace, None) => language.tr("the marketplace").into(),
    }
}

/// How a message is written: for which case, in which language, with which files; it notes the
/// placeholders its words leave for the buyer.
struct Writer<'a> {
    case: &'a Case,
    language: MessageLanguage,
    files: &'a [EvidenceItem],
    placeholders: RefCell<Vec<String>>,
}

impl Writer<'_> {
    fn tr(&self, english: &'static str) -> &'static str {
        let words = self.language.tr(english);
        self.placeholders.borrow_mut().extend(bracketed(words).map(str::to_owned));
        words
    }

    fn trf(&self, english: &'static str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
        fill(self.tr(english), values)
    }

    fn day(&self, day: NaiveDate) -> String {
        self.language.day(day)
    }

    fn item(&self) -> String {
        match self.case.details.item.trim() {
            "" => self.tr("the item").to_owned(),
            item => self.trf("the item \"{item}\"", &[("item", &item)]),
        }
    }

    /// "the item has not arrived", finishing "Unfortunately, ...".
    fn what_went_wrong(&self) -> String {
        let item = self.item();
        match self.case.details.problem {
            Problem::NotReceived => match self.case.details.dates.promised_delivery {
                Some(promised) => self.trf(
                    "{item} has not arrived, although delivery was promised by {day}",
                    &[("item", &item), ("day", &self.day(promised))],
                ),
                None => self.trf("{item} has not arrived", &[("item", &item)]),
            },
            Problem::NotAsDescribed => {
                self.trf("{item} does not match the description in the listing", &[("item", &item)])
            }
            Problem::DamagedOrDefective => self.trf("{item} arrived damaged or does not work", &[("item", &item)]),
            Problem::WrongItem => {
                self.trf("I received a different item from the one I ordered ({item})", &[("item", &item)])
            }
            Problem::Counterfeit => {
                self.trf("{item} is a counterfeit of the branded product the listing offers", &[("item", &item)])
            }
            Problem::MissingParts => self.trf("{item} arrived with parts or items missing", &[("item", &item)]),
            Problem::RefundNotPaid => self.tr("the order was cancelled, but the refund has not been paid").to_owned(),
            Problem::Other => self.trf("there is a problem with {item}", &[("item", &item)]),
        }
    }

    /// The buyer's own description of the problem, quoted as they wrote it, after the app's own
    /// words for it; nothing when they wrote none.
    fn own_words(&self) -> String {
        match self.case.details.description.trim() {
            "" => String::new(),
            description => self.trf(" In my own words: \"{description}\"", &[("description", &description)]),
        }
    }

    fn wanted(&self) -> Resolution {
        self.case
            .details
            .wanted
            .unwrap_or(reason_advice(self.case.details.platform, self.case.details.problem).resolution)
    }

    /// "a full refund of 24.99 USD", finishing "I would like ...".
    fn wanted_text(&self) -> String {
        let amount = self.case.details.amount.as_ref().map(|money| money.text_in(self.language));
        match (self.wanted(), amount) {
            (Resolution::RefundOnly, Some(amount)) => self.trf("a full refund of {amount}", &[("amount", &amount)]),
            (Resolution::RefundOnly, None) => self.tr("a full refund").to_owned(),
            (Resolution::ReturnAndRefund, Some(amount)) => {
                self.trf("to return the item for a full refund of {amount}", &[("amount", &amount)])
            }
            (Resolution::ReturnAndRefund, None) => self.tr("to return the item for a full refund").to_owned(),
            (Resolution::PartialRefund, _) => self.tr("a partial refund").to_owned(),
            (Resolution::Replacement, _) => self.tr("a replacement, sent with tracking").to_owned(),
        }
    }

    fn order_line(&self) -> String {
        let order = &self.case.details.order_number;
        match self.case.details.dates.paid {
            Some(paid) => self.trf("order {order}, paid on {day}", &[("order", order), ("day", &self.day(paid))]),
            None => self.trf("order {order}", &[("order", order)]),
        }
    }

    /// The files attached to the case under `heading` ("Evidence attached:", already in the
    /// message's language), each by its caption (or name) and what it proves; nothing at all when
    /// no file is attached.
    fn evidence_block(&self, heading: &str) -> String {
        if self.files.is_empty() {
            return String::new();
        }
        let lines = self.files.iter().map(|file| {
            let named = if file.caption.trim().is_empty() { file.name.trim() } else { file.caption.trim() };
            match file.proves {
                Some(proof) => format!("- {named} ({})", self.tr(proof.label()).to_lowercase()),
                None => format!("- {named}"),
            }
        });
        format!("\n\n{heading}\n{}", lines.collect::<Vec<_>>().join("\n"))
    }

    /// The dispute's history under "What happened so far:", for a reader who was not there.
    fn history(&self) -> String {
        format!("\n\n{}\n{}", self.tr("What happened so far:"), self.timeline())
    }

    /// What a bank's dispute form asks for, one line each: the category, and the dates it wants
    /// that the case knows (what it should know but does not is a placeholder).
    fn card_dispute_facts(&self, section_75: bool) -> String {
        let details = &self.case.details;
        let mut lines = vec![self.trf("Dispute category: {category}", &[("category", &self.card_category())])];
        if section_75 {
            lines.push(self.tr("I paid by credit card for a purchase over £100 and up to £30,000: under section 75 of the Consumer Credit Act 1974 you are jointly liable with the supplier.").to_owned());
        }
        if details.problem == Problem::NotReceived {
            let expected = match details.dates.promised_delivery {
                Some(day) => self.day(day),
                None => self.tr("[the delivery date the order page promised]").to_owned(),
            };
            lines.push(self.trf("Expected delivery: {day}", &[("day", &expected)]));
        }
        if let Some(day) = self.first_contact() {
            lines.push(self.trf("Merchant contacted: {day}", &[("day", &self.day(day))]));
        }
        if let Some(day) = self.case.date_of(Event::ReturnShipped) {
            lines.push(self.trf(
                "Returned on {day}, tracking number {tracking}",
                &[("day", &self.day(day)), ("tracking", &self.tr("[the return's tracking number]"))],
            ));
        }
        format!("\n{}", lines.join("\n"))
    }

    /// The reason a card issuer's form offers that fits the case, in the message's language.
    fn card_category(&self) -> &'static str {
        let journal = self.case.journal();
        let refund_due = self.case.date_of(Event::RefundIssued).is_some()
            || matches!(
                journal.latest_decision(),
                Some((_, Entry::Decision { outcome: Outcome::FullRefund | Outcome::PartialRefund, .. }))
            );
        match self.case.details.problem {
            Problem::RefundNotPaid => self.tr("Cancelled, but still charged"),
            _ if refund_due => self.tr("Refund promised but not received"),
            Problem::NotReceived => self.tr("Goods not received"),
            _ => self.tr("Not as described or defective"),
        }
    }

    /// The day the buyer first wrote to the seller, or else opened the dispute.
    fn first_contact(&self) -> Option<NaiveDate> {
        self.first_message_to_seller().or_else(|| self.case.date_of(Event::DisputeOpened))
    }

    /// The day the buyer first wrote to the seller (the journal is in the order things happened).
    fn first_message_to_seller(&self) -> Option<NaiveDate> {
        let journal = self.case.journal();
        let first = journal
            .current()
            .into_iter()
            .find(|c| matches!(c.latest.entry, Entry::Message { from: Author::Buyer, .. }));
        first.map(|c| c.latest.on)
    }

    /// The order's story, one dated line per fact and journal entry the reader needs (the
    /// buyer's private notes and hand-set statuses stay out).
    fn timeline(&self) -> String {
        let dates = &self.case.details.dates;
        let facts = [
            (Event::Paid, dates.paid),
            (Event::Shipped, dates.shipped),
            (Event::PromisedDelivery, dates.promised_delivery),
            (Event::Delivered, dates.delivered),
            (Event::ReceiptConfirmed, dates.receipt_confirmed),
        ];
        let mut lines: Vec<(NaiveDate, String)> = facts
            .into_iter()
            .filter_map(|(event, day)| day.map(|day| (day, self.tr(event.label()).to_owned())))
            .collect();
        lines.extend(
            self.case
                .journal()
                .current()
                .iter()
                .filter(|c| !matches!(c.latest.entry, Entry::Note { .. } | Entry::Status { .. }))
                .map(|c| (c.latest.on, c.latest.entry.summary_in(self.language))),
        );
        lines.sort_by_key(|(day, _)| *day);
        lines.into_iter().map(|(day, text)| format!("- {}: {text}", self.day(day))).collect::<Vec<_>>().join("\n")
    }

    fn latest_offer(&self) -> String {
        match self.case.journal().latest_proposal(Author::Seller) {
            Some((entry, Entry::Proposal { resolution, amount, .. })) => {
                let offer = self.tr(resolution.label()).to_lowercase();
                let offer = match amount {
                    Some(money) => format!("{offer}, {}", money.text_in(self.language)),
                    None => offer,
                };
                self.trf("your proposal of {day} ({offer})", &[("day", &self.day(entry.on)), ("offer", &offer)])
            }
            _ => self.tr("your proposal").to_owned(),
        }
    }

    fn greeting(&self) -> String {
        match self.case.details.seller.trim() {
            "" => self.tr("Hello,").to_owned(),
            seller => self.trf("Hello {seller},", &[("seller", &seller)]),
        }
    }

    fn compose(&self, kind: TemplateKind, input: &TemplateInput) -> String {
        let platform = platform_name(&self.case.details, self.language);
        let order = self.order_line();
        let problem = self.what_went_wrong();
        let wanted = self.wanted_text();
        let greeting = self.greeting();
        let own_words = self.own_words();
        let values: [(&str, &dyn std::fmt::Display); 6] = [
            ("greeting", &greeting),
            ("platform", &platform),
            ("order", &order),
            ("problem", &problem),
            ("own_words", &own_words),
            ("wanted", &wanted),
        ];
        match kind {
            TemplateKind::FirstMessage => self.trf(
                "{greeting}\n\nI am writing about {order}. Unfortunately, {problem}.{own_words}\n\nCould you please put this right? I would like {wanted}. I can send photos or other details if that helps.\n\nThank you for your help.",
                &values,
            ),
            TemplateKind::DisputeDescription => self.dispute_description(&values),
            TemplateKind::AcceptProposal | TemplateKind::CounterProposal | TemplateKind::RefuseProposal => {
                self.answer_to_offer(kind, input, &values)
            }
            TemplateKind::EscalationRequest => self.escalation_request(&values),
            TemplateKind::Appeal => self.appeal(&values),
            TemplateKind::ChargebackLetter | TemplateKind::PayPalClaim => self.letter_outside(kind, input, &platform, &values),
        }
    }

    fn dispute_description(&self, values: &Values) -> String {
        let case = self.case;
        let contacted = self
            .first_message_to_seller()
            .map(|day| {
                self.trf(
                    " I contacted the seller on {day}, but the problem was not resolved.",
                    &[("day", &self.day(day))],
                )
            })
            .unwrap_or_default();
        let reason = self.tr(reason_advice(case.details.platform, case.details.problem).reason);
        self.trf(
            "Reason: {reason}.\n\nFor {order}, {problem}.{own_words}{contacted}\n\nI request {wanted}.{evidence}",
            &joined(
                values,
                &[
                    ("reason", &reason),
                    ("contacted", &contacted),
                    ("evidence", &self.evidence_block(self.tr("Evidence attached:"))),
                ],
            ),
        )
    }

    /// Accepting, countering or refusing the seller's latest offer.
    fn answer_to_offer(&self, kind: TemplateKind, input: &TemplateInput, values: &Values) -> String {
        let offer = self.latest_offer();
        match kind {
            TemplateKind::AcceptProposal => self.trf(
                "{greeting}\n\nThank you for {offer}. I accept it. Please process it through {platform} for {order}.\n\nThank you.",
                &joined(values, &[("offer", &offer)]),
            ),
            TemplateKind::CounterProposal => {
                let counter =
                    input.counter_amount.as_ref().map(|money| money.text_in(self.language)).unwrap_or_else(|| self.tr("[amount]").to_owned());
                self.trf(
                    "{greeting}\n\nThank you for {offer}. I cannot accept it, because {problem}.{own_words} I would accept a partial refund of {counter}, processed through {platform} for {order}. If we cannot agree, I will ask {platform} to decide.\n\nThank you.",
                    &joined(values, &[("offer", &offer), ("counter", &counter)]),
                )
            }
            _ => self.trf(
                "{greeting}\n\nThank you for {offer}. I cannot accept it, because {problem}.{own_words} For {order}, I request {wanted}. If we cannot agree, I will ask {platform} to decide.\n\nThank you.",
                &joined(values, &[("offer", &offer)]),
            ),
        }
    }

    fn escalation_request(&self, values: &Values) -> String {
        let case = self.case;
        let opened = match case.date_of(Event::DisputeOpened) {
            Some(day) => {
                self.trf("On {day}, I opened a dispute for {order}.", &joined(values, &[("day", &self.day(day))]))
            }
            None => self.trf("I opened a dispute for {order}.", values),
        };
        let seller = if case.date_of(Event::SellerResponded).is_some() {
            self.tr("The seller and I could not agree.")
        } else {
            self.tr("The seller has not responded within the time allowed.")
        };
        self.trf(
            "Dear {platform} support,\n\n{opened} {seller} In short, {problem}.{own_words}{history}\n\nPlease review the dispute and decide. I request {wanted}.{evidence}\n\nThank you.",
            &joined(
                values,
                &[
                    ("opened", &opened),
                    ("seller", &seller),
                    ("history", &self.history()),
                    ("evidence", &self.evidence_block(self.tr("My evidence:"))),
                ],
            ),
        )
    }

    fn appeal(&self, values: &Values) -> String {
        let decided = self
            .case
            .journal()
            .latest_decision()
            .map(|(entry, decision)| {
                self.trf(
                    "the decision of {day} ({decision})",
                    &[("day", &self.day(entry.on)), ("decision", &decision.summary_in(self.language).to_lowercase())],
                )
            })
            .unwrap_or_else(|| self.tr("the platform's decision").to_owned());
        self.trf(
            "Dear {platform} support,\n\nI appeal {decided} on the dispute for {order}. It does not reflect the problem: {problem}.{own_words}{history}\n\nNew evidence:\n- [describe what is new: photos, a video, a statement]\n\nI request {wanted}.\n\nThank you for reviewing it again.",
            &joined(values, &[("decided", &decided), ("history", &self.history())]),
        )
    }

    /// The card issuer's chargeback (or section 75) letter, or the PayPal claim.
    fn letter_outside(&self, kind: TemplateKind, input: &TemplateInput, platform: &str, values: &Values) -> String {
        let case = self.case;
        let amount = case
            .details
            .amount
            .as_ref()
            .map(|money| money.text_in(self.language))
            .unwrap_or_else(|| self.tr("[amount]").to_owned());
        let paid = case.details.dates.paid.map(|day| self.day(day)).unwrap_or_else(|| self.tr("[date]").to_owned());
        let seller = match case.details.seller.trim() {
            "" => platform.to_string(),
            seller => self.trf("{seller} on {platform}", &[("seller", &seller), ("platform", &platform)]),
        };
        let heading = if kind == TemplateKind::ChargebackLetter && input.section_75 {
            self.tr("To: [your credit card provider]\nSubject: Claim under section 75 of the Consumer Credit Act 1974\n\nCardholder: [your name]\nCard ending in: [last 4 digits]")
        } else if kind == TemplateKind::ChargebackLetter {
            self.tr("To: [your card issuer]\nSubject: Dispute of a card transaction\n\nCardholder: [your name]\nCard ending in: [last 4 digits]")
        } else {
            self.tr("To: PayPal Resolution Center\nSubject: Item not received or not as described\n\nPayPal account: [your email]")
        };
        let facts = if kind == TemplateKind::ChargebackLetter {
            self.card_dispute_facts(input.section_75)
        } else {
            String::new()
        };
        self.trf(
            "{heading}\nTransaction: {amount} on {paid} to {seller}\nOrder number: {number}{facts}\n\nWhat happened: {problem}.{own_words} I tried to resolve it with the seller and through {platform}'s dispute process without success.\n\nTimeline:\n{timeline}\n\nI ask for a refund of {amount}.{evidence}\n\n[your name]",
            &joined(values, &[
                ("heading", &heading),
                ("amount", &amount),
                ("paid", &paid),
                ("seller", &seller),
                ("number", &case.details.order_number),
                ("timeline", &self.timeline()),
                ("facts", &facts),
                ("evidence", &self.evidence_block(self.tr("Enclosed:"))),
            ]),
        )
    }
}

type Values<'a> = [(&'a str, &'a dyn std::fmt::Display)];

fn joined<'a>(first: &Values<'a>, more: &Values<'a>) -> Vec<(&'a str, &'a dyn std::fmt::Display)> {
    [first, more].concat()
}

/// The message `kind`, written for `case` in `language`.
pub fn compose(kind: TemplateKind, case: &Case, input: &TemplateInput, language: MessageLanguage) -> Message {
    let writer = Writer { case, language, files: &input.files, placeholders: RefCell::default() };
    let text = writer.compose(kind, input);
    let mut placeholders = writer.placeholders.into_inner();
    placeholders.sort();
    placeholders.dedup();
    Message { text, placeholders }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{CaseDetails, CaseId, OrderDates};
    use crate::domain::journal::{Channel, Outcome};
    use crate::domain::proof::Proof;
    use crate::support::day;
    use chrono::Utc;

    fn case(platform: Platform, problem: Problem) -> Case {
        let details = CaseDetails {
            platform,
            order_number: "8123456789".into(),
            seller: "Best Store".into(),
            item: "Wireless earbuds".into(),
            amount: Some(Money { minor: 2_499, currency: "EUR".into() }),
            dates: OrderDates { paid: Some(day(2026, 9, 1)), shipped: Some(day(2026, 9, 3)), ..OrderDates::default() },
            problem,
            ..CaseDetails::default()
        };
        Case::new(CaseId::new("c"), details, day(2026, 9, 25).and_hms_opt(9, 0, 0).unwrap().and_utc())
    }

    #[test]
    fn a_hosts_marketplace_is_named_in_the_messages_sent_outside_it() {
        let mut case = case(Platform::OtherMarketplace, Problem::NotReceived);
        case.details.marketplace = Some(crate::domain::site::lumen(30));
        let letter =
            compose(TemplateKind::ChargebackLetter, &case, &TemplateInput::default(), MessageLanguage::English);
        assert!(letter.text.contains("Lumen Market"), "{}", letter.text);
        case.details.marketplace = None;
        let letter =
            compose(TemplateKind::ChargebackLetter, &case, &TemplateInput::default(), MessageLanguage::English);
        assert!(letter.text.contains("the marketplace"), "{}", letter.text);
    }

    #[test]
    fn every_template_for_every_problem_and_platform_names_the_order_and_the_outcome() {
        for platform in Platform::ALL {
            for problem in Problem::ALL {
                let case = case(*platform, *problem);
                for kind in TemplateKind::ALL {
                    let text = compose(*kind, &case, &TemplateInput::default(), MessageLanguage::English).text;
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
                        assert!(
                            text.contains(&*platform_name(&case.details, MessageLanguage::English)),
                            "{kind:?}: no platform\n{text}"
                        );
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
            MessageLanguage::English,
        )
        .text;
        assert_eq!(
            text,
            "Hello Best Store,\n\nI am writing about order 8123456789, paid on Tue 1 Sep 2026. Unfortunately, the item \"Wireless earbuds\" arrived damaged or does not work.\n\nCould you please put this right? I would like a full refund of 24.99 EUR. I can send photos or other details if that helps.\n\nThank you for your help."
        );
    }

    /// The buyer's message to the seller in the platform's chat, as the journal records it.
    fn buyer_wrote(summary: &str) -> Entry {
        Entry::Message {
            channel: Channel::PlatformChat,
            from: Author::Buyer,
            summary: summary.into(),
            text: String::new(),
        }
    }

    /// The seller's offer of a 3 EUR partial refund.
    fn seller_offered_3_eur() -> Entry {
        Entry::Proposal {
            from: Author::Seller,
            resolution: Resolution::PartialRefund,
            amount: Some(Money { minor: 300, currency: "EUR".into() }),
            note: String::new(),
        }
    }

    fn file(name: &str, caption: &str, proves: Option<Proof>) -> EvidenceItem {
        EvidenceItem {
            id: name.into(),
            case_id: CaseId::new("c"),
            name: name.into(),
            mime: "image/png".into(),
            size: 1,
            added_at: Utc::now(),
            caption: caption.into(),
            proves,
            sha256: String::new(),
        }
    }

    #[test]
    fn the_dispute_description_uses_the_platforms_reason_and_the_evidence_list() {
        let mut case = case(Platform::AlibabaTradeAssurance, Problem::WrongItem);
        case.details.wanted = Some(Resolution::ReturnAndRefund);
        case.record(day(2026, 9, 20), buyer_wrote("Asked"), Utc::now()).unwrap();
        let text =
            compose(TemplateKind::DisputeDescription, &case, &TemplateInput::default(), MessageLanguage::English).text;
        assert!(text.starts_with("Reason: Incorrect shipment."), "{text}");
        assert!(text.contains("I contacted the seller on Sun 20 Sep 2026"), "{text}");
        assert!(text.ends_with("I request to return the item for a full refund of 24.99 EUR."), "{text}");

        let files = vec![
            file("IMG_2041.png", "Label on the box: model X2", Some(Proof::WhatArrivedPhotos)),
            file("chat.png", "", None),
        ];
        let input = TemplateInput { files, ..TemplateInput::default() };
        let text = compose(TemplateKind::DisputeDescription, &case, &input, MessageLanguage::English).text;
        assert!(
            text.ends_with("\n\nEvidence attached:\n- Label on the box: model X2 (photos of what arrived, with its label)\n- chat.png"),
            "{text}"
        );
    }

    #[test]
    fn no_message_says_a_file_is_attached_unless_one_is() {
        let claims = ["attached", "Enclosed", "My evidence"];
        for platform in Platform::ALL {
            for problem in Problem::ALL {
                let case = case(*platform, *problem);
                let checklist = crate::domain::evidence::checklist(&case);
                for kind in TemplateKind::ALL {
                    let text = compose(*kind, &case, &TemplateInput::default(), MessageLanguage::English).text;
                    assert!(claims.iter().all(|claim| !text.contains(claim)), "{kind:?} {problem:?}\n{text}");
                    for proof in checklist {
                        assert!(!text.contains(proof.label()), "{kind:?}: a checklist item read as a file\n{text}");
                    }
                    let input =
                        TemplateInput { files: vec![file("photo.png", "The crack", None)], ..TemplateInput::default() };
                    let with_file = compose(*kind, &case, &input, MessageLanguage::English).text;
                    let carries_evidence = matches!(
                        kind,
                        TemplateKind::DisputeDescription
                            | TemplateKind::EscalationRequest
                            | TemplateKind::ChargebackLetter
                            | TemplateKind::PayPalClaim
                    );
                    assert_eq!(with_file.contains("- The crack"), carries_evidence, "{kind:?}\n{with_file}");
                }
            }
        }
    }

    #[test]
    fn every_message_that_states_the_problem_quotes_the_buyers_own_words() {
        let mut case = case(Platform::AliExpress, Problem::DamagedOrDefective);
        case.details.description = "Left earbud does not charge. Case cracked on arrival.".into();
        for kind in TemplateKind::ALL {
            let text = compose(*kind, &case, &TemplateInput::default(), MessageLanguage::English).text;
            let quoted = text.contains("In my own words: \"Left earbud does not charge. Case cracked on arrival.\"");
            assert_eq!(quoted, *kind != TemplateKind::AcceptProposal, "{kind:?}\n{text}");
        }
        let first =
            compose(TemplateKind::FirstMessage, &case, &TemplateInput::default(), MessageLanguage::English).text;
        assert!(first.contains("arrived damaged or does not work. In my own words: \"Left earbud"), "{first}");
        case.details.description.clear();
        let without =
            compose(TemplateKind::FirstMessage, &case, &TemplateInput::default(), MessageLanguage::English).text;
        assert!(!without.contains("own words"), "{without}");
    }

    #[test]
    fn the_card_letter_gives_the_banks_category_and_dates_and_the_letters_carry_the_history() {
        let mut case = case(Platform::AliExpress, Problem::NotAsDescribed);
        case.record(day(2026, 9, 20), buyer_wrote("Sent photos of the scratches"), Utc::now()).unwrap();
        case.record(day(2026, 9, 21), Entry::Note { text: "Private: call the bank on Monday".into() }, Utc::now())
            .unwrap();
        case.record_step(Event::DisputeOpened, day(2026, 9, 22), Utc::now());
        case.record(day(2026, 9, 24), seller_offered_3_eur(), Utc::now()).unwrap();
        case.record_step(Event::Escalated, day(2026, 9, 27), Utc::now());
        let none = TemplateInput::default();
        let escalation = compose(TemplateKind::EscalationRequest, &case, &none, MessageLanguage::English).text;
        assert!(
            escalation.contains("\n\nWhat happened so far:\n- Tue 1 Sep 2026: Paid\n- Thu 3 Sep 2026: Shipped\n- Sun 20 Sep 2026: You wrote (platform chat): Sent photos of the scratches\n- Tue 22 Sep 2026: Dispute opened\n- Thu 24 Sep 2026: The seller proposed: Partial refund, keep the item (3.00 EUR)\n- Sun 27 Sep 2026: Escalated to the platform\n\nPlease review"),
            "{escalation}"
        );
        assert!(!escalation.contains("Private"), "the buyer's notes stay private\n{escalation}");
        let decision =
            Entry::Decision { outcome: Outcome::Rejected, amount: None, after_appeal: false, note: String::new() };
        case.record(day(2026, 10, 8), decision, Utc::now()).unwrap();
        let appeal = compose(TemplateKind::Appeal, &case, &none, MessageLanguage::English).text;
        assert!(
            appeal.contains("What happened so far:\n") && appeal.contains("- Thu 8 Oct 2026: Decision: No refund"),
            "{appeal}"
        );

        let letter = compose(TemplateKind::ChargebackLetter, &case, &none, MessageLanguage::English).text;
        assert!(
            letter.contains("Order number: 8123456789\nDispute category: Not as described or defective\nMerchant contacted: Sun 20 Sep 2026\n\nWhat happened:"),
            "{letter}"
        );
        case.record_step(Event::ReturnShipped, day(2026, 10, 10), Utc::now());
        let letter = compose(TemplateKind::ChargebackLetter, &case, &none, MessageLanguage::English).text;
        assert!(
            letter.contains("Returned on Sat 10 Oct 2026, tracking number [the return's tracking number]"),
            "{letter}"
        );

        let mut lost = self::case(Platform::AliExpress, Problem::NotReceived);
        lost.details.dates.promised_delivery = Some(day(2026, 9, 30));
        let letter = compose(TemplateKind::ChargebackLetter, &lost, &none, MessageLanguage::English).text;
        assert!(
            letter.contains("Dispute category: Goods not received\nExpected delivery: Wed 30 Sep 2026"),
            "{letter}"
        );
        let refunded =
            Entry::Decision { outcome: Outcome::FullRefund, amount: None, after_appeal: false, note: String::new() };
        lost.record(day(2026, 10, 2), refunded, Utc::now()).unwrap();
        let letter = compose(TemplateKind::ChargebackLetter, &lost, &none, MessageLanguage::English).text;
        assert!(letter.contains("Dispute category: Refund promised but not received"), "{letter}");
        let cancelled = self::case(Platform::AliExpress, Problem::RefundNotPaid);
        let letter = compose(TemplateKind::ChargebackLetter, &cancelled, &none, MessageLanguage::English).text;
        assert!(letter.contains("Dispute category: Cancelled, but still charged"), "{letter}");
        let paypal = compose(TemplateKind::PayPalClaim, &cancelled, &none, MessageLanguage::English).text;
        assert!(!paypal.contains("Dispute category"), "PayPal asks its own questions\n{paypal}");
    }

    #[test]
    fn a_message_knows_the_placeholders_the_buyer_must_fill() {
        let mut case = case(Platform::AliExpress, Problem::NotReceived);
        case.details.dates.promised_delivery = Some(day(2026, 9, 30));
        let letter =
            compose(TemplateKind::ChargebackLetter, &case, &TemplateInput::default(), MessageLanguage::English);
        assert_eq!(letter.placeholders, ["[last 4 digits]", "[your card issuer]", "[your name]"]);
        assert_eq!(letter.unfilled(&letter.text), ["[last 4 digits]", "[your card issuer]", "[your name]"]);
        let filled = letter.text.replace("[your name]", "Ana Ruiz").replace("[last 4 digits]", "4242");
        assert_eq!(letter.unfilled(&filled), ["[your card issuer]"]);
        // A bracket the buyer typed into the case is theirs, not a placeholder.
        let mut bracketed_item = case.clone();
        bracketed_item.details.item = "Lamp [2 pack]".into();
        let first =
            compose(TemplateKind::FirstMessage, &bracketed_item, &TemplateInput::default(), MessageLanguage::English);
        assert!(first.text.contains("[2 pack]") && first.placeholders.is_empty(), "{first:?}");
    }

    #[test]
    fn replies_quote_the_seller_offer_and_the_counter_amount() {
        let mut case = case(Platform::AliExpress, Problem::NotAsDescribed);
        case.record(day(2026, 9, 24), seller_offered_3_eur(), Utc::now()).unwrap();
        let input = TemplateInput {
            counter_amount: Some(Money { minor: 1_500, currency: "EUR".into() }),
            ..TemplateInput::default()
        };
        let counter = compose(TemplateKind::CounterProposal, &case, &input, MessageLanguage::English).text;
        assert!(
            counter.contains("your proposal of Thu 24 Sep 2026 (partial refund, keep the item, 3.00 EUR)"),
            "{counter}"
        );
        assert!(counter.contains("a partial refund of 15.00 EUR"), "{counter}");
        let without_amount =
            compose(TemplateKind::CounterProposal, &case, &TemplateInput::default(), MessageLanguage::English).text;
        assert!(without_amount.contains("a partial refund of [amount]"));
    }

    #[test]
    fn the_chargeback_letter_summarises_order_problem_timeline_and_evidence() {
        let mut case = case(Platform::AliExpress, Problem::NotReceived);
        case.record_step(Event::DisputeOpened, day(2026, 9, 26), Utc::now());
        let decision =
            Entry::Decision { outcome: Outcome::Rejected, amount: None, after_appeal: false, note: String::new() };
        case.record(day(2026, 10, 8), decision, Utc::now()).unwrap();
        let letter =
            compose(TemplateKind::ChargebackLetter, &case, &TemplateInput::default(), MessageLanguage::English).text;
        assert!(letter.starts_with("To: [your card issuer]"));
        assert!(letter.contains("Transaction: 24.99 EUR on Tue 1 Sep 2026 to Best Store on AliExpress"), "{letter}");
        assert!(letter.contains("- Tue 1 Sep 2026: Paid\n- Thu 3 Sep 2026: Shipped\n- Sat 26 Sep 2026: Dispute opened\n- Thu 8 Oct 2026: Decision: No refund"), "{letter}");
        assert!(!letter.contains("Enclosed"), "no file, nothing enclosed\n{letter}");
        let appeal = compose(TemplateKind::Appeal, &case, &TemplateInput::default(), MessageLanguage::English).text;
        assert!(appeal.contains("I appeal the decision of Thu 8 Oct 2026 (decision: no refund)"), "{appeal}");
        let paypal =
            compose(TemplateKind::PayPalClaim, &case, &TemplateInput::default(), MessageLanguage::English).text;
        assert!(paypal.starts_with("To: PayPal Resolution Center"));
    }
}
