//! The pure domain core: cases, rules, deadline arithmetic and the stored record format.
//! Nothing here reads the clock or touches the browser; callers pass `now` and the buyer's time zone.

#[macro_use]
mod choices;

pub mod abilities;
pub mod advice;
pub mod backup;
pub mod case;
pub mod clock;
pub mod deadline;
pub mod deadline_kind;
pub mod evidence;
pub mod form;
pub mod guide;
pub mod i18n;
pub mod ics;
pub mod import;
pub mod journal;
pub mod legal;
pub mod link;
pub mod money;
pub mod overview;
pub mod proof;
pub mod recognise;
pub mod record;
pub mod reminders;
pub mod rule_book;
pub mod rules;
pub mod share;
pub mod site;
pub mod templates;
pub mod vocabulary;
pub mod worklist;
