//! The deadline engine: from a case's known events and the rules, every deadline that applies,
//! with its due instant, its state, what it waits for, and where its date comes from.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::case::Case;

use super::clock::{end_of_day, platform_day_end, today_in, Urgency};
use super::deadline_kind::{DeadlineKind, Party};
use super::i18n::{day_text, tr, trf};
use super::rule_book::applicable;
use super::rules::{add_days, Certainty, Reference, Rule, OPENING_RULES};
use super::vocabulary::{Event, Status};

/// Where a deadline's date comes from. The buyer's own date beats the order page, which beats
/// any estimate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// The buyer entered this deadline's date directly.
    SetByBuyer,
    /// The buyer copied the protection end date from the platform's order page.
    OrderPage,
    /// Worked out from a rule; `counted_from` is the rule's fallback event when its usual one is
    /// unknown, and `days` differs from the rule's when the buyer changed it for this case.
    Estimate { rule: &'static Rule, counted_from: Event, from_day: NaiveDate, days: u32 },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum State {
    Upcoming,
    /// Due within 48 hours.
    DueSoon,
    /// Passed without its step being done.
    Missed,
    /// Its step was done in time (on a known day, or the status says so).
    Met {
        on: Option<NaiveDate>,
    },
    /// The case no longer needs it (resolved, or the platform route is closed).
    NotNeeded,
    /// A date no current source confirms (see [`Certainty::Expected`]): what to expect, which
    /// may pass (`passed`) but is never missed.
    Expected {
        passed: bool,
    },
}

impl State {
    pub fn is_open(self) -> bool {
        matches!(self, State::Upcoming | State::DueSoon)
    }

    pub fn label(self) -> &'static str {
        match self {
            State::Upcoming => Urgency::Later.label(),
            State::DueSoon => Urgency::DueSoon.label(),
            State::Missed => "Missed",
            State::Met { .. } => "Done",
            State::NotNeeded => "Not needed",
            State::Expected { passed: false } => "Expected, not confirmed",
            State::Expected { passed: true } => "Expected day passed",
        }
    }

    /// Whether the deadline still concerns the case: open, missed, or an expectation.
    pub fn still_matters(self) -> bool {
        !matches!(self, State::Met { .. } | State::NotNeeded)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Deadline {
    pub kind: DeadlineKind,
    /// The last calendar day on which the step can still be done.
    pub last_day: NaiveDate,
    /// The instant the window closes.
    pub due: DateTime<Utc>,
    pub source: Source,
    pub state: State,
}

/// What a deadline that cannot be dated yet is waiting for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Needs {
    /// A step that has not happened yet (the decision, the return agreement...), or an order date
    /// the buyer has not entered.
    Event(Event),
    /// The app has no rule for this marketplace: only the order page can tell.
    OrderPageDate,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pending {
    pub kind: DeadlineKind,
    pub needs: Needs,
}

impl Pending {
    /// Whether the buyer could date this deadline now by entering something they already know.
    pub fn missing_input(&self) -> bool {
        match self.needs {
            Needs::Event(event) => event.is_order_fact(),
            Needs::OrderPageDate => true,
        }
    }

    pub fn explanation(&self) -> String {
        match self.needs {
            Needs::OrderPageDate => {
                tr("The app does not know this marketplace's rules: copy the protection end date from your order page.")
                    .to_owned()
            }
            Needs::Event(event) if event.is_order_fact() => {
                trf("Add the date of {event} to the case to see this deadline.", &[("event", &event.phrase())])
            }
            Needs::Event(event) => trf("Starts once you record \"{event}\".", &[("event", &tr(event.label()))]),
        }
    }
}

/// Every deadline of a case: the dated ones by due instant, then those still waiting.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Chain {
    pub dated: Vec<Deadline>,
    pub pending: Vec<Pending>,
    /// The first day a step can be taken (the dispute opened, a chargeback filed...), for each
    /// step whose first day is still to come.
    pub not_before: Vec<NotBefore>,
}

/// The first day a platform or a payment rail lets the buyer take a step (the rule's `sets`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotBefore {
    pub day: NaiveDate,
    pub rule: &'static Rule,
    /// The day of the event it counts from.
    pub from_day: NaiveDate,
    /// While tracking still moves, the platform also waits for the promised delivery date.
    pub while_in_transit: Option<NaiveDate>,
}

impl NotBefore {
    /// The day the dispute opens: the rule's day, or while the parcel is in transit the later
    /// promised delivery date.
    pub fn opens_on(&self) -> NaiveDate {
        self.while_in_transit.unwrap_or(self.day)
    }

    /// "10 days after shipment (Sat 3 Oct 2026)".
    pub fn basis(&self) -> String {
        counted(self.rule, self.rule.days, self.rule.counts_from, self.from_day)
    }

    /// "You can open the dispute from Sat 3 Oct 2026".
    pub fn headline(&self) -> String {
        let day = day_text(self.opens_on());
        match self.rule.sets {
            DeadlineKind::Chargeback => trf("You can file the chargeback from {day}", &[("day", &day)]),
            DeadlineKind::PayPalEscalation => trf("You can escalate the PayPal dispute from {day}", &[("day", &day)]),
            _ => trf("You can open the dispute from {day}", &[("day", &day)]),
        }
    }
}

/// How a rule's date is counted: "60 days after shipment (Sat 26 Sep 2026)".
fn counted(rule: &Rule, days: u32, from: Event, from_day: NaiveDate) -> String {
    trf(
        "{length} after {event} ({day})",
        &[("length", &rule.length_text(days)), ("event", &from.phrase()), ("day", &day_text(from_day))],
    )
}

/// The first day of each step a rule sets one for (the first rule that applies, per step), while
/// the step is not done and can come: the dispute always can, a later step once it has a deadline
/// in `dated` (escalating needs a PayPal dispute). [`Schedule::at`] keeps those still to come.
fn not_before(case: &Case, dated: &[Dated]) -> Vec<NotBefore> {
    let mut waits = Vec::new();
    let mut seen = Vec::new();
    for rule in OPENING_RULES.iter().filter(|rule| rule.applies_to(case)) {
        let can_come = rule.sets == DeadlineKind::OpenDispute || dated.iter().any(|step| step.kind == rule.sets);
        if !can_come || seen.contains(&rule.sets) || step_done(rule.sets, case).is_some() {
            continue;
        }
        seen.push(rule.sets);
        let Some((_, from_day)) = rule.anchor(case) else { continue };
        let day = add_days(from_day, rule.days, rule.day_count);
        let while_in_transit = case
            .details
            .dates
            .promised_delivery
            .filter(|promised| rule.sets == DeadlineKind::OpenDispute && *promised > day);
        waits.push(NotBefore { day, rule, from_day, while_in_transit });
    }
    waits
}

impl Deadline {
    pub fn urgency(&self, now: DateTime<Utc>) -> Urgency {
        Urgency::of(self.due, now)
    }

    /// The public pages behind the rule that set this date, for the buyer to check.
    pub fn sources(&self) -> &'static [Reference] {
        match &self.source {
            Source::Estimate { rule, .. } => rule.sources,
            Source::SetByBuyer | Source::OrderPage => &[],
        }
    }

    pub fn is_estimate(&self) -> bool {
        matches!(self.source, Source::Estimate { .. })
    }

    pub fn source_label(&self) -> &'static str {
        match &self.source {
            Source::SetByBuyer => tr("Set by you"),
            Source::OrderPage => tr("From your order page"),
            Source::Estimate { rule, days, .. } if *days != rule.days => tr("Estimate with your length"),
            Source::Estimate { .. } => tr("Estimate"),
        }
    }

    /// What the date is counted from, in a few words: "60 days after shipment (Sat 26 Sep 2026)".
    pub fn basis(&self) -> String {
        match &self.source {
            Source::SetByBuyer => tr("You entered this date yourself").to_owned(),
            Source::OrderPage => tr("The protection end date from your order page").to_owned(),
            Source::Estimate { rule, counted_from, from_day, days } => counted(rule, *days, *counted_from, *from_day),
        }
    }

    /// Why this date: the basis, the range of values seen, the rule's note and when it was
    /// reviewed (its sources are links of their own: [`Deadline::sources`]).
    pub fn why(&self) -> String {
        let basis = self.basis();
        match &self.source {
            Source::SetByBuyer => trf("{basis}; it replaces the app's estimate.", &[("basis", &basis)]),
            Source::OrderPage => trf("{basis}; it beats any estimate.", &[("basis", &basis)]),
            Source::Estimate { rule, counted_from, days, .. } => {
                let mut text = format!("{basis}; {}. {}", rule.range_text(), rule.note_text());
                if *days != rule.days {
                    text.push(' ');
                    text.push_str(&trf(
                        "You set {length} instead of the rule's {days}.",
                        &[("length", &rule.length_text(*days)), ("days", &rule.days)],
                    ));
                }
                if *counted_from != rule.counts_from {
                    text.push(' ');
                    text.push_str(&trf(
                        "Counted from {event} because the date of {missing} is missing, so the real deadline is probably later.",
                        &[("event", &counted_from.phrase()), ("missing", &rule.counts_from.phrase())],
                    ));
                }
                if !rule.reviewed.is_empty() {
                    text.push(' ');
                    text.push_str(&trf("Reviewed {day}.", &[("day", &rule.reviewed)]));
                }
                text
            }
        }
    }
}

/// The instant a deadline's last day ends: platform steps at the earlier of the buyer's and the
/// platform's midnight (China's), payment rails (banks, PayPal) and a host's marketplace, whose
/// clock is not known, at the buyer's own.
fn due_at<Tz: TimeZone>(kind: DeadlineKind, last_day: NaiveDate, case: &Case, buyer_zone: &Tz) -> DateTime<Utc> {
    if kind.is_platform_step() && case.details.hosted_marketplace().is_none() {
        platform_day_end(last_day, buyer_zone)
    } else {
        end_of_day(last_day, buyer_zone)
    }
}

const KINDS: usize = DeadlineKind::ALL.len();

/// What the rules that apply to a case say of each step, by the step's place in
/// [`DeadlineKind::ALL`]: the earliest last day one of them gives, and the event the first of
/// them counts from (which the step waits for while no rule can date it). Made in one pass over
/// the rules.
struct Estimates {
    earliest: [Option<(NaiveDate, Source)>; KINDS],
    first_counts_from: [Option<Event>; KINDS],
}

impl Estimates {
    fn of(case: &Case) -> Self {
        let mut estimates = Estimates { earliest: [None; KINDS], first_counts_from: [None; KINDS] };
        for rule in applicable(case) {
            let step = rule.sets as usize;
            estimates.first_counts_from[step].get_or_insert(rule.counts_from);
            let Some((counted_from, from_day)) = rule.anchor(case) else { continue };
            let days = case.adjustments.rule_days.get(rule.id).copied().unwrap_or(rule.days);
            let last_day = add_days(from_day, days, rule.day_count);
            // The first of equally early rules counts, in the rules' order.
            if estimates.earliest[step].is_none_or(|(earliest, _)| last_day < earliest) {
                estimates.earliest[step] = Some((last_day, Source::Estimate { rule, counted_from, from_day, days }));
            }
        }
        estimates
    }
}

/// The last day of `kind` for `case`, and where it comes from, or what it still needs; none when
/// nothing can set it (every marketplace has an opening window; other steps need a rule or the
/// buyer's own date).
fn date_deadline(kind: DeadlineKind, case: &Case, estimates: &Estimates) -> Option<Result<(NaiveDate, Source), Needs>> {
    if let Some(day) = case.adjustments.deadline_days.get(&kind) {
        return Some(Ok((*day, Source::SetByBuyer)));
    }
    if kind == DeadlineKind::OpenDispute {
        if let Some(day) = case.details.protection_ends {
            return Some(Ok((day, Source::OrderPage)));
        }
    }
    let step = kind as usize;
    match (estimates.earliest[step], estimates.first_counts_from[step]) {
        (Some(found), _) => Some(Ok(found)),
        (None, Some(event)) => Some(Err(Needs::Event(event))),
        (None, None) if kind == DeadlineKind::OpenDispute => Some(Err(Needs::OrderPageDate)),
        (None, None) => None,
    }
}

/// Whether the step `kind` guards was done, and on which day if known.
fn step_done(kind: DeadlineKind, case: &Case) -> Option<Option<NaiveDate>> {
    let on = kind.met_by().iter().filter_map(|event| case.date_of(*event)).min();
    match on {
        Some(day) => Some(Some(day)),
        // The buyer may move the status on without recording the day they opened the dispute.
        None if kind == DeadlineKind::OpenDispute && !case.status().awaits_dispute() => Some(None),
        None => None,
    }
}

/// What the case's record alone says of a deadline's state, whatever the time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Settled {
    /// Done, missed or no longer needed.
    Is(State),
    /// Open until its due instant; `expected` when no current source confirms its date.
    Open { expected: bool },
}

fn settled(kind: DeadlineKind, last_day: NaiveDate, source: &Source, case: &Case) -> Settled {
    let expected = matches!(source, Source::Estimate { rule, .. } if rule.certainty == Certainty::Expected);
    match step_done(kind, case) {
        Some(Some(on)) if on <= last_day || expected => return Settled::Is(State::Met { on: Some(on) }),
        Some(None) => return Settled::Is(State::Met { on: None }),
        Some(Some(_late)) => return Settled::Is(State::Missed),
        None => {}
    }
    let route_closed = case.status() == Status::Resolved
        || (case.status() == Status::ClosedWithoutRefund && kind.ends_with_the_dispute());
    // Once the buyer has escalated, the platform has taken the seller's silence in hand.
    let handed_to_platform = kind.party() == Party::Seller && case.date_of(Event::Escalated).is_some();
    if route_closed || handed_to_platform {
        return Settled::Is(State::NotNeeded);
    }
    Settled::Open { expected }
}

impl Settled {
    fn at(self, due: DateTime<Utc>, now: DateTime<Utc>) -> State {
        match (self, Urgency::of(due, now)) {
            (Settled::Is(state), _) => state,
            (Settled::Open { expected: true }, urgency) => State::Expected { passed: urgency == Urgency::Overdue },
            (Settled::Open { expected: false }, Urgency::Overdue) => State::Missed,
            (Settled::Open { expected: false }, Urgency::DueSoon) => State::DueSoon,
            (Settled::Open { expected: false }, Urgency::Later) => State::Upcoming,
        }
    }
}

/// A dated deadline as the case's record sets it, before the time gives it a state.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Dated {
    kind: DeadlineKind,
    last_day: NaiveDate,
    due: DateTime<Utc>,
    source: Source,
    settled: Settled,
}

/// A case's deadlines as its record and the rules set them, in the buyer's zone: worked out once
/// for each change of the case (or of the host's rules), since the minute moves only their states
/// and which first days are still to come ([`Schedule::at`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Schedule {
    dated: Vec<Dated>,
    pending: Vec<Pending>,
    waits: Vec<NotBefore>,
}

/// Every deadline that applies to `case`, dated for the buyer's zone.
pub fn schedule<Tz: TimeZone>(case: &Case, buyer_zone: &Tz) -> Schedule {
    let estimates = Estimates::of(case);
    // A case has four or five dated deadlines: room for all kinds would be a kilobyte and a half
    // of memory per case to fill and free.
    let mut result = Schedule { dated: Vec::with_capacity(6), ..Schedule::default() };
    for &kind in DeadlineKind::ALL {
        let Some(dated) = date_deadline(kind, case, &estimates) else { continue };
        match dated {
            Ok((last_day, source)) => {
                let due = due_at(kind, last_day, case, buyer_zone);
                let settled = settled(kind, last_day, &source, case);
                result.dated.push(Dated { kind, last_day, due, source, settled });
            }
            Err(needs) => result.pending.push(Pending { kind, needs }),
        }
    }
    result.dated.sort_by_key(|deadline| (deadline.due, deadline.kind));
    result.waits = not_before(case, &result.dated);
    result
}

impl Schedule {
    /// The chain at `now`, which is `today` in the buyer's zone.
    pub fn at(&self, today: NaiveDate, now: DateTime<Utc>) -> Chain {
        let dated = self.dated.iter().map(|step| Deadline {
            kind: step.kind,
            last_day: step.last_day,
            due: step.due,
            source: step.source,
            state: step.settled.at(step.due, now),
        });
        Chain {
            dated: dated.collect(),
            pending: self.pending.clone(),
            not_before: self.waits.iter().filter(|wait| wait.opens_on() > today).cloned().collect(),
        }
    }
}

/// Every deadline that applies to `case`, computed for the buyer's zone at `now`.
pub fn chain<Tz: TimeZone>(case: &Case, buyer_zone: &Tz, now: DateTime<Utc>) -> Chain {
    schedule(case, buyer_zone).at(today_in(now, buyer_zone), now)
}

impl Chain {
    /// The deadline that matters most now: the next open one, else the latest missed one while the
    /// case is still going, else the next date to expect.
    pub fn most_urgent(&self) -> Option<&Deadline> {
        self.dated
            .iter()
            .find(|deadline| deadline.state.is_open())
            .or_else(|| self.dated.iter().rev().find(|deadline| deadline.state == State::Missed))
            .or_else(|| self.dated.iter().find(|deadline| deadline.state == State::Expected { passed: false }))
    }

    pub fn get(&self, kind: DeadlineKind) -> Option<&Deadline> {
        self.dated.iter().find(|deadline| deadline.kind == kind)
    }

    /// The first day of the step `kind`, while it is still to come.
    pub fn not_before(&self, kind: DeadlineKind) -> Option<&NotBefore> {
        self.not_before.iter().find(|wait| wait.rule.sets == kind)
    }
}

/// Every case's chain, in the cases' order, for the views of many cases (worked out once and
/// shared). A resolved case's deadlines are all met or no longer needed, and no such view shows
/// them, so its chain is left empty rather than worked out.
pub fn chains<Tz: TimeZone>(cases: &[Case], buyer_zone: &Tz, now: DateTime<Utc>) -> Vec<Chain> {
    chains_at(&schedules(cases, buyer_zone), today_in(now, buyer_zone), now)
}

/// Every case's schedule, in the cases' order, for [`chains_at`]; a resolved case's is empty.
pub fn schedules<Tz: TimeZone>(cases: &[Case], buyer_zone: &Tz) -> Vec<Schedule> {
    cases
        .iter()
        .map(|case| if case.status() == Status::Resolved { Schedule::default() } else { schedule(case, buyer_zone) })
        .collect()
}

/// Every case's chain from its schedule at `now` (`today` in the buyer's zone): what the minute
/// recomputes.
pub fn chains_at(schedules: &[Schedule], today: NaiveDate, now: DateTime<Utc>) -> Vec<Chain> {
    schedules.iter().map(|schedule| schedule.at(today, now)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{CaseDetails, CaseId, OrderDates};
    use crate::domain::clock::PLATFORM_TIME;
    use crate::domain::vocabulary::{PaymentMethod, Platform, Problem};
    use crate::support::{day, utc};
    use chrono::Duration;
    use chrono_tz::{America, Asia, Europe, Pacific};

    fn case(platform: Platform, problem: Problem, dates: OrderDates) -> Case {
        let details = CaseDetails {
            platform,
            order_number: "8123456789".into(),
            seller: "Store".into(),
            item: "Headphones".into(),
            payment_method: PaymentMethod::PlatformBalance,
            dates,
            problem,
            ..CaseDetails::default()
        };
        Case::new(CaseId::new("c"), details, utc("2026-01-01T00:00:00Z"))
    }

    fn shipped(on: NaiveDate) -> OrderDates {
        OrderDates { shipped: Some(on), ..OrderDates::default() }
    }

    #[test]
    fn the_shared_chains_leave_out_only_resolved_cases() {
        let open = case(Platform::AliExpress, Problem::NotReceived, shipped(day(2026, 3, 2)));
        let mut resolved = open.clone();
        resolved.set_status(Status::Resolved);
        let full = chain(&resolved, &Utc, early());
        assert!(!full.dated.is_empty() && full.dated.iter().all(|d| !d.state.is_open()), "nothing left to count down");
        let shared = chains(&[open.clone(), resolved], &Utc, early());
        assert_eq!(shared, [chain(&open, &Utc, early()), Chain::default()]);
    }

    #[test]
    fn each_step_is_found_at_its_place_among_all_steps() {
        for (place, kind) in DeadlineKind::ALL.iter().enumerate() {
            assert_eq!(*kind as usize, place, "{kind:?}");
        }
    }

    #[test]
    fn a_schedule_worked_out_once_gives_at_each_moment_the_chain_worked_out_afresh() {
        let mut paypal = case(Platform::AliExpress, Problem::NotReceived, shipped(day(2026, 3, 2)));
        paypal.details.payment_method = PaymentMethod::PayPal;
        let zone = Europe::Madrid;
        let once = schedule(&paypal, &zone);
        // Before the dispute can open, as it closes, the day after, and long after.
        for moment in ["2026-03-05T10:00:00Z", "2026-05-01T21:00:00Z", "2026-05-02T23:30:00Z", "2027-01-01T00:00:00Z"] {
            let now = utc(moment);
            let afresh = chain(&paypal, &zone, now);
            assert_eq!(once.at(today_in(now, &zone), now), afresh, "at {moment}");
        }
        let states: Vec<State> = ["2026-03-05T10:00:00Z", "2027-01-01T00:00:00Z"]
            .iter()
            .map(|at| chain(&paypal, &zone, utc(at)).dated[0].state)
            .collect();
        assert_ne!(states[0], states[1], "the minute moves the states");
        assert!(!chain(&paypal, &zone, utc("2026-03-05T10:00:00Z")).not_before.is_empty(), "a first day still to come");
    }

    /// A moment long before every deadline in these tests, so states are about dates only.
    fn early() -> DateTime<Utc> {
        utc("2025-01-01T00:00:00Z")
    }

    fn opening(case: &Case, zone: &impl TimeZone) -> Deadline {
        chain(case, zone, early()).get(DeadlineKind::OpenDispute).cloned().expect("an opening deadline")
    }

    fn rule_id(deadline: &Deadline) -> &'static str {
        match &deadline.source {
            Source::Estimate { rule, .. } => rule.id,
            Source::OrderPage => "order page",
            Source::SetByBuyer => "buyer",
        }
    }

    #[test]
    fn aliexpress_counts_60_days_from_shipment() {
        let mut case = case(Platform::AliExpress, Problem::NotReceived, shipped(day(2026, 9, 3)));
        case.details.dates.paid = Some(day(2026, 9, 1));
        let deadline = opening(&case, &Utc);
        assert_eq!(deadline.last_day, day(2026, 11, 2));
        assert_eq!(rule_id(&deadline), "aliexpress.protection.after_shipment");
        assert!(deadline.is_estimate());
        // In UTC, China's midnight (16:00 UTC) comes first.
        assert_eq!(deadline.due, utc("2026-11-02T16:00:00Z"));
    }

    #[test]
    fn aliexpress_without_a_shipping_date_counts_from_payment_and_says_so() {
        let dates = OrderDates { paid: Some(day(2026, 9, 1)), ..Default::default() };
        let deadline = opening(&case(Platform::AliExpress, Problem::NotReceived, dates), &Utc);
        assert_eq!(deadline.last_day, day(2026, 10, 31));
        assert!(matches!(deadline.source, Source::Estimate { counted_from: Event::Paid, .. }));
        assert!(deadline.why().contains("because the date of shipment is missing"), "{}", deadline.why());
    }

    #[test]
    fn aliexpress_delivery_and_confirmation_shorten_the_window() {
        let mut dates = shipped(day(2026, 9, 3));
        dates.receipt_confirmed = Some(day(2026, 9, 20));
        let deadline = opening(&case(Platform::AliExpress, Problem::DamagedOrDefective, dates.clone()), &Utc);
        assert_eq!(
            (deadline.last_day, rule_id(&deadline)),
            (day(2026, 10, 5), "aliexpress.protection.after_receipt_confirmed")
        );
        dates.delivered = Some(day(2026, 9, 18));
        let deadline = opening(&case(Platform::AliExpress, Problem::DamagedOrDefective, dates), &Utc);
        assert_eq!(
            (deadline.last_day, rule_id(&deadline)),
            (day(2026, 9, 23), "aliexpress.protection.after_delivered")
        );
    }

    #[test]
    fn alibaba_counts_30_days_from_receipt_or_else_from_delivery() {
        let dates = OrderDates { delivered: Some(day(2026, 2, 10)), ..Default::default() };
        let deadline = opening(&case(Platform::AlibabaTradeAssurance, Problem::NotAsDescribed, dates.clone()), &Utc);
        assert_eq!(deadline.last_day, day(2026, 3, 12));
        assert!(matches!(deadline.source, Source::Estimate { counted_from: Event::Delivered, .. }));
        let confirmed = OrderDates { receipt_confirmed: Some(day(2026, 2, 12)), ..dates };
        let deadline = opening(&case(Platform::AlibabaTradeAssurance, Problem::NotAsDescribed, confirmed), &Utc);
        assert_eq!(deadline.last_day, day(2026, 3, 14));
    }

    #[test]
    fn alibaba_non_delivery_counts_from_the_promised_date() {
        let dates =
            OrderDates { paid: Some(day(2026, 1, 5)), promised_delivery: Some(day(2026, 2, 1)), ..Default::default() };
        let deadline = opening(&case(Platform::AlibabaTradeAssurance, Problem::NotReceived, dates.clone()), &Utc);
        assert_eq!(
            (deadline.last_day, rule_id(&deadline)),
            (day(2026, 3, 3), "alibaba.trade_assurance.on_time_delivery")
        );
        // The late-delivery claim is not the window for a quality problem: that one waits for receipt.
        let quality = chain(&case(Platform::AlibabaTradeAssurance, Problem::WrongItem, dates), &Utc, early());
        assert_eq!(quality.get(DeadlineKind::OpenDispute), None);
        assert!(quality
            .pending
            .contains(&Pending { kind: DeadlineKind::OpenDispute, needs: Needs::Event(Event::ReceiptConfirmed) }));
    }

    #[test]
    fn the_order_page_date_beats_every_estimate_and_the_buyers_own_date_beats_it() {
        let dates =
            OrderDates { shipped: Some(day(2026, 9, 3)), delivered: Some(day(2026, 9, 18)), ..Default::default() };
        let mut case = case(Platform::AliExpress, Problem::WrongItem, dates);
        case.details.protection_ends = Some(day(2026, 12, 1));
        let deadline = opening(&case, &Asia::Tokyo);
        assert_eq!((deadline.last_day, &deadline.source), (day(2026, 12, 1), &Source::OrderPage));
        assert_eq!(deadline.source_label(), "From your order page");
        assert_eq!(deadline.due, utc("2026-12-01T15:00:00Z"));

        case.adjustments.deadline_days.insert(DeadlineKind::OpenDispute, day(2026, 11, 20));
        let deadline = opening(&case, &Asia::Tokyo);
        assert_eq!((deadline.last_day, &deadline.source), (day(2026, 11, 20), &Source::SetByBuyer));
        assert_eq!(deadline.source_label(), "Set by you");
        assert_eq!(deadline.why(), "You entered this date yourself; it replaces the app's estimate.");
    }

    #[test]
    fn the_buyer_can_change_a_rules_length_for_one_case() {
        let mut case = case(Platform::AliExpress, Problem::NotReceived, shipped(day(2026, 9, 3)));
        case.adjustments.rule_days.insert("aliexpress.protection.after_shipment".into(), 75);
        let deadline = opening(&case, &Utc);
        assert_eq!(deadline.last_day, day(2026, 11, 17));
        assert_eq!(deadline.source_label(), "Estimate with your length");
        assert!(deadline.why().contains("You set 75 days instead of the rule's 60."), "{}", deadline.why());
    }

    #[test]
    fn other_marketplaces_need_the_order_page_date() {
        let mut case = case(Platform::OtherMarketplace, Problem::Other, shipped(day(2026, 9, 3)));
        let pending = chain(&case, &Utc, early()).pending;
        assert_eq!(pending, [Pending { kind: DeadlineKind::OpenDispute, needs: Needs::OrderPageDate }]);
        assert!(pending[0].missing_input());
        assert!(pending[0].explanation().contains("order page"));
        case.details.protection_ends = Some(day(2026, 10, 1));
        assert_eq!(opening(&case, &Utc).last_day, day(2026, 10, 1));
    }

    #[test]
    fn without_dates_every_deadline_says_what_it_waits_for() {
        let chain = chain(&case(Platform::AliExpress, Problem::NotReceived, OrderDates::default()), &Utc, early());
        assert!(chain.dated.is_empty());
        let needs: Vec<_> = chain.pending.iter().map(|p| (p.kind, p.needs)).collect();
        assert_eq!(
            needs,
            [
                (DeadlineKind::OpenDispute, Needs::Event(Event::Shipped)),
                (DeadlineKind::SellerResponse, Needs::Event(Event::DisputeOpened)),
                (DeadlineKind::AnswerProposal, Needs::Event(Event::SellerResponded)),
                (DeadlineKind::PlatformStepsIn, Needs::Event(Event::DisputeOpened)),
                (DeadlineKind::ExpectedDecision, Needs::Event(Event::DisputeOpened)),
                (DeadlineKind::Appeal, Needs::Event(Event::DecisionIssued)),
                (DeadlineKind::ShipReturn, Needs::Event(Event::ReturnAgreed)),
                (DeadlineKind::RefundArrival, Needs::Event(Event::RefundIssued)),
            ]
        );
        assert_eq!(chain.pending[0].explanation(), "Add the date of shipment to the case to see this deadline.");
        assert_eq!(chain.pending[5].explanation(), "Starts once you record \"Decision issued\".");
    }

    /// An AliExpress case paid by card, walked through a whole dispute one recorded step at a time.
    #[test]
    fn recorded_steps_move_the_chain_forward() {
        let mut case = case(Platform::AliExpress, Problem::NotAsDescribed, shipped(day(2026, 9, 1)));
        case.details.payment_method = PaymentMethod::Card;
        case.details.dates.paid = Some(day(2026, 8, 30));
        let now = utc("2026-09-20T12:00:00Z");
        let states = |case: &Case, now| {
            chain(case, &Utc, now).dated.iter().map(|d| (d.kind, d.last_day, d.state)).collect::<Vec<_>>()
        };
        assert_eq!(
            states(&case, now),
            [
                (DeadlineKind::OpenDispute, day(2026, 10, 31), State::Upcoming),
                (DeadlineKind::Chargeback, day(2026, 12, 28), State::Upcoming),
            ]
        );

        case.record_step(Event::DisputeOpened, day(2026, 9, 20), case.updated_at);
        let chain_now = states(&case, now);
        assert_eq!(chain_now[0], (DeadlineKind::SellerResponse, day(2026, 9, 25), State::Upcoming));
        assert_eq!(chain_now[1], (DeadlineKind::PlatformStepsIn, day(2026, 9, 27), State::Upcoming));
        assert_eq!(chain_now[2], (DeadlineKind::ExpectedDecision, day(2026, 10, 5), State::Expected { passed: false }));
        assert_eq!(
            chain_now[3],
            (DeadlineKind::OpenDispute, day(2026, 10, 31), State::Met { on: Some(day(2026, 9, 20)) })
        );

        // Six days later, the seller has not answered: that window is missed.
        let later = utc("2026-09-26T12:00:00Z");
        assert_eq!(states(&case, later)[0], (DeadlineKind::SellerResponse, day(2026, 9, 25), State::Missed));

        case.record_step(Event::SellerResponded, day(2026, 9, 24), case.updated_at);
        case.record_step(Event::BuyerAnswered, day(2026, 9, 25), case.updated_at);
        case.record_step(Event::Escalated, day(2026, 9, 27), case.updated_at);
        case.record_step(Event::DecisionIssued, day(2026, 10, 4), case.updated_at);
        let after_decision = chain(&case, &Utc, utc("2026-10-09T12:00:00Z"));
        let appeal = after_decision.get(DeadlineKind::Appeal).unwrap();
        assert_eq!((appeal.last_day, appeal.state), (day(2026, 10, 11), State::Upcoming));
        assert_eq!(after_decision.most_urgent().unwrap().kind, DeadlineKind::Appeal);
        assert_eq!(
            after_decision.get(DeadlineKind::AnswerProposal).unwrap().state,
            State::Met { on: Some(day(2026, 9, 25)) }
        );
        assert_eq!(
            after_decision.get(DeadlineKind::SellerResponse).unwrap().state,
            State::Met { on: Some(day(2026, 9, 24)) }
        );

        case.record_step(Event::ReturnAgreed, day(2026, 10, 6), case.updated_at);
        case.record_step(Event::ReturnShipped, day(2026, 10, 10), case.updated_at);
        case.record_step(Event::RefundIssued, day(2026, 10, 23), case.updated_at);
        let refunding = chain(&case, &Utc, utc("2026-10-24T12:00:00Z"));
        assert_eq!(refunding.get(DeadlineKind::ShipReturn).unwrap().state, State::Met { on: Some(day(2026, 10, 10)) });
        // Friday 23 October + 10 business days = Friday 6 November.
        let refund = refunding.get(DeadlineKind::RefundArrival).unwrap();
        assert_eq!((refund.last_day, refund.state), (day(2026, 11, 6), State::Upcoming));

        case.record_step(Event::RefundReceived, day(2026, 11, 2), case.updated_at);
        case.set_status(Status::Resolved);
        let resolved = chain(&case, &Utc, utc("2026-11-03T12:00:00Z"));
        assert!(resolved.dated.iter().all(|d| matches!(d.state, State::Met { .. } | State::NotNeeded)), "{resolved:?}");
        assert_eq!(resolved.get(DeadlineKind::Chargeback).unwrap().state, State::NotNeeded);
        assert_eq!(resolved.most_urgent(), None);
    }

    #[test]
    fn a_parcel_not_received_can_be_disputed_only_from_10_days_after_shipment() {
        let mut case = case(Platform::AliExpress, Problem::NotReceived, shipped(day(2026, 11, 15)));
        let on = |case: &Case, text: &str| chain(case, &Utc, utc(text)).not_before(DeadlineKind::OpenDispute).cloned();
        let waiting = on(&case, "2026-11-20T12:00:00Z").unwrap();
        assert_eq!((waiting.day, waiting.while_in_transit), (day(2026, 11, 25), None));
        assert_eq!(waiting.basis(), "10 days after shipment (Sun 15 Nov 2026)");
        assert_eq!(on(&case, "2026-11-25T12:00:00Z"), None, "open from that day on");
        // While the parcel is in transit, the promised delivery date counts too.
        case.details.dates.promised_delivery = Some(day(2026, 12, 10));
        let in_transit = on(&case, "2026-11-30T12:00:00Z").unwrap();
        assert_eq!(in_transit.while_in_transit, Some(day(2026, 12, 10)));
        assert_eq!(on(&case, "2026-12-10T12:00:00Z"), None);
        // Once opened, or for a problem with what arrived, or on another platform: nothing to wait for.
        let mut opened = case.clone();
        opened.record_step(Event::DisputeOpened, day(2026, 11, 20), opened.updated_at);
        assert_eq!(on(&opened, "2026-11-20T12:00:00Z"), None);
        let damaged = self::case(Platform::AliExpress, Problem::DamagedOrDefective, shipped(day(2026, 11, 15)));
        assert_eq!(on(&damaged, "2026-11-20T12:00:00Z"), None);
        let alibaba = self::case(Platform::AlibabaTradeAssurance, Problem::NotReceived, shipped(day(2026, 11, 15)));
        assert_eq!(on(&alibaba, "2026-11-20T12:00:00Z"), None);
    }

    #[test]
    fn a_parcel_promised_within_5_days_can_be_disputed_once_that_day_has_come() {
        // Paid Monday 2 November, promised for Friday the 6th (4 days), shipped the 3rd.
        let mut case = case(Platform::AliExpress, Problem::NotReceived, shipped(day(2026, 11, 3)));
        case.details.dates.paid = Some(day(2026, 11, 2));
        case.details.dates.promised_delivery = Some(day(2026, 11, 6));
        let on = |case: &Case, text: &str| chain(case, &Utc, utc(text)).not_before(DeadlineKind::OpenDispute).cloned();
        let waiting = on(&case, "2026-11-04T12:00:00Z").unwrap();
        assert_eq!((waiting.rule.id, waiting.opens_on()), ("aliexpress.open_from.short_promise", day(2026, 11, 6)));
        assert_eq!(on(&case, "2026-11-06T12:00:00Z"), None, "not 10 days after shipment (13 November)");
        // Promised 5 days after payment: the usual 10 days after shipment.
        case.details.dates.promised_delivery = Some(day(2026, 11, 7));
        assert_eq!(on(&case, "2026-11-08T12:00:00Z").map(|wait| wait.opens_on()), Some(day(2026, 11, 13)));
    }

    #[test]
    fn mastercards_wait_without_a_delivery_date_and_paypals_before_escalating_say_from_when() {
        // Paid by card on Monday 2 November, nothing promised, never came: not before 2 December.
        let mut card = case(Platform::AliExpress, Problem::NotReceived, OrderDates::default());
        card.details.payment_method = PaymentMethod::Card;
        card.details.dates.paid = Some(day(2026, 11, 2));
        let wait = |case: &Case, kind, now: &str| chain(case, &Utc, utc(now)).not_before(kind).map(NotBefore::opens_on);
        assert_eq!(wait(&card, DeadlineKind::Chargeback, "2026-11-10T12:00:00Z"), Some(day(2026, 12, 2)));
        assert_eq!(
            chain(&card, &Utc, utc("2026-11-10T12:00:00Z"))
                .not_before(DeadlineKind::Chargeback)
                .map(NotBefore::headline),
            Some("You can file the chargeback from Wed 2 Dec 2026".to_owned())
        );
        assert_eq!(wait(&card, DeadlineKind::Chargeback, "2026-12-02T12:00:00Z"), None);
        card.details.dates.promised_delivery = Some(day(2026, 11, 20));
        assert_eq!(wait(&card, DeadlineKind::Chargeback, "2026-11-10T12:00:00Z"), None, "a delivery date was given");

        // PayPal: escalating waits 7 days after payment, once there is a PayPal dispute to escalate.
        let mut paypal = case(Platform::AliExpress, Problem::NotReceived, OrderDates::default());
        paypal.details.payment_method = PaymentMethod::PayPal;
        paypal.details.dates.paid = Some(day(2026, 11, 2));
        assert_eq!(
            wait(&paypal, DeadlineKind::PayPalEscalation, "2026-11-05T12:00:00Z"),
            None,
            "no PayPal dispute yet"
        );
        paypal.record_step(Event::PayPalDisputeOpened, day(2026, 11, 4), paypal.updated_at);
        assert_eq!(wait(&paypal, DeadlineKind::PayPalEscalation, "2026-11-05T12:00:00Z"), Some(day(2026, 11, 9)));
        assert_eq!(wait(&paypal, DeadlineKind::PayPalEscalation, "2026-11-09T12:00:00Z"), None);
    }

    #[test]
    fn a_date_no_current_source_confirms_is_expected_never_missed() {
        let mut case = case(Platform::AliExpress, Problem::NotReceived, shipped(day(2026, 9, 1)));
        case.record_step(Event::DisputeOpened, day(2026, 9, 20), case.updated_at);
        case.record_step(Event::Escalated, day(2026, 9, 24), case.updated_at);
        let state_of =
            |case: &Case, now: &str| chain(case, &Utc, utc(now)).get(DeadlineKind::ExpectedDecision).map(|d| d.state);
        let state = |now: &str| state_of(&case, now);
        // 15 days from the dispute: Monday 5 October, a day to expect, before and after it.
        assert_eq!(state("2026-10-04T12:00:00Z"), Some(State::Expected { passed: false }));
        assert_eq!(state("2026-10-20T12:00:00Z"), Some(State::Expected { passed: true }));
        let late = chain(&case, &Utc, utc("2026-10-20T12:00:00Z"));
        assert!(late.dated.iter().all(|d| d.state != State::Missed), "{late:?}");
        // A decision that came after the expected day is done, not late.
        case.record_step(Event::DecisionIssued, day(2026, 10, 12), case.updated_at);
        assert_eq!(state_of(&case, "2026-10-20T12:00:00Z"), Some(State::Met { on: Some(day(2026, 10, 12)) }));
    }

    #[test]
    fn a_seller_silence_the_buyer_escalated_is_handled_not_overdue() {
        let mut case = case(Platform::AliExpress, Problem::NotReceived, shipped(day(2026, 9, 1)));
        case.record_step(Event::DisputeOpened, day(2026, 9, 20), case.updated_at);
        let silent = chain(&case, &Utc, utc("2026-09-27T12:00:00Z"));
        assert_eq!(silent.get(DeadlineKind::SellerResponse).unwrap().state, State::Missed);
        case.record_step(Event::Escalated, day(2026, 9, 27), case.updated_at);
        let escalated = chain(&case, &Utc, utc("2026-09-28T12:00:00Z"));
        assert_eq!(escalated.get(DeadlineKind::SellerResponse).unwrap().state, State::NotNeeded);
        assert_eq!(escalated.most_urgent().unwrap().kind, DeadlineKind::ExpectedDecision);
    }

    #[test]
    fn a_step_done_after_its_deadline_counts_as_missed() {
        let mut case = case(Platform::AliExpress, Problem::NotReceived, shipped(day(2026, 9, 1)));
        case.record_step(Event::DisputeOpened, day(2026, 11, 5), case.updated_at);
        assert_eq!(opening(&case, &Utc).state, State::Missed);
    }

    #[test]
    fn a_status_past_opening_meets_the_opening_deadline_even_without_its_day() {
        let mut case = case(Platform::AliExpress, Problem::NotReceived, shipped(day(2026, 9, 1)));
        case.set_status(Status::Escalated);
        assert_eq!(opening(&case, &Utc).state, State::Met { on: None });
    }

    #[test]
    fn closing_without_a_refund_keeps_only_the_payment_rails_alive() {
        let mut case = case(Platform::AliExpress, Problem::NotReceived, shipped(day(2026, 9, 1)));
        case.details.payment_method = PaymentMethod::PayPal;
        case.details.dates.paid = Some(day(2026, 8, 30));
        case.record_step(Event::DisputeOpened, day(2026, 9, 15), case.updated_at);
        case.record_step(Event::DecisionIssued, day(2026, 10, 1), case.updated_at);
        case.set_status(Status::ClosedWithoutRefund);
        let chain = chain(&case, &Utc, utc("2026-10-02T00:00:00Z"));
        assert_eq!(chain.get(DeadlineKind::Appeal).unwrap().state, State::NotNeeded);
        let paypal = chain.get(DeadlineKind::PayPalDispute).unwrap();
        assert_eq!((paypal.last_day, paypal.state), (day(2027, 2, 26), State::Upcoming));
        assert_eq!(chain.most_urgent().unwrap().kind, DeadlineKind::PayPalDispute);
        assert!(chain.pending.contains(&Pending {
            kind: DeadlineKind::PayPalEscalation,
            needs: Needs::Event(Event::PayPalDisputeOpened)
        }));
    }

    #[test]
    fn payment_rails_count_in_the_buyers_own_day_and_cover_every_platform() {
        let mut case = case(Platform::OtherMarketplace, Problem::Other, OrderDates::default());
        case.details.payment_method = PaymentMethod::Card;
        case.details.dates.paid = Some(day(2026, 1, 10));
        case.record_step(Event::CardStatement, day(2026, 1, 25), case.updated_at);
        let chain = chain(&case, &America::Los_Angeles, early());
        let chargeback = chain.get(DeadlineKind::Chargeback).unwrap();
        assert_eq!(chargeback.last_day, day(2026, 5, 10));
        // Midnight in Los Angeles (PDT), not China's earlier one: the bank is not on platform time.
        assert_eq!(chargeback.due, utc("2026-05-11T07:00:00Z"));
        let fcba = chain.get(DeadlineKind::FcbaNotice).unwrap();
        assert_eq!(fcba.last_day, day(2026, 3, 26));
    }

    #[test]
    fn due_instants_follow_the_buyer_zone_across_daylight_saving() {
        // Shipped 9 Jan + 60 days = 10 March 2026, two days after New York springs forward:
        // China's midnight (16:00 UTC) is 12:00 EDT, before New York's own midnight.
        let case1 = case(Platform::AliExpress, Problem::NotReceived, shipped(day(2026, 1, 9)));
        let deadline = opening(&case1, &America::New_York);
        assert_eq!((deadline.last_day, deadline.due), (day(2026, 3, 10), utc("2026-03-10T16:00:00Z")));
        // In Auckland (UTC+13 in March) the buyer's midnight comes first.
        assert_eq!(opening(&case1, &Pacific::Auckland).due, utc("2026-03-10T11:00:00Z"));
        // Berlin on its fall-back day, 25 October 2026 (shipped 26 August): China's midnight first.
        let case2 = case(Platform::AliExpress, Problem::NotReceived, shipped(day(2026, 8, 26)));
        let deadline = opening(&case2, &Europe::Berlin);
        assert_eq!((deadline.last_day, deadline.due), (day(2026, 10, 25), utc("2026-10-25T16:00:00Z")));
        // A PayPal window ending on New York's fall-back day ends at that day's local midnight.
        let mut case3 = case(Platform::AliExpress, Problem::NotReceived, OrderDates::default());
        case3.details.payment_method = PaymentMethod::PayPal;
        case3.details.dates.paid = Some(day(2026, 5, 5));
        let paypal = chain(&case3, &America::New_York, early()).get(DeadlineKind::PayPalDispute).cloned().unwrap();
        assert_eq!((paypal.last_day, paypal.due), (day(2026, 11, 1), utc("2026-11-02T05:00:00Z")));
    }

    #[test]
    fn leap_day_and_month_ends() {
        // Shipped 31 December 2027 + 60 days = 29 February 2028.
        let case = case(Platform::AliExpress, Problem::NotReceived, shipped(day(2027, 12, 31)));
        assert_eq!(opening(&case, &PLATFORM_TIME).last_day, day(2028, 2, 29));
        assert_eq!(opening(&case, &PLATFORM_TIME).due, utc("2028-02-29T16:00:00Z"));
        // A decision on 31 January 2027 + 7 days: 7 February.
        let mut appealing = case.clone();
        appealing.record_step(Event::DecisionIssued, day(2027, 1, 31), appealing.updated_at);
        let appeal = chain(&appealing, &Utc, early()).get(DeadlineKind::Appeal).cloned().unwrap();
        assert_eq!(appeal.last_day, day(2027, 2, 7));
    }

    /// Each rule alone, counted from Monday 2 March 2026, against dates worked out by hand.
    #[test]
    fn every_rule_dates_its_deadline() {
        use crate::domain::rules::{rule_by_id, Requirement, Scope, RULES};
        let expected = [
            ("aliexpress.protection.after_shipment", day(2026, 5, 1)),
            ("aliexpress.protection.after_receipt_confirmed", day(2026, 3, 17)),
            ("aliexpress.protection.after_delivered", day(2026, 3, 7)),
            // 90 calendar days from payment on 2 March: 29 left in March, 30 in April, 31 in May.
            ("aliexpress.free_returns.china", day(2026, 5, 31)),
            ("aliexpress.free_returns.europe", day(2026, 3, 17)),
            ("aliexpress.free_returns.brazil", day(2026, 3, 9)),
            ("aliexpress.seller_response", day(2026, 3, 7)),
            ("aliexpress.answer_proposal", day(2026, 3, 4)),
            ("aliexpress.platform_steps_in", day(2026, 3, 9)),
            ("aliexpress.expected_decision", day(2026, 3, 17)),
            ("aliexpress.appeal", day(2026, 3, 9)),
            ("aliexpress.ship_return", day(2026, 3, 12)),
            ("aliexpress.refund_arrival", day(2026, 3, 16)),
            ("alibaba.trade_assurance.after_receipt", day(2026, 4, 1)),
            ("alibaba.trade_assurance.on_time_delivery", day(2026, 4, 1)),
            ("alibaba.on_time_compensation", day(2026, 4, 1)),
            ("alibaba.easy_return", day(2026, 4, 1)),
            ("alibaba.supplier_response", day(2026, 3, 5)),
            ("alibaba.escalation", day(2026, 3, 9)),
            ("alibaba.mediation", day(2026, 3, 23)),
            // 7 business days from Monday 2 March: Wednesday 11 March.
            ("alibaba.refund_start", day(2026, 3, 11)),
            // 10 business days from Monday 2 March: Monday 16 March.
            ("alibaba.refund_arrival", day(2026, 3, 16)),
            ("card.chargeback", day(2026, 6, 30)),
            ("card.fcba_notice", day(2026, 5, 1)),
            ("paypal.dispute", day(2026, 8, 29)),
            ("paypal.escalation", day(2026, 3, 22)),
        ];
        assert_eq!(expected.len(), RULES.len(), "every rule has a row");
        for (id, last_day) in expected {
            let rule = rule_by_id(id).unwrap();
            let mut case = case(Platform::OtherMarketplace, Problem::NotAsDescribed, OrderDates::default());
            match rule.scope {
                Scope::Platform(platform) => case.details.platform = platform,
                Scope::Payment(method) => case.details.payment_method = method,
                Scope::Hosted { .. } => unreachable!("the built-in rules hold no host's rule"),
            }
            if !rule.problems.covers(case.details.problem) {
                case.details.problem = Problem::NotReceived;
            }
            if let Requirement::FreeReturns(origin) = rule.requires {
                case.details.free_returns = origin;
            }
            let anchor = day(2026, 3, 2);
            match rule.counts_from {
                Event::Shipped => case.details.dates.shipped = Some(anchor),
                Event::Delivered => case.details.dates.delivered = Some(anchor),
                Event::ReceiptConfirmed => case.details.dates.receipt_confirmed = Some(anchor),
                Event::PromisedDelivery => case.details.dates.promised_delivery = Some(anchor),
                Event::Paid => case.details.dates.paid = Some(anchor),
                later => {
                    case.record_step(later, anchor, case.updated_at);
                }
            }
            let deadline =
                chain(&case, &Utc, early()).get(rule.sets).cloned().unwrap_or_else(|| panic!("{id} dated nothing"));
            assert_eq!(deadline.last_day, last_day, "{id}");
            assert_eq!(rule_id(&deadline), id);
            assert!(deadline.why().contains(rule.note), "{id} explains itself");
        }
    }

    #[test]
    fn days_read_the_same_as_chronos_own_format() {
        for offset in 0..800 {
            let day = day(2026, 1, 1) + Duration::days(offset);
            assert_eq!(day_text(day), day.format("%a %-d %b %Y").to_string());
        }
    }

    #[test]
    fn state_follows_now() {
        let case = case(Platform::AliExpress, Problem::NotReceived, shipped(day(2026, 9, 3)));
        let state = |now| chain(&case, &Utc, now).get(DeadlineKind::OpenDispute).unwrap().state;
        assert_eq!(state(utc("2026-10-01T00:00:00Z")), State::Upcoming);
        assert_eq!(state(utc("2026-11-01T00:00:00Z")), State::DueSoon);
        assert_eq!(state(utc("2026-11-02T16:00:00Z")), State::Missed);
        let due = opening(&case, &Utc).due;
        assert_eq!(state(due - Duration::seconds(1)), State::DueSoon);
    }

    #[test]
    fn why_names_rule_value_range_and_sources() {
        let case = case(Platform::AliExpress, Problem::NotReceived, shipped(day(2026, 9, 3)));
        let deadline = opening(&case, &Utc);
        let why = deadline.why();
        assert!(why.starts_with("60 days after shipment (Thu 3 Sep 2026); 60 to 120 days seen."), "{why}");
        assert!(why.ends_with("Reviewed 2026-11-21."), "{why}");
        // Its sources are public pages a buyer can open, never the project's own files.
        assert!(!deadline.sources().is_empty());
        for source in deadline.sources() {
            assert!(source.address.starts_with("http"), "{source:?}");
            assert!(!source.title.contains("RULES.md"), "{source:?}");
        }
        let mut refunded = case.clone();
        refunded.record_step(Event::RefundIssued, day(2026, 10, 2), refunded.updated_at);
        let refund = chain(&refunded, &Utc, early()).get(DeadlineKind::RefundArrival).cloned().unwrap();
        assert!(refund.why().starts_with("10 business days after the refund was issued"), "{}", refund.why());
    }
}
