//! The case journal: an append-only log of what happened. Nothing is edited in place: a
//! correction is a new entry that replaces an earlier one (or withdraws it), and both stay on
//! record. The steps the journal records are what move the deadlines.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::clock::rfc3339;
use super::i18n::{tr, trf, MessageLanguage};
use super::money::Money;
use super::vocabulary::{Event, Status};

choices! {
    /// Where a message was exchanged.
    Channel {
        PlatformChat => "platform_chat", "Platform chat";
        DisputePage => "dispute_page", "Dispute page";
        Email => "email", "Email";
        Phone => "phone", "Phone or video call";
        Other => "other", "Somewhere else";
    }
}

choices! {
    /// Who a message or a proposal came from.
    Author {
        Buyer => "buyer", "You";
        Seller => "seller", "The seller";
        Platform => "platform", "The platform";
    }
}

choices! {
    /// What the buyer asks for, or what a proposal offers.
    Resolution {
        RefundOnly => "refund_only", "Full refund, keep the item";
        ReturnAndRefund => "return_and_refund", "Return the item for a full refund";
        PartialRefund => "partial_refund", "Partial refund, keep the item";
        Replacement => "replacement", "Replacement";
    }
}

choices! {
    /// What the platform decided.
    Outcome {
        FullRefund => "full_refund", "Full refund";
        PartialRefund => "partial_refund", "Partial refund";
        ReturnForRefund => "return_for_refund", "Refund after returning the item";
        Rejected => "rejected", "No refund";
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Entry {
    Message {
        channel: Channel,
        from: Author,
        summary: String,
        /// The full text, pasted by the buyer, when they want it kept.
        #[serde(default)]
        text: String,
    },
    /// A step of the dispute (or of a payment fallback) happened.
    Step {
        event: Event,
    },
    Proposal {
        from: Author,
        resolution: Resolution,
        amount: Option<Money>,
        #[serde(default)]
        note: String,
    },
    Decision {
        outcome: Outcome,
        amount: Option<Money>,
        /// The ruling on an appeal, which cannot be appealed again.
        #[serde(default)]
        after_appeal: bool,
        #[serde(default)]
        note: String,
    },
    /// The buyer set the case's status by hand.
    Status {
        to: Status,
    },
    Note {
        text: String,
    },
    /// Only as a correction: the corrected entry no longer counts.
    Withdrawn,
}

impl Entry {
    /// The dispute steps this entry shows happened.
    pub fn events(&self) -> impl Iterator<Item = Event> {
        let (first, then) = match self {
            Entry::Step { event } => (Some(*event), None),
            Entry::Proposal { from: Author::Seller, .. } => (Some(Event::SellerResponded), None),
            Entry::Proposal { from: Author::Buyer, .. } => (Some(Event::BuyerAnswered), None),
            // A platform that decides on a return starts its return window that day, whenever the
            // buyer gets round to accepting it.
            Entry::Decision { outcome, after_appeal, .. } => (
                (!after_appeal).then_some(Event::DecisionIssued),
                (*outcome == Outcome::ReturnForRefund).then_some(Event::ReturnAgreed),
            ),
            _ => (None, None),
        };
        first.into_iter().chain(then)
    }

    /// A one-line account for the journal view, in the buyer's language.
    pub fn summary(&self) -> String {
        self.summary_in(MessageLanguage::Buyers)
    }

    /// A one-line account in `language`: the buyer's, or English for a letter to the bank.
    pub fn summary_in(&self, language: MessageLanguage) -> String {
        let amount =
            |amount: &Option<Money>| amount.as_ref().map(|m| format!(" ({})", m.text_in(language))).unwrap_or_default();
        match self {
            Entry::Message { channel, from, summary, .. } => language.trf(
                "{who} wrote ({channel}): {summary}",
                &[
                    ("who", &language.tr(from.label())),
                    ("channel", &language.tr(channel.label()).to_lowercase()),
                    ("summary", summary),
                ],
            ),
            Entry::Step { event } => language.tr(event.label()).to_owned(),
            Entry::Proposal { from, resolution, amount: money, .. } => {
                let offer = format!("{}{}", language.tr(resolution.label()), amount(money));
                match from {
                    Author::Buyer => language.trf("You proposed: {offer}", &[("offer", &offer)]),
                    Author::Seller => language.trf("The seller proposed: {offer}", &[("offer", &offer)]),
                    Author::Platform => language.trf("The platform proposed: {offer}", &[("offer", &offer)]),
                }
            }
            Entry::Decision { outcome, amount: money, after_appeal, .. } => {
                let outcome = format!("{}{}", language.tr(outcome.label()), amount(money));
                if *after_appeal {
                    language.trf("Final ruling after the appeal: {outcome}", &[("outcome", &outcome)])
                } else {
                    language.trf("Decision: {outcome}", &[("outcome", &outcome)])
                }
            }
            Entry::Status { to } => language.trf("Status set to \"{status}\"", &[("status", &language.tr(to.label()))]),
            Entry::Note { text } => text.clone(),
            Entry::Withdrawn => language.tr("Withdrawn").to_owned(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalEntry {
    pub id: u32,
    /// The day it happened.
    pub on: NaiveDate,
    /// When it was written down.
    #[serde(with = "rfc3339")]
    pub recorded_at: DateTime<Utc>,
    /// The original entry this one corrects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrects: Option<u32>,
    pub entry: Entry,
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum JournalError {
    #[error("{}", trf("There is no journal entry {detail} to correct.", &[("detail", &.0)]))]
    NoSuchEntry(u32),
    #[error("{}", trf("Only an original entry can be corrected; correct entry {detail} instead.", &[("detail", &.0)]))]
    NotAnOriginal(u32),
    #[error("{}", tr("An entry can only be withdrawn as a correction."))]
    WithdrawnOnItsOwn,
}

/// An entry as it counts now: its latest version, with how many times it was corrected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Current<'a> {
    pub original: &'a JournalEntry,
    pub latest: &'a JournalEntry,
    pub corrections: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Journal(Vec<JournalEntry>);

impl Journal {
    pub fn entries(&self) -> &[JournalEntry] {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn next_id(&self) -> u32 {
        self.0.iter().map(|entry| entry.id).max().map_or(1, |id| id + 1)
    }

    /// Adds a new entry and returns its id.
    pub fn append(&mut self, on: NaiveDate, entry: Entry, now: DateTime<Utc>) -> Result<u32, JournalError> {
        if entry == Entry::Withdrawn {
            return Err(JournalError::WithdrawnOnItsOwn);
        }
        let id = self.next_id();
        self.0.push(JournalEntry { id, on, recorded_at: now, corrects: None, entry });
        Ok(id)
    }

    /// Records a correction of the original entry `id`: it replaces what that entry says from now
    /// on (or withdraws it), and the original stays on record.
    pub fn correct(&mut self, id: u32, on: NaiveDate, entry: Entry, now: DateTime<Utc>) -> Result<u32, JournalError> {
        let original = self.0.iter().find(|e| e.id == id).ok_or(JournalError::NoSuchEntry(id))?;
        if original.corrects.is_some() {
            return Err(JournalError::NotAnOriginal(id));
        }
        let new_id = self.next_id();
        self.0.push(JournalEntry { id: new_id, on, recorded_at: now, corrects: Some(id), entry });
        Ok(new_id)
    }

    /// Every entry as it counts now, withdrawn ones left out, in the order things happened.
    pub fn current(&self) -> Vec<Current<'_>> {
        let mut latest: BTreeMap<u32, (&JournalEntry, usize)> = BTreeMap::new();
        for entry in &self.0 {
            match entry.corrects {
                None => {
                    latest.entry(entry.id).or_insert((entry, 0));
                }
                Some(original) => {
                    if let Some((current, count)) = latest.get_mut(&original) {
                        *current = entry;
                        *count += 1;
                    }
                }
            }
        }
        let mut current: Vec<Current> = latest
            .into_iter()
            .filter(|(_, (latest, _))| latest.entry != Entry::Withdrawn)
            .filter_map(|(id, (latest, corrections))| {
                let original = self.0.iter().find(|e| e.id == id)?;
                Some(Current { original, latest, corrections })
            })
            .collect();
        current.sort_by_key(|c| (c.latest.on, c.original.id));
        current
    }

    /// Every version of the original entry `id`, oldest first.
    pub fn history(&self, id: u32) -> Vec<&JournalEntry> {
        self.0.iter().filter(|e| e.id == id || e.corrects == Some(id)).collect()
    }

    /// The day each step happened, from the entries as they count now (the earliest if twice).
    pub fn progress(&self) -> BTreeMap<Event, NaiveDate> {
        let mut progress = BTreeMap::new();
        for current in self.current() {
            for event in current.latest.entry.events() {
                progress.entry(event).or_insert(current.latest.on);
            }
        }
        progress
    }

    /// The status the recorded entries lead to, from `New`: writing to the seller starts the talk,
    /// steps move it forward (never back; a refund received resolves even a closed case), and a
    /// status set by hand replaces it.
    pub fn status(&self) -> Status {
        self.current().iter().fold(Status::New, |status, current| match &current.latest.entry {
            Entry::Status { to } => *to,
            Entry::Message { from: Author::Buyer, .. } if status == Status::New => Status::TalkingToSeller,
            entry => match entry.events().filter_map(Event::status_after).max() {
                Some(Status::Resolved) => Status::Resolved,
                Some(next) if next > status && !status.is_closed() => next,
                _ => status,
            },
        })
    }

    /// The latest proposal from the seller, as it counts now.
    pub fn latest_proposal(&self, from: Author) -> Option<(&JournalEntry, &Entry)> {
        self.current()
            .into_iter()
            .rev()
            .find(|c| matches!(&c.latest.entry, Entry::Proposal { from: author, .. } if *author == from))
            .map(|c| (c.latest, &c.latest.entry))
    }

    /// The latest decision, as it counts now.
    pub fn latest_decision(&self) -> Option<(&JournalEntry, &Entry)> {
        self.current()
            .into_iter()
            .rev()
            .find(|c| matches!(c.latest.entry, Entry::Decision { .. }))
            .map(|c| (c.latest, &c.latest.entry))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::day;

    fn at(h: u32) -> DateTime<Utc> {
        day(2026, 11, 21).and_hms_opt(h, 0, 0).unwrap().and_utc()
    }

    fn step(event: Event) -> Entry {
        Entry::Step { event }
    }

    #[test]
    fn entries_are_appended_and_counted_in_the_order_they_happened() {
        let mut journal = Journal::default();
        let first = journal.append(day(2026, 11, 10), step(Event::DisputeOpened), at(1)).unwrap();
        let second = journal.append(day(2026, 11, 8), Entry::Note { text: "Seller silent".into() }, at(2)).unwrap();
        assert_eq!((first, second), (1, 2));
        let order: Vec<u32> = journal.current().iter().map(|c| c.original.id).collect();
        assert_eq!(order, [2, 1]);
        assert_eq!(journal.progress().get(&Event::DisputeOpened), Some(&day(2026, 11, 10)));
        assert_eq!(journal.status(), Status::DisputeOpen);
    }

    #[test]
    fn a_correction_replaces_what_counts_and_keeps_the_original_on_record() {
        let mut journal = Journal::default();
        let id = journal.append(day(2026, 11, 10), step(Event::DisputeOpened), at(1)).unwrap();
        let fixed = journal.correct(id, day(2026, 11, 9), step(Event::DisputeOpened), at(2)).unwrap();
        assert_eq!(journal.progress().get(&Event::DisputeOpened), Some(&day(2026, 11, 9)));
        assert_eq!(journal.entries().len(), 2, "nothing is overwritten");
        let history: Vec<u32> = journal.history(id).iter().map(|e| e.id).collect();
        assert_eq!(history, [id, fixed]);
        let current = journal.current();
        assert_eq!((current.len(), current[0].corrections, current[0].latest.id), (1, 1, fixed));
        assert_eq!(
            journal.correct(fixed, day(2026, 11, 9), Entry::Withdrawn, at(3)),
            Err(JournalError::NotAnOriginal(fixed))
        );
        assert_eq!(journal.correct(99, day(2026, 11, 9), Entry::Withdrawn, at(3)), Err(JournalError::NoSuchEntry(99)));
    }

    #[test]
    fn withdrawing_an_entry_undoes_its_step_and_status() {
        let mut journal = Journal::default();
        journal.append(day(2026, 11, 10), step(Event::DisputeOpened), at(1)).unwrap();
        let decision = journal
            .append(
                day(2026, 11, 12),
                Entry::Decision { outcome: Outcome::Rejected, amount: None, after_appeal: false, note: String::new() },
                at(2),
            )
            .unwrap();
        assert_eq!(journal.status(), Status::DecisionIssued);
        journal.correct(decision, day(2026, 11, 12), Entry::Withdrawn, at(3)).unwrap();
        assert_eq!(journal.status(), Status::DisputeOpen);
        assert_eq!(journal.progress().get(&Event::DecisionIssued), None);
        assert_eq!(journal.append(day(2026, 11, 12), Entry::Withdrawn, at(4)), Err(JournalError::WithdrawnOnItsOwn));
    }

    #[test]
    fn proposals_and_decisions_count_as_steps() {
        let mut journal = Journal::default();
        journal.append(day(2026, 11, 10), step(Event::DisputeOpened), at(1)).unwrap();
        let offer = Entry::Proposal {
            from: Author::Seller,
            resolution: Resolution::PartialRefund,
            amount: Some(Money { minor: 500, currency: "USD".into() }),
            note: String::new(),
        };
        journal.append(day(2026, 11, 12), offer.clone(), at(2)).unwrap();
        journal
            .append(
                day(2026, 11, 13),
                Entry::Proposal {
                    from: Author::Buyer,
                    resolution: Resolution::RefundOnly,
                    amount: None,
                    note: String::new(),
                },
                at(3),
            )
            .unwrap();
        let progress = journal.progress();
        assert_eq!(progress.get(&Event::SellerResponded), Some(&day(2026, 11, 12)));
        assert_eq!(progress.get(&Event::BuyerAnswered), Some(&day(2026, 11, 13)));
        assert_eq!(journal.latest_proposal(Author::Seller).map(|(_, e)| e.clone()), Some(offer.clone()));
        assert_eq!(offer.summary(), "The seller proposed: Partial refund, keep the item (5.00 USD)");
        // A final ruling after an appeal does not restart the appeal window.
        let ruling =
            Entry::Decision { outcome: Outcome::FullRefund, amount: None, after_appeal: true, note: String::new() };
        assert_eq!(ruling.events().next(), None);
    }

    #[test]
    fn writing_to_the_seller_starts_the_talk() {
        let mut journal = Journal::default();
        let message =
            |from| Entry::Message { channel: Channel::PlatformChat, from, summary: "Hi".into(), text: String::new() };
        journal.append(day(2026, 11, 3), message(Author::Seller), at(1)).unwrap();
        assert_eq!(journal.status(), Status::New);
        journal.append(day(2026, 11, 4), message(Author::Buyer), at(2)).unwrap();
        assert_eq!(journal.status(), Status::TalkingToSeller);
        journal.append(day(2026, 11, 5), step(Event::DisputeOpened), at(3)).unwrap();
        journal.append(day(2026, 11, 6), message(Author::Buyer), at(4)).unwrap();
        assert_eq!(journal.status(), Status::DisputeOpen);
    }

    #[test]
    fn a_status_set_by_hand_replaces_and_later_steps_move_on_from_it() {
        let mut journal = Journal::default();
        journal.append(day(2026, 11, 10), Entry::Status { to: Status::TalkingToSeller }, at(1)).unwrap();
        assert_eq!(journal.status(), Status::TalkingToSeller);
        journal.append(day(2026, 11, 11), step(Event::Escalated), at(2)).unwrap();
        assert_eq!(journal.status(), Status::Escalated);
        journal.append(day(2026, 11, 12), Entry::Status { to: Status::ClosedWithoutRefund }, at(3)).unwrap();
        journal.append(day(2026, 11, 13), step(Event::AppealFiled), at(4)).unwrap();
        assert_eq!(journal.status(), Status::ClosedWithoutRefund, "a closed case stays closed");
        journal.append(day(2026, 11, 14), step(Event::RefundReceived), at(5)).unwrap();
        assert_eq!(journal.status(), Status::Resolved, "money back resolves it");
    }

    #[test]
    fn entries_serialize_with_a_readable_type_tag() {
        let entry = Entry::Message {
            channel: Channel::PlatformChat,
            from: Author::Seller,
            summary: "Asked me to wait".into(),
            text: String::new(),
        };
        let json = serde_json::to_value(&entry).unwrap();
        assert_eq!(json["type"], "message");
        assert_eq!(json["channel"], "platform_chat");
        assert_eq!(serde_json::from_value::<Entry>(json).unwrap(), entry);
    }
}
