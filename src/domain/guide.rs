//! "What to do now": one next step for a case, computed from what the journal says happened and
//! from the deadline chain, with the deadline it races, the reason, the buttons that record it done,
//! the warnings that matter at that step and the messages to send.

use chrono::NaiveDate;

use super::advice::{reason_advice, ReasonAdvice, Warning};
use super::case::Case;
use super::deadline::{Chain, Deadline, NotBefore, State};
use super::deadline_kind::DeadlineKind;
use super::i18n::day_text;
use super::i18n::{tr, trf, MessageLanguage};
use super::journal::{Author, Entry, Outcome, Resolution};
use super::money::Money;
use super::rules::RULES;
use super::templates::{platform_name, TemplateKind};
use super::vocabulary::{Event, FreeReturns, PaymentMethod, Platform, Problem, Status};

/// Where the buyer is on the path the guides describe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stage {
    FirstContact,
    OpenTheDispute,
    WaitForSeller,
    AnswerProposal,
    SellerSilent,
    WaitForDecision,
    DecisionMade,
    WaitForAppeal,
    ShipReturn,
    WaitForRefund,
    /// The dispute window has passed (or the dispute was lost) while a free return is still open.
    FreeReturn,
    LastResort,
    Done,
}

/// Something the buyer tells the app has happened; each writes journal entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    MessagedSeller,
    SolvedWithSeller,
    OpenedDispute,
    SellerProposed,
    AcceptedProposal,
    AnsweredProposal,
    Escalated,
    PlatformDecided,
    Appealed,
    AcceptedDecision,
    ShippedReturn,
    StartedFreeReturn,
    ClaimedCompensation,
    RefundIssued,
    RefundArrived,
    FiledChargeback,
    SentFcbaNotice,
    OpenedPayPalDispute,
    EscalatedPayPal,
    GaveUp,
}

/// What an action asks the buyer for, besides the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asks {
    DayOnly,
    Message,
    /// A resolution and maybe an amount.
    Proposal,
    /// An outcome and maybe an amount.
    Decision,
}

/// The details an action form collects.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActionInput {
    pub summary: String,
    pub resolution: Option<Resolution>,
    pub outcome: Option<Outcome>,
    pub amount: Option<Money>,
}

impl Action {
    pub fn label(self) -> &'static str {
        match self {
            Action::MessagedSeller => tr("I messaged the seller"),
            Action::SolvedWithSeller => tr("The seller put it right"),
            Action::OpenedDispute => tr("I opened the dispute"),
            Action::SellerProposed => tr("The seller proposed…"),
            Action::AcceptedProposal => tr("I accepted the proposal"),
            Action::AnsweredProposal => tr("I refused or made a counter-offer"),
            Action::Escalated => tr("I escalated to the platform"),
            Action::PlatformDecided => tr("The platform decided…"),
            Action::Appealed => tr("I appealed"),
            Action::AcceptedDecision => tr("I accept the decision"),
            Action::ShippedReturn => tr("I shipped the return"),
            Action::StartedFreeReturn => tr("I asked for a free return"),
            Action::ClaimedCompensation => tr("I claimed the on-time compensation"),
            Action::RefundIssued => tr("The refund was issued"),
            Action::RefundArrived => tr("The refund arrived"),
            Action::FiledChargeback => tr("I filed a chargeback"),
            Action::SentFcbaNotice => tr("I sent the billing-error notice"),
            Action::OpenedPayPalDispute => tr("I opened a PayPal dispute"),
            Action::EscalatedPayPal => tr("I escalated the PayPal dispute"),
            Action::GaveUp => tr("Close the case without a refund"),
        }
    }

    pub fn asks(self) -> Asks {
        match self {
            Action::MessagedSeller => Asks::Message,
            Action::SellerProposed | Action::AnsweredProposal => Asks::Proposal,
            Action::PlatformDecided => Asks::Decision,
            _ => Asks::DayOnly,
        }
    }

    /// The journal entries that record this action for `case`.
    pub fn entries(self, case: &Case, input: &ActionInput) -> Vec<Entry> {
        let step = |event| vec![Entry::Step { event }];
        let status = |to| Entry::Status { to };
        let wanted =
            case.details.wanted.unwrap_or(reason_advice(case.details.platform, case.details.problem).resolution);
        match self {
            Action::MessagedSeller => vec![Entry::Message {
                channel: super::journal::Channel::PlatformChat,
                from: Author::Buyer,
                summary: if input.summary.trim().is_empty() {
                    tr("Told the seller about the problem").to_owned()
                } else {
                    input.summary.trim().to_owned()
                },
                text: String::new(),
            }],
            Action::SolvedWithSeller => vec![status(Status::Resolved)],
            Action::OpenedDispute => step(Event::DisputeOpened),
            Action::SellerProposed | Action::AnsweredProposal => vec![Entry::Proposal {
                from: if self == Action::SellerProposed { Author::Seller } else { Author::Buyer },
                resolution: input.resolution.unwrap_or(wanted),
                amount: input.amount.clone(),
                note: String::new(),
            }],
            Action::AcceptedProposal => {
                let offer = case.journal().latest_proposal(Author::Seller).map(|(_, entry)| entry.clone());
                let (resolution, amount) = match offer {
                    Some(Entry::Proposal { resolution, amount, .. }) => (resolution, amount),
                    _ => (wanted, None),
                };
                let accepted = Entry::Proposal {
                    from: Author::Buyer,
                    resolution,
                    amount,
                    note: tr("Accepted the seller's proposal").to_owned(),
                };
                let then = match resolution {
                    Resolution::ReturnAndRefund => Entry::Step { event: Event::ReturnAgreed },
                    Resolution::Replacement => status(Status::Resolved),
                    Resolution::RefundOnly | Resolution::PartialRefund => Entry::Step { event: Event::RefundAgreed },
                };
                vec![accepted, then]
            }
            Action::Escalated => step(Event::Escalated),
            Action::PlatformDecided => vec![Entry::Decision {
                outcome: input.outcome.unwrap_or(Outcome::Rejected),
                amount: input.amount.clone(),
                after_appeal: case.date_of(Event::AppealFiled).is_some(),
                note: String::new(),
            }],
            Action::Appealed => step(Event::AppealFiled),
            Action::AcceptedDecision => match latest_outcome(case) {
                Some(Outcome::ReturnForRefund) => step(Event::ReturnAgreed),
                Some(Outcome::Rejected) | None => vec![status(Status::ClosedWithoutRefund)],
                Some(Outcome::FullRefund | Outcome::PartialRefund) => step(Event::RefundAgreed),
            },
            Action::ShippedReturn => step(Event::ReturnShipped),
            Action::StartedFreeReturn => step(Event::ReturnAgreed),
            Action::ClaimedCompensation => step(Event::CompensationClaimed),
            Action::RefundIssued => step(Event::RefundIssued),
            Action::RefundArrived => step(Event::RefundReceived),
            Action::FiledChargeback => step(Event::ChargebackFiled),
            Action::SentFcbaNotice => step(Event::FcbaNoticeSent),
            Action::OpenedPayPalDispute => step(Event::PayPalDisputeOpened),
            Action::EscalatedPayPal => step(Event::PayPalEscalated),
            Action::GaveUp => vec![status(Status::ClosedWithoutRefund)],
        }
    }
}

fn latest_outcome(case: &Case) -> Option<Outcome> {
    match case.journal().latest_decision() {
        Some((_, Entry::Decision { outcome, .. })) => Some(*outcome),
        _ => None,
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guidance {
    pub stage: Stage,
    pub title: String,
    pub why: String,
    /// The deadline this step races against.
    pub races: Option<Deadline>,
    pub actions: Vec<Action>,
    pub warnings: Vec<Warning>,
    pub templates: Vec<TemplateKind>,
    /// Which reason and resolution to choose, while the dispute is still to be opened.
    pub advice: Option<ReasonAdvice>,
    /// The payment fallbacks still open, once the platform route is closed.
    pub fallbacks: Vec<Deadline>,
}

impl Guidance {
    /// Whether the step's deadline is within 48 hours or already passed: then nothing that
    /// warns about this step may be folded away.
    pub fn is_pressing(&self) -> bool {
        self.races.as_ref().is_some_and(|deadline| matches!(deadline.state, State::DueSoon | State::Missed))
    }
}

fn stage_of(case: &Case, chain: &Chain) -> Stage {
    let done = |event| case.date_of(event).is_some();
    let missed = |kind| chain.get(kind).is_some_and(|d| d.state == State::Missed);
    let seller_offer = case.journal().latest_proposal(Author::Seller);
    let buyer_answer = case.journal().latest_proposal(Author::Buyer);
    let last_resort =
        if open_deadline(chain, DeadlineKind::FreeReturn).is_some() { Stage::FreeReturn } else { Stage::LastResort };
    match case.status() {
        Status::Resolved => return Stage::Done,
        Status::ClosedWithoutRefund => return last_resort,
        _ => {}
    }
    if done(Event::RefundIssued) || done(Event::ReturnShipped) || case.status() == Status::AwaitingRefund {
        Stage::WaitForRefund
    } else if done(Event::ReturnAgreed) {
        Stage::ShipReturn
    } else if case.journal().latest_decision().is_some() {
        if done(Event::AppealFiled)
            && !matches!(case.journal().latest_decision(), Some((_, Entry::Decision { after_appeal: true, .. })))
        {
            Stage::WaitForAppeal
        } else {
            Stage::DecisionMade
        }
    } else if done(Event::AppealFiled) {
        Stage::WaitForAppeal
    } else if done(Event::Escalated) {
        Stage::WaitForDecision
    } else if done(Event::DisputeOpened) {
        let unanswered = match (seller_offer, buyer_answer) {
            (Some((offer, _)), Some((answer, _))) => (answer.on, answer.id) < (offer.on, offer.id),
            (Some(_), None) => true,
            (None, _) => false,
        };
        if unanswered {
            Stage::AnswerProposal
        } else if !done(Event::SellerResponded) && missed(DeadlineKind::SellerResponse) {
            Stage::SellerSilent
        } else {
            Stage::WaitForSeller
        }
    } else if missed(DeadlineKind::OpenDispute) {
        last_resort
    } else if case.status() == Status::TalkingToSeller {
        Stage::OpenTheDispute
    } else {
        Stage::FirstContact
    }
}

/// The platform's own free return, offered beside the dispute until `last_day`.
fn free_return_offer(platform: Platform, last_day: NaiveDate) -> String {
    let day = day_text(last_day);
    match platform {
        Platform::AlibabaTradeAssurance => trf(
            "This product was marked \"Easy Return\": for a quality problem you can also send it back free until {day}, from the order page.",
            &[("day", &day)],
        ),
        _ => trf(
            "This item was sold with \"Free Returns\": you can also simply send it back, for any reason, until {day} (\"Return/refunds\" on the order page).",
            &[("day", &day)],
        ),
    }
}

/// The step's title and why once the platform's free return is all the platform still offers.
fn free_return_step(platform: Platform, platform_name: &str, by: &str) -> (String, String) {
    let values: &[(&str, &dyn std::fmt::Display)] = &[("platform", &platform_name), ("by", &by)];
    match platform {
        Platform::AlibabaTradeAssurance => (
            trf("Send it back with Easy Return{by}", values),
            trf(
                "The dispute is no longer open to you, but this product was marked \"Easy Return\": {platform} takes it back free for a quality problem{by}. Start the return from the order page, send it with tracking, and record the day here.",
                values,
            ),
        ),
        _ => (
            trf("Send it back with Free Returns{by}", values),
            trf(
                "The dispute is no longer open to you, but this item was sold with \"Free Returns\": {platform} takes it back for any reason{by}. On the order page choose \"Return/refunds\", then send it complete and unused within the time the page gives, and record the day here.",
                values,
            ),
        ),
    }
}

/// The deadline `kind` of the case while it is still open: the free return, if the listing showed
/// "Free Returns"; Alibaba.com's on-time delivery compensation, while it can be claimed.
fn open_deadline(chain: &Chain, kind: DeadlineKind) -> Option<&Deadline> {
    chain.get(kind).filter(|deadline| deadline.state.is_open())
}

/// What else the buyer can ask for beside the dispute, each named for what it is (a free return
/// instead of it, compensation for lateness on top of the refund), and once the dispute window has
/// passed on an AliExpress order whose listing the buyer has not described, the question.
fn beside_the_dispute(case: &Case, chain: &Chain, stage: Stage) -> Vec<String> {
    let before_the_dispute = matches!(stage, Stage::FirstContact | Stage::OpenTheDispute);
    let mut texts = Vec::new();
    match open_deadline(chain, DeadlineKind::FreeReturn) {
        Some(deadline) if before_the_dispute => texts.push(free_return_offer(case.details.platform, deadline.last_day)),
        Some(_) => {}
        None if stage == Stage::LastResort
            && case.details.platform == Platform::AliExpress
            && case.details.free_returns == FreeReturns::Unknown
            && case.details.problem.goods_arrived() =>
        {
            texts.push(tr("If the listing showed \"Free Returns\", say so on the case form: AliExpress may still take the item back, for up to 90 days after payment.").to_owned())
        }
        None => {}
    }
    let promised = case.details.dates.promised_delivery.filter(|_| {
        before_the_dispute
            && case.details.platform == Platform::AliExpress
            && case.details.problem == Problem::NotReceived
    });
    if let Some(promised) = promised {
        texts.push(trf(
            "The order was promised by {day}: if it has not come by then, say so in the dispute, with that date.",
            &[("day", &day_text(promised))],
        ));
    }
    if let Some(claim) =
        open_deadline(chain, DeadlineKind::OnTimeClaim).filter(|_| before_the_dispute || stage == Stage::LastResort)
    {
        texts.push(trf(
            "If the product was marked \"Guaranteed delivery\", you can also claim Alibaba.com's on-time delivery compensation until {day}: a credit of up to USD 100 for future orders, on top of your refund, not instead of it.",
            &[("day", &day_text(claim.last_day))],
        ));
    }
    texts
}

/// The buttons that record a payment fallback used, one per window still open.
fn fallback_actions(fallbacks: &[Deadline]) -> impl Iterator<Item = Action> + '_ {
    fallbacks.iter().filter_map(|d| match d.kind {
        DeadlineKind::Chargeback => Some(Action::FiledChargeback),
        DeadlineKind::FcbaNotice => Some(Action::SentFcbaNotice),
        DeadlineKind::PayPalDispute => Some(Action::OpenedPayPalDispute),
        DeadlineKind::PayPalEscalation => Some(Action::EscalatedPayPal),
        _ => None,
    })
}

/// Why the buyer must wait before opening the dispute, and what to do meanwhile.
fn waiting_text(not_before: &NotBefore, platform: &str) -> String {
    let first = trf(
        "{platform} lets you open a \"not received\" dispute from {day} ({basis}).",
        &[("platform", &platform), ("day", &day_text(not_before.day)), ("basis", &not_before.basis())],
    );
    let transit = not_before
        .while_in_transit
        .map(|promised| {
            trf(
                " While tracking still moves, it waits for the promised delivery date, {day}.",
                &[("day", &day_text(promised))],
            )
        })
        .unwrap_or_default();
    format!("{first}{transit} {}", tr("Until then, keep the seller's answers and screenshots of the tracking page."))
}

/// How long a refund takes by the platform's rule (from its shortest value seen to the value the
/// app waits for), and what to do once that has passed.
fn refund_wait_text(case: &Case, by: &str, platform: &str) -> String {
    let rule = RULES.iter().find(|rule| rule.sets == DeadlineKind::RefundArrival && rule.applies_to(case));
    match rule {
        Some(rule) => trf(
            "Refunds take {low} to {high} business days to reach your account. If it has not arrived{by}, ask {platform} for the refund reference and give it to your bank.",
            &[("low", &rule.range_seen.0), ("high", &rule.days), ("by", &by), ("platform", &platform)],
        ),
        None => trf(
            "Refunds can take a few weeks to reach your account. If it has not arrived{by}, ask {platform} for the refund reference and give it to your bank.",
            &[("by", &by), ("platform", &platform)],
        ),
    }
}

/// What every stage's step reads: the case, its chain, the platform's name and advice, and the
/// payment fallbacks still open once the platform route is closed.
struct Context<'a> {
    case: &'a Case,
    chain: &'a Chain,
    platform_name: &'a str,
    advice: &'a ReasonAdvice,
    fallbacks: &'a [Deadline],
}

impl Context<'_> {
    /// A deadline of the chain that still concerns the case (open, missed or expected).
    fn open(&self, kind: DeadlineKind) -> Option<Deadline> {
        self.chain.get(kind).filter(|deadline| deadline.state.still_matters()).cloned()
    }

    fn last_day(&self, kind: DeadlineKind) -> Option<String> {
        self.open(kind).map(|deadline| day_text(deadline.last_day))
    }

    /// " by Mon 2 Nov 2026", or nothing while the deadline has no date.
    fn by(&self, kind: DeadlineKind) -> String {
        self.last_day(kind).map(|day| trf(" by {day}", &[("day", &day)])).unwrap_or_default()
    }
}

/// One stage's step, before what several stages share is added to it.
struct Step {
    title: String,
    why: String,
    races: Option<Deadline>,
    actions: Vec<Action>,
    warnings: Vec<Warning>,
    templates: Vec<TemplateKind>,
}

impl Step {
    fn new(title: String, why: String, races: Option<Deadline>, actions: Vec<Action>) -> Self {
        Self { title, why, races, actions, warnings: Vec::new(), templates: Vec::new() }
    }

    fn warning(mut self, warnings: impl IntoIterator<Item = Warning>) -> Self {
        self.warnings.extend(warnings);
        self
    }

    fn template(mut self, templates: impl IntoIterator<Item = TemplateKind>) -> Self {
        self.templates.extend(templates);
        self
    }
}

fn first_contact(cx: &Context) -> Step {
    let dates = &cx.case.details.dates;
    let unchecked = dates.delivered.is_some() && dates.receipt_confirmed.is_none();
    let wait = cx
        .chain
        .not_before(DeadlineKind::OpenDispute)
        .map(|not_before| format!(" {}", waiting_text(not_before, cx.platform_name)))
        .unwrap_or_default();
    Step::new(
        tr("Message the seller").to_owned(),
        trf(
            "Tell the seller what went wrong, politely, with your order number and what you want. Many problems end here. Write in {platform}'s own chat, and open the dispute{by} even if the seller asks you to wait.",
            &[("platform", &cx.platform_name), ("by", &cx.by(DeadlineKind::OpenDispute))],
        ) + &wait,
        cx.open(DeadlineKind::OpenDispute),
        vec![Action::MessagedSeller, Action::OpenedDispute, Action::SolvedWithSeller],
    )
    .warning(unchecked.then_some(Warning::InspectBeforeConfirming))
    .warning([Warning::ProtectionRunsOut, Warning::NoRefundOutsideThePlatform])
    .template([TemplateKind::FirstMessage])
}

fn open_the_dispute(cx: &Context) -> Step {
    let actions = vec![Action::OpenedDispute, Action::MessagedSeller, Action::SolvedWithSeller];
    let (title, why) = match cx.chain.not_before(DeadlineKind::OpenDispute) {
        Some(not_before) => (
            trf("Wait until {day}, then open the dispute", &[("day", &day_text(not_before.opens_on()))]),
            waiting_text(not_before, cx.platform_name),
        ),
        None => (
            tr("Open the dispute").to_owned(),
            trf(
                "If the seller has not put it right, open the dispute on the order page{by}: choose \"{reason}\" and ask for \"{resolution}\". Do not wait for the last day.",
                &[
                    ("by", &cx.by(DeadlineKind::OpenDispute)),
                    ("reason", &tr(cx.advice.reason)),
                    ("resolution", &tr(cx.case.details.wanted.unwrap_or(cx.advice.resolution).label())),
                ],
            ),
        ),
    };
    Step::new(title, why, cx.open(DeadlineKind::OpenDispute), actions)
        .warning([Warning::ProtectionRunsOut, Warning::NoRefundOutsideThePlatform])
        .template([TemplateKind::DisputeDescription])
}

fn wait_for_seller(cx: &Context) -> Step {
    let until = match cx.last_day(DeadlineKind::SellerResponse) {
        Some(day) => trf("The seller has until {day} to respond to the dispute.", &[("day", &day)]),
        None => tr("The seller has a few days to respond to the dispute.").to_owned(),
    };
    let silent = if cx.case.details.platform == Platform::AlibabaTradeAssurance {
        tr("Record their proposal when it comes. If they stay silent, escalate to Alibaba from day 4.")
    } else {
        tr("Record their proposal when it comes. If they stay silent, AliExpress should decide for you or refund you.")
    };
    Step::new(
        tr("Wait for the seller's answer").to_owned(),
        format!("{until} {silent}"),
        cx.open(DeadlineKind::SellerResponse),
        vec![Action::SellerProposed, Action::Escalated, Action::RefundIssued],
    )
    .warning([Warning::NeverCancelForTheSeller, Warning::NoRefundOutsideThePlatform])
    .template([TemplateKind::EscalationRequest])
}

fn answer_proposal(cx: &Context) -> Step {
    let offer = cx.case.journal().latest_proposal(Author::Seller).map(|(_, entry)| entry.summary());
    Step::new(
        tr("Answer the seller's proposal").to_owned(),
        trf(
            "{offer}. Accept it if it gives you what you need. If not, refuse it or make a counter-offer on the dispute page, and escalate to the platform if you cannot agree.",
            &[("offer", &offer.unwrap_or_else(|| tr("The seller made a proposal").to_owned()))],
        ),
        cx.open(DeadlineKind::AnswerProposal),
        vec![Action::AcceptedProposal, Action::AnsweredProposal, Action::Escalated],
    )
    .warning([Warning::ReadBeforeAccepting, Warning::NeverCancelForTheSeller, Warning::NoRefundOutsideThePlatform])
    .template([TemplateKind::AcceptProposal, TemplateKind::CounterProposal, TemplateKind::RefuseProposal])
}

fn seller_silent(cx: &Context) -> Step {
    let evidence = cx.advice.evidence.iter().map(|proof| tr(proof.label()).to_lowercase()).collect::<Vec<_>>();
    Step::new(
        tr("The seller did not answer: escalate").to_owned(),
        trf(
            "The seller let the response time pass. Ask {platform} to step in, and upload your evidence: {evidence}.",
            &[("platform", &cx.platform_name), ("evidence", &evidence.join("; "))],
        ),
        cx.open(DeadlineKind::PlatformStepsIn),
        vec![Action::Escalated, Action::RefundIssued, Action::SellerProposed],
    )
    .warning([Warning::EvidenceInTime])
    .template([TemplateKind::EscalationRequest])
}

fn wait_for_decision(cx: &Context) -> Step {
    let expected = cx.open(DeadlineKind::ExpectedDecision);
    let why = match &expected {
        Some(expected) if expected.state == (State::Expected { passed: true }) => trf(
            "The platform reviews both sides. It was expected to decide by {day}; no current source confirms that date, but if you have heard nothing, ask {platform}'s support, with your dispute number.",
            &[("day", &day_text(expected.last_day)), ("platform", &cx.platform_name)],
        ),
        _ => tr("The platform reviews both sides. Answer its questions quickly and upload any evidence it asks for within the time it gives.").to_owned(),
    };
    Step::new(
        trf("Wait for {platform}'s decision", &[("platform", &cx.platform_name)]),
        why,
        expected,
        vec![Action::PlatformDecided, Action::RefundIssued],
    )
    .warning([Warning::EvidenceInTime])
}

fn decision_made(cx: &Context) -> Step {
    let final_ruling =
        matches!(cx.case.journal().latest_decision(), Some((_, Entry::Decision { after_appeal: true, .. })));
    let appeal_open = !final_ruling && cx.open(DeadlineKind::Appeal).is_some_and(|d| d.state.is_open());
    let outcome = latest_outcome(cx.case);
    let (title, why) = match outcome {
        Some(Outcome::FullRefund) => (
            tr("Accept the decision: your refund is coming").to_owned(),
            tr("The platform decided for you. Accept it and watch for the refund."),
        ),
        _ if appeal_open => (
            trf("Appeal{by} or accept the decision", &[("by", &cx.by(DeadlineKind::Appeal))]),
            tr("If you have new evidence, appeal: there is one appeal per dispute, within 7 days of the decision. Otherwise accept it; if you get nothing back, your card or PayPal may still help."),
        ),
        _ => (
            tr("Accept the decision").to_owned(),
            tr("This decision can no longer be appealed. If it leaves you without your money, your card or PayPal may still help."),
        ),
    };
    let can_appeal = appeal_open && matches!(outcome, Some(Outcome::Rejected | Outcome::PartialRefund));
    let actions = can_appeal.then_some(Action::Appealed).into_iter().chain([Action::AcceptedDecision]).collect();
    Step::new(title, why.to_owned(), cx.open(DeadlineKind::Appeal).filter(|_| appeal_open), actions)
        .warning([Warning::ReadBeforeAccepting])
        .template(appeal_open.then_some(TemplateKind::Appeal))
}

fn wait_for_appeal() -> Step {
    Step::new(
        tr("Wait for the ruling on your appeal").to_owned(),
        tr("The appeal review takes about 2 to 10 working days. The ruling is final on the platform.").to_owned(),
        None,
        vec![Action::PlatformDecided],
    )
}

fn send_free_return(cx: &Context) -> Step {
    let actions = std::iter::once(Action::StartedFreeReturn).chain(fallback_actions(cx.fallbacks)).collect();
    let (title, why) = free_return_step(cx.case.details.platform, cx.platform_name, &cx.by(DeadlineKind::FreeReturn));
    Step::new(title, why, cx.open(DeadlineKind::FreeReturn), actions).warning([Warning::ReturnOnlyInGoodFaith])
}

fn ship_return(cx: &Context) -> Step {
    Step::new(
        trf("Ship the return{by}", &[("by", &cx.by(DeadlineKind::ShipReturn))]),
        tr("Send it with tracking, keep the receipt, and enter the tracking number on the dispute page. A return shipped late can hand the payment to the seller.").to_owned(),
        cx.open(DeadlineKind::ShipReturn),
        vec![Action::ShippedReturn],
    )
    .warning([Warning::ReturnOnlyInGoodFaith])
}

fn wait_for_refund(cx: &Context) -> Step {
    let title = tr("Watch for your refund").to_owned();
    if cx.case.date_of(Event::RefundIssued).is_some() {
        let why = refund_wait_text(cx.case, &cx.by(DeadlineKind::RefundArrival), cx.platform_name);
        Step::new(title, why, cx.open(DeadlineKind::RefundArrival), vec![Action::RefundArrived])
    } else {
        Step::new(
            title,
            tr("Record the day the platform marks the refund as issued; the app then counts the days it may take to arrive.").to_owned(),
            cx.open(DeadlineKind::RefundStarts),
            vec![Action::RefundIssued, Action::RefundArrived],
        )
    }
}

fn last_resort(cx: &Context) -> Step {
    let method = cx.case.details.payment_method;
    let template = match method {
        PaymentMethod::Card => Some(TemplateKind::ChargebackLetter),
        PaymentMethod::PayPal => Some(TemplateKind::PayPalClaim),
        _ => None,
    };
    let mut actions: Vec<Action> = fallback_actions(cx.fallbacks).collect();
    actions.push(Action::RefundArrived);
    if cx.case.status() != Status::ClosedWithoutRefund {
        actions.push(Action::GaveUp);
    }
    let why = if !cx.fallbacks.is_empty() {
        tr("The platform route is closed. Your payment method may still get your money back: start with the deadline that ends first, and send the letter below with your evidence.").to_owned()
    } else if matches!(method, PaymentMethod::Card | PaymentMethod::PayPal) {
        trf(
            "No payment window is open for this order as far as the app knows (add the payment date to check). You can still contact {platform}'s support, and leave honest feedback for other buyers.",
            &[("platform", &cx.platform_name)],
        )
    } else {
        trf(
            "No payment window is open for this order as far as the app knows. You can still contact {platform}'s support, and leave honest feedback for other buyers.",
            &[("platform", &cx.platform_name)],
        )
    };
    Step::new(tr("Last resort: your card or PayPal").to_owned(), why, cx.fallbacks.first().cloned(), actions)
        .template(template)
}

fn done() -> Step {
    Step::new(
        tr("Done").to_owned(),
        tr("This case is resolved. Before your next order, have a look at the checklist: it helps avoid the next dispute.").to_owned(),
        None,
        Vec::new(),
    )
}

/// The warnings several stages share, after the stage's own.
fn shared_warnings(case: &Case, stage: Stage) -> impl Iterator<Item = Warning> {
    let talking = matches!(stage, Stage::FirstContact | Stage::OpenTheDispute | Stage::AnswerProposal);
    let parcel_missing =
        matches!(stage, Stage::FirstContact | Stage::OpenTheDispute) && case.details.problem == Problem::NotReceived;
    talking.then_some(Warning::KeepTalkOnAlibaba).into_iter().chain(parcel_missing.then_some(Warning::LostOrLateParcel))
}

/// The buttons for what the buyer can claim beside the dispute (a free return, on-time compensation).
fn side_actions(chain: &Chain, stage: Stage) -> impl Iterator<Item = Action> {
    let before_the_dispute = matches!(stage, Stage::FirstContact | Stage::OpenTheDispute);
    let free_return = open_deadline(chain, DeadlineKind::FreeReturn).is_some() && before_the_dispute;
    let claim =
        open_deadline(chain, DeadlineKind::OnTimeClaim).is_some() && (before_the_dispute || stage == Stage::LastResort);
    free_return.then_some(Action::StartedFreeReturn).into_iter().chain(claim.then_some(Action::ClaimedCompensation))
}

/// The one next step for `case`, from its deadline chain.
pub fn guide(case: &Case, chain: &Chain) -> Guidance {
    let stage = stage_of(case, chain);
    let platform = case.details.platform;
    let name = platform_name(&case.details, MessageLanguage::Buyers);
    let advice = reason_advice(platform, case.details.problem);
    let fallbacks: Vec<Deadline> = if matches!(stage, Stage::LastResort | Stage::FreeReturn) {
        chain.dated.iter().filter(|d| !d.kind.is_platform_step() && d.state.is_open()).cloned().collect()
    } else {
        Vec::new()
    };
    let cx = Context { case, chain, platform_name: &name, advice: &advice, fallbacks: &fallbacks };
    let mut step = match stage {
        Stage::FirstContact => first_contact(&cx),
        Stage::OpenTheDispute => open_the_dispute(&cx),
        Stage::WaitForSeller => wait_for_seller(&cx),
        Stage::AnswerProposal => answer_proposal(&cx),
        Stage::SellerSilent => seller_silent(&cx),
        Stage::WaitForDecision => wait_for_decision(&cx),
        Stage::DecisionMade => decision_made(&cx),
        Stage::WaitForAppeal => wait_for_appeal(),
        Stage::FreeReturn => send_free_return(&cx),
        Stage::ShipReturn => ship_return(&cx),
        Stage::WaitForRefund => wait_for_refund(&cx),
        Stage::LastResort => last_resort(&cx),
        Stage::Done => done(),
    };
    step.warnings.extend(shared_warnings(case, stage));
    step.warnings.retain(|warning| warning.platform().is_none_or(|own| own == platform));
    step.actions.extend(side_actions(chain, stage));
    let payment_waits = chain
        .not_before
        .iter()
        .filter(|wait| matches!(stage, Stage::LastResort | Stage::FreeReturn) && !wait.rule.sets.is_platform_step())
        .map(|wait| format!("{}: {}.", wait.headline(), wait.basis()));
    let why = std::iter::once(step.why)
        .chain(beside_the_dispute(case, chain, stage))
        .chain(payment_waits)
        .collect::<Vec<_>>()
        .join(" ");
    let advice = matches!(stage, Stage::FirstContact | Stage::OpenTheDispute).then_some(advice);
    Guidance {
        stage,
        title: step.title,
        why,
        races: step.races,
        actions: step.actions,
        warnings: step.warnings,
        templates: step.templates,
        advice,
        fallbacks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{CaseDetails, CaseId, OrderDates};
    use crate::domain::deadline::chain;
    use crate::domain::vocabulary::Problem;
    use crate::support::day;
    use chrono::{DateTime, NaiveDate, Utc};

    fn at(m: u32, d: u32) -> DateTime<Utc> {
        day(2026, m, d).and_hms_opt(12, 0, 0).unwrap().and_utc()
    }

    fn case(platform: Platform, payment_method: PaymentMethod, problem: Problem) -> Case {
        let details = CaseDetails {
            platform,
            order_number: "8123".into(),
            seller: "Best Store".into(),
            item: "Lamp".into(),
            amount: Some(Money { minor: 2_499, currency: "USD".into() }),
            payment_method,
            dates: OrderDates {
                paid: Some(day(2026, 9, 1)),
                shipped: Some(day(2026, 9, 3)),
                delivered: (problem != Problem::NotReceived).then_some(day(2026, 9, 20)),
                ..OrderDates::default()
            },
            problem,
            ..CaseDetails::default()
        };
        Case::new(CaseId::new("c"), details, at(9, 21))
    }

    /// Does `action` for `case` on `on`, as the app's buttons do.
    fn act(case: &mut Case, action: Action, on: NaiveDate, input: ActionInput) {
        for entry in action.entries(case, &input) {
            case.record(on, entry, at(on.month(), on.day())).unwrap();
        }
    }

    use chrono::Datelike;

    fn step_now(case: &Case, now: DateTime<Utc>) -> Guidance {
        guide(case, &chain(case, &Utc, now))
    }

    #[test]
    fn an_aliexpress_parcel_that_never_came_from_first_message_to_refund() {
        let mut case = case(Platform::AliExpress, PaymentMethod::Card, Problem::NotReceived);
        let guidance = step_now(&case, at(9, 21));
        assert_eq!(guidance.stage, Stage::FirstContact);
        assert_eq!(guidance.races.as_ref().map(|d| d.kind), Some(DeadlineKind::OpenDispute));
        assert!(guidance.why.contains("open the dispute by Mon 2 Nov 2026"), "{}", guidance.why);
        assert_eq!(guidance.advice.as_ref().map(|a| a.reason), Some("Item not received"));
        assert!(guidance.templates.contains(&TemplateKind::FirstMessage));
        assert!(guidance.warnings.contains(&Warning::ProtectionRunsOut));
        assert!(!guidance.warnings.contains(&Warning::InspectBeforeConfirming), "nothing arrived to inspect");

        act(&mut case, Action::MessagedSeller, day(2026, 9, 21), ActionInput::default());
        let guidance = step_now(&case, at(9, 25));
        assert_eq!(guidance.stage, Stage::OpenTheDispute);
        assert!(guidance.why.contains("choose \"Item not received\" and ask for \"Full refund, keep the item\""));

        act(&mut case, Action::OpenedDispute, day(2026, 9, 26), ActionInput::default());
        let guidance = step_now(&case, at(9, 27));
        assert_eq!(guidance.stage, Stage::WaitForSeller);
        assert_eq!(
            guidance.races.as_ref().map(|d| (d.kind, d.last_day)),
            Some((DeadlineKind::SellerResponse, day(2026, 10, 1)))
        );
        assert!(guidance.warnings.contains(&Warning::NeverCancelForTheSeller));

        // The seller stays silent past the 5 days.
        let guidance = step_now(&case, at(10, 3));
        assert_eq!(guidance.stage, Stage::SellerSilent);
        assert_eq!(guidance.actions[0], Action::Escalated);

        act(&mut case, Action::Escalated, day(2026, 10, 3), ActionInput::default());
        assert_eq!(step_now(&case, at(10, 4)).stage, Stage::WaitForDecision);
        // Opened 26 September + 15 days: the decision was expected by 11 October, a date no current source confirms.
        let late = step_now(&case, at(10, 14));
        assert_eq!(late.races.as_ref().map(|d| d.state), Some(State::Expected { passed: true }));
        assert!(!late.is_pressing());
        assert!(
            late.why.contains("It was expected to decide by Sun 11 Oct 2026; no current source confirms that date"),
            "{}",
            late.why
        );

        let decided = ActionInput { outcome: Some(Outcome::FullRefund), ..ActionInput::default() };
        act(&mut case, Action::PlatformDecided, day(2026, 10, 10), decided);
        let guidance = step_now(&case, at(10, 11));
        assert_eq!(guidance.stage, Stage::DecisionMade);
        assert_eq!(guidance.actions, [Action::AcceptedDecision], "nothing to appeal in a full refund");

        act(&mut case, Action::AcceptedDecision, day(2026, 10, 11), ActionInput::default());
        assert_eq!(case.status(), Status::AwaitingRefund);
        assert_eq!(step_now(&case, at(10, 12)).actions, [Action::RefundIssued, Action::RefundArrived]);
        act(&mut case, Action::RefundIssued, day(2026, 10, 12), ActionInput::default());
        let guidance = step_now(&case, at(10, 13));
        assert_eq!(
            guidance.races.as_ref().map(|d| (d.kind, d.last_day)),
            Some((DeadlineKind::RefundArrival, day(2026, 10, 26)))
        );
        act(&mut case, Action::RefundArrived, day(2026, 10, 20), ActionInput::default());
        let guidance = step_now(&case, at(10, 21));
        assert_eq!((guidance.stage, case.status()), (Stage::Done, Status::Resolved));
        assert!(guidance.actions.is_empty());
    }

    #[test]
    fn a_free_return_is_offered_beside_the_dispute_and_after_its_window() {
        let mut case = case(Platform::AliExpress, PaymentMethod::Card, Problem::NotAsDescribed);
        case.details.free_returns = FreeReturns::FromChina;
        // Before the dispute window ends (5 days after delivery on 20 September): both, each named.
        let guidance = step_now(&case, at(9, 21));
        assert_eq!(guidance.stage, Stage::FirstContact);
        assert!(guidance.why.contains("send it back, for any reason, until Mon 30 Nov 2026"), "{}", guidance.why);
        assert!(guidance.actions.contains(&Action::StartedFreeReturn));
        // On 1 October the dispute window has passed; 90 days from payment on 1 September: 30 November.
        let guidance = step_now(&case, at(10, 1));
        assert_eq!(guidance.stage, Stage::FreeReturn);
        assert_eq!(guidance.title, "Send it back with Free Returns by Mon 30 Nov 2026");
        assert_eq!(
            guidance.races.as_ref().map(|d| (d.kind, d.last_day)),
            Some((DeadlineKind::FreeReturn, day(2026, 11, 30)))
        );
        assert_eq!(guidance.actions[0], Action::StartedFreeReturn);
        assert!(guidance.actions.contains(&Action::FiledChargeback), "the card stays open beside it");
        assert!(guidance.warnings.contains(&Warning::ReturnOnlyInGoodFaith));
        // After 30 November, nothing is left but the card.
        assert_eq!(step_now(&case, at(12, 1)).stage, Stage::LastResort);

        let mut lost = case.clone();
        act(&mut lost, Action::GaveUp, day(2026, 10, 2), ActionInput::default());
        assert_eq!(step_now(&lost, at(10, 3)).stage, Stage::FreeReturn, "a lost dispute leaves the free return");

        act(&mut case, Action::StartedFreeReturn, day(2026, 10, 1), ActionInput::default());
        let guidance = step_now(&case, at(10, 2));
        assert_eq!(guidance.stage, Stage::ShipReturn);
        assert!(guidance.warnings.contains(&Warning::ReturnOnlyInGoodFaith));
        let free_return = chain(&case, &Utc, at(10, 2)).get(DeadlineKind::FreeReturn).map(|d| d.state);
        assert_eq!(free_return, Some(State::Met { on: Some(day(2026, 10, 1)) }));
    }

    #[test]
    fn an_alibaba_product_marked_easy_return_is_offered_beside_the_dispute() {
        // Delivered 20 September, receipt not confirmed: 30 days from delivery, to 20 October.
        let mut case = case(Platform::AlibabaTradeAssurance, PaymentMethod::Card, Problem::DamagedOrDefective);
        case.details.free_returns = FreeReturns::EasyReturn;
        let guidance = step_now(&case, at(9, 21));
        assert!(
            guidance.why.contains(
                "marked \"Easy Return\": for a quality problem you can also send it back free until Tue 20 Oct 2026"
            ),
            "{}",
            guidance.why
        );
        assert!(guidance.actions.contains(&Action::StartedFreeReturn));
        let lost = {
            let mut lost = case.clone();
            act(&mut lost, Action::GaveUp, day(2026, 9, 25), ActionInput::default());
            step_now(&lost, at(9, 26))
        };
        assert_eq!(
            (lost.stage, lost.title.as_str()),
            (Stage::FreeReturn, "Send it back with Easy Return by Tue 20 Oct 2026")
        );
        assert!(
            lost.why.contains("Alibaba.com takes it back free for a quality problem by Tue 20 Oct 2026"),
            "{}",
            lost.why
        );
    }

    #[test]
    fn past_the_dispute_window_the_guide_asks_whether_the_listing_had_free_returns() {
        let asks = |free_returns, problem| {
            let mut case = case(Platform::AliExpress, PaymentMethod::Card, problem);
            case.details.free_returns = free_returns;
            let guidance = step_now(&case, at(12, 20));
            assert_eq!(guidance.stage, Stage::LastResort);
            guidance.why.contains("If the listing showed \"Free Returns\", say so on the case form")
        };
        assert!(asks(FreeReturns::Unknown, Problem::WrongItem));
        assert!(!asks(FreeReturns::No, Problem::WrongItem));
        assert!(!asks(FreeReturns::Unknown, Problem::NotReceived), "nothing to send back");
    }

    #[test]
    fn an_aliexpress_parcel_not_received_names_the_lost_and_late_refunds() {
        let mut case = case(Platform::AliExpress, PaymentMethod::Card, Problem::NotReceived);
        assert!(step_now(&case, at(9, 21)).warnings.contains(&Warning::LostOrLateParcel));
        assert!(!step_now(&case, at(9, 21)).why.contains("The order was promised by"));
        case.details.dates.promised_delivery = Some(day(2026, 9, 18));
        assert!(step_now(&case, at(9, 21))
            .why
            .contains("The order was promised by Fri 18 Sep 2026: if it has not come by then"));
        let damaged = self::case(Platform::AliExpress, PaymentMethod::Card, Problem::DamagedOrDefective);
        assert!(!step_now(&damaged, at(9, 21)).warnings.contains(&Warning::LostOrLateParcel));
        let alibaba = self::case(Platform::AlibabaTradeAssurance, PaymentMethod::Card, Problem::NotReceived);
        assert!(!step_now(&alibaba, at(9, 21)).warnings.contains(&Warning::LostOrLateParcel));
    }

    #[test]
    fn an_alibaba_order_late_and_never_come_has_the_refund_request_and_the_compensation_each_named() {
        // Promised for 1 October, never came: both count 30 days from that day, to 31 October.
        let mut case = case(Platform::AlibabaTradeAssurance, PaymentMethod::Card, Problem::NotReceived);
        case.details.dates.promised_delivery = Some(day(2026, 10, 1));
        let chain = chain(&case, &Utc, at(10, 5));
        let last_day = |kind| chain.get(kind).map(|deadline| deadline.last_day);
        assert_eq!(last_day(DeadlineKind::OpenDispute), Some(day(2026, 10, 31)));
        assert_eq!(last_day(DeadlineKind::OnTimeClaim), Some(day(2026, 10, 31)));
        let guidance = guide(&case, &chain);
        assert_eq!(guidance.races.as_ref().map(|d| d.kind), Some(DeadlineKind::OpenDispute), "the refund comes first");
        assert!(guidance.why.contains("claim Alibaba.com's on-time delivery compensation until Sat 31 Oct 2026: a credit of up to USD 100 for future orders, on top of your refund, not instead of it."), "{}", guidance.why);
        assert!(guidance.actions.contains(&Action::ClaimedCompensation));
        act(&mut case, Action::ClaimedCompensation, day(2026, 10, 5), ActionInput::default());
        let chain = self::chain(&case, &Utc, at(10, 6));
        assert_eq!(
            chain.get(DeadlineKind::OnTimeClaim).map(|d| d.state),
            Some(State::Met { on: Some(day(2026, 10, 5)) })
        );
        assert!(chain.get(DeadlineKind::OpenDispute).is_some_and(|d| d.state.is_open()), "claiming is not the refund");
        assert!(!guide(&case, &chain).actions.contains(&Action::ClaimedCompensation));
    }

    #[test]
    fn an_alibaba_refund_not_started_7_working_days_after_the_agreement_is_chased() {
        let mut case = case(Platform::AlibabaTradeAssurance, PaymentMethod::Card, Problem::DamagedOrDefective);
        act(&mut case, Action::OpenedDispute, day(2026, 9, 21), ActionInput::default());
        let offer = ActionInput { resolution: Some(Resolution::RefundOnly), ..ActionInput::default() };
        act(&mut case, Action::SellerProposed, day(2026, 9, 22), offer);
        // Accepted on Wednesday 23 September: 7 working days, to Friday 2 October.
        act(&mut case, Action::AcceptedProposal, day(2026, 9, 23), ActionInput::default());
        assert_eq!(case.status(), Status::AwaitingRefund);
        let guidance = step_now(&case, at(9, 24));
        assert_eq!(guidance.stage, Stage::WaitForRefund);
        assert_eq!(
            guidance.races.as_ref().map(|d| (d.kind, d.last_day, d.kind.party())),
            Some((DeadlineKind::RefundStarts, day(2026, 10, 2), crate::domain::deadline_kind::Party::Platform))
        );
        act(&mut case, Action::RefundIssued, day(2026, 9, 30), ActionInput::default());
        let guidance = step_now(&case, at(10, 1));
        assert_eq!(guidance.races.as_ref().map(|d| d.kind), Some(DeadlineKind::RefundArrival));
        let started = chain(&case, &Utc, at(10, 1)).get(DeadlineKind::RefundStarts).map(|d| d.state);
        assert_eq!(started, Some(State::Met { on: Some(day(2026, 9, 30)) }));
    }

    #[test]
    fn the_last_resort_says_from_when_the_card_takes_a_chargeback() {
        // Paid 1 September, shipped the 3rd, nothing promised, never came; the buyer gave up on 25 September.
        let mut case = case(Platform::AliExpress, PaymentMethod::Card, Problem::NotReceived);
        act(&mut case, Action::GaveUp, day(2026, 9, 25), ActionInput::default());
        let guidance = step_now(&case, at(9, 25));
        assert_eq!(guidance.stage, Stage::LastResort);
        assert!(
            guidance
                .why
                .contains("You can file the chargeback from Thu 1 Oct 2026: 30 days after payment (Tue 1 Sep 2026)."),
            "{}",
            guidance.why
        );
        assert!(!step_now(&case, at(10, 2)).why.contains("You can file the chargeback from"), "the wait is over");
    }

    #[test]
    fn a_step_is_pressing_from_48_hours_before_its_deadline_and_once_it_passed() {
        // Shipped 3 Sep: the dispute can be opened until Mon 2 Nov (China's midnight, 16:00 UTC on 1 Nov).
        let case = case(Platform::AliExpress, PaymentMethod::Card, Problem::NotReceived);
        let due = step_now(&case, at(9, 21)).races.map(|deadline| deadline.due).unwrap();
        let pressing = |now: DateTime<Utc>| step_now(&case, now).is_pressing();
        assert!(!pressing(at(9, 21)));
        assert!(!pressing(due - chrono::Duration::hours(49)));
        assert!(pressing(due - chrono::Duration::hours(47)));
        let mut resolved = case.clone();
        act(&mut resolved, Action::RefundArrived, day(2026, 9, 22), ActionInput::default());
        assert!(!step_now(&resolved, due).is_pressing(), "a finished case has no step to press");
    }

    #[test]
    fn a_proposal_is_answered_and_a_rejection_can_be_appealed_then_charged_back() {
        let mut case = case(Platform::AliExpress, PaymentMethod::Card, Problem::NotAsDescribed);
        assert!(step_now(&case, at(9, 21)).warnings.contains(&Warning::InspectBeforeConfirming));
        act(&mut case, Action::OpenedDispute, day(2026, 9, 21), ActionInput::default());
        let offer = ActionInput {
            resolution: Some(Resolution::PartialRefund),
            amount: Some(Money { minor: 300, currency: "USD".into() }),
            ..ActionInput::default()
        };
        act(&mut case, Action::SellerProposed, day(2026, 9, 23), offer);
        let guidance = step_now(&case, at(9, 23));
        assert_eq!(guidance.stage, Stage::AnswerProposal);
        assert!(
            guidance.why.starts_with("The seller proposed: Partial refund, keep the item (3.00 USD)."),
            "{}",
            guidance.why
        );
        assert_eq!(guidance.races.as_ref().map(|d| d.kind), Some(DeadlineKind::AnswerProposal));
        assert!(guidance.warnings.contains(&Warning::ReadBeforeAccepting));
        assert_eq!(
            guidance.templates,
            [TemplateKind::AcceptProposal, TemplateKind::CounterProposal, TemplateKind::RefuseProposal]
        );

        act(&mut case, Action::AnsweredProposal, day(2026, 9, 24), ActionInput::default());
        assert_eq!(step_now(&case, at(9, 24)).stage, Stage::WaitForSeller);
        act(&mut case, Action::Escalated, day(2026, 9, 25), ActionInput::default());
        let rejected = ActionInput { outcome: Some(Outcome::Rejected), ..ActionInput::default() };
        act(&mut case, Action::PlatformDecided, day(2026, 10, 5), rejected.clone());
        let guidance = step_now(&case, at(10, 6));
        assert_eq!(guidance.stage, Stage::DecisionMade);
        assert_eq!(guidance.title, "Appeal by Mon 12 Oct 2026 or accept the decision");
        assert_eq!(guidance.actions, [Action::Appealed, Action::AcceptedDecision]);
        assert!(guidance.templates.contains(&TemplateKind::Appeal));

        act(&mut case, Action::Appealed, day(2026, 10, 7), ActionInput::default());
        assert_eq!(step_now(&case, at(10, 8)).stage, Stage::WaitForAppeal);
        act(&mut case, Action::PlatformDecided, day(2026, 10, 15), rejected);
        let guidance = step_now(&case, at(10, 16));
        assert_eq!((guidance.stage, guidance.title.as_str()), (Stage::DecisionMade, "Accept the decision"));
        assert_eq!(guidance.actions, [Action::AcceptedDecision], "one appeal per dispute");

        act(&mut case, Action::AcceptedDecision, day(2026, 10, 16), ActionInput::default());
        let guidance = step_now(&case, at(10, 17));
        assert_eq!((guidance.stage, case.status()), (Stage::LastResort, Status::ClosedWithoutRefund));
        assert_eq!(guidance.fallbacks.iter().map(|d| d.kind).collect::<Vec<_>>(), [DeadlineKind::Chargeback]);
        assert_eq!(guidance.actions, [Action::FiledChargeback, Action::RefundArrived]);
        assert_eq!(guidance.templates, [TemplateKind::ChargebackLetter]);
    }

    #[test]
    fn accepting_a_return_leads_to_shipping_it_in_time() {
        let mut case = case(Platform::AliExpress, PaymentMethod::PlatformBalance, Problem::WrongItem);
        act(&mut case, Action::OpenedDispute, day(2026, 9, 21), ActionInput::default());
        let offer = ActionInput { resolution: Some(Resolution::ReturnAndRefund), ..ActionInput::default() };
        act(&mut case, Action::SellerProposed, day(2026, 9, 22), offer);
        act(&mut case, Action::AcceptedProposal, day(2026, 9, 22), ActionInput::default());
        let guidance = step_now(&case, at(9, 23));
        assert_eq!(guidance.stage, Stage::ShipReturn);
        assert_eq!(guidance.title, "Ship the return by Fri 2 Oct 2026");
        act(&mut case, Action::ShippedReturn, day(2026, 9, 25), ActionInput::default());
        assert_eq!(step_now(&case, at(9, 26)).stage, Stage::WaitForRefund);
    }

    #[test]
    fn before_the_dispute_can_be_opened_the_guide_says_to_wait_until_then() {
        let mut case = case(Platform::AliExpress, PaymentMethod::Card, Problem::NotReceived);
        case.details.dates.shipped = Some(day(2026, 9, 15));
        let first = step_now(&case, at(9, 20));
        assert!(first.why.contains("AliExpress lets you open a \"not received\" dispute from Fri 25 Sep 2026 (10 days after shipment (Tue 15 Sep 2026))."), "{}", first.why);
        act(&mut case, Action::MessagedSeller, day(2026, 9, 20), ActionInput::default());
        let waiting = step_now(&case, at(9, 21));
        assert_eq!(
            (waiting.stage, waiting.title.as_str()),
            (Stage::OpenTheDispute, "Wait until Fri 25 Sep 2026, then open the dispute")
        );
        assert_eq!(waiting.races.map(|d| d.kind), Some(DeadlineKind::OpenDispute));
        assert_eq!(step_now(&case, at(9, 25)).title, "Open the dispute");
    }

    #[test]
    fn a_return_the_platform_decides_must_ship_within_10_days_of_the_decision() {
        let mut case = case(Platform::AliExpress, PaymentMethod::Card, Problem::WrongItem);
        act(&mut case, Action::OpenedDispute, day(2026, 9, 21), ActionInput::default());
        act(&mut case, Action::Escalated, day(2026, 9, 24), ActionInput::default());
        let decided = ActionInput { outcome: Some(Outcome::ReturnForRefund), ..ActionInput::default() };
        act(&mut case, Action::PlatformDecided, day(2026, 10, 1), decided);
        // The buyer records nothing more for two days: the clock ran from the decision all along.
        let guidance = step_now(&case, at(10, 3));
        assert_eq!(guidance.stage, Stage::ShipReturn);
        assert_eq!(
            guidance.races.as_ref().map(|d| (d.kind, d.last_day)),
            Some((DeadlineKind::ShipReturn, day(2026, 10, 11)))
        );
        assert_eq!(case.status(), Status::ReturnInProgress);
        act(&mut case, Action::ShippedReturn, day(2026, 10, 4), ActionInput::default());
        assert_eq!(step_now(&case, at(10, 5)).stage, Stage::WaitForRefund);
    }

    #[test]
    fn a_warning_about_one_platform_shows_only_on_its_cases() {
        for platform in Platform::ALL {
            let mut case = case(*platform, PaymentMethod::Card, Problem::NotAsDescribed);
            let mut seen = Vec::new();
            seen.extend(step_now(&case, at(9, 21)).warnings);
            act(&mut case, Action::OpenedDispute, day(2026, 9, 21), ActionInput::default());
            seen.extend(step_now(&case, at(10, 20)).warnings);
            act(&mut case, Action::Escalated, day(2026, 10, 20), ActionInput::default());
            seen.extend(step_now(&case, at(10, 21)).warnings);
            for warning in &seen {
                assert!(warning.platform().is_none_or(|own| own == *platform), "{warning:?} on a {platform:?} case");
            }
            let alibaba = *platform == Platform::AlibabaTradeAssurance;
            assert_eq!(seen.contains(&Warning::EvidenceInTime), alibaba, "{platform:?}");
            assert_eq!(seen.contains(&Warning::KeepTalkOnAlibaba), alibaba, "{platform:?}");
        }
    }

    #[test]
    fn alibaba_buyers_are_told_to_keep_the_talk_on_alibaba_and_to_escalate_from_day_4() {
        let mut case = case(Platform::AlibabaTradeAssurance, PaymentMethod::PlatformBalance, Problem::NotAsDescribed);
        let guidance = step_now(&case, at(9, 21));
        assert!(guidance.warnings.contains(&Warning::KeepTalkOnAlibaba));
        assert_eq!(guidance.advice.as_ref().map(|a| a.reason), Some("Product quality problem"));
        act(&mut case, Action::OpenedDispute, day(2026, 9, 21), ActionInput::default());
        let guidance = step_now(&case, at(9, 22));
        assert!(guidance.why.contains("escalate to Alibaba from day 4"), "{}", guidance.why);
        assert_eq!(guidance.races.as_ref().map(|d| d.last_day), Some(day(2026, 9, 24)));
        assert_eq!(step_now(&case, at(9, 26)).stage, Stage::SellerSilent);
    }

    #[test]
    fn a_missed_opening_window_goes_straight_to_the_payment_fallbacks() {
        let case = case(Platform::AliExpress, PaymentMethod::PayPal, Problem::NotReceived);
        let guidance = step_now(&case, at(11, 10));
        assert_eq!(guidance.stage, Stage::LastResort);
        assert_eq!(guidance.fallbacks.iter().map(|d| d.kind).collect::<Vec<_>>(), [DeadlineKind::PayPalDispute]);
        assert_eq!(guidance.actions, [Action::OpenedPayPalDispute, Action::RefundArrived, Action::GaveUp]);
        assert_eq!(guidance.templates, [TemplateKind::PayPalClaim]);
    }

    #[test]
    fn without_a_payment_fallback_the_buyer_is_told_so() {
        let mut case = case(Platform::AliExpress, PaymentMethod::PlatformBalance, Problem::NotReceived);
        case.set_status(Status::ClosedWithoutRefund);
        let guidance = step_now(&case, at(11, 10));
        assert!(guidance.fallbacks.is_empty());
        assert!(guidance.why.starts_with("No payment window is open"));
        assert_eq!(guidance.actions, [Action::RefundArrived]);
    }

    #[test]
    fn the_seller_putting_it_right_resolves_the_case() {
        let mut case = case(Platform::AliExpress, PaymentMethod::Card, Problem::MissingParts);
        act(&mut case, Action::SolvedWithSeller, day(2026, 9, 22), ActionInput::default());
        assert_eq!(step_now(&case, at(9, 23)).stage, Stage::Done);
    }
}
