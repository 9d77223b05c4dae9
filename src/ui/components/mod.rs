//! Reusable pieces of the interface.

mod case_form;
mod countdown;
mod deadline_card;
mod form_field;
mod storage_status;

pub use case_form::CaseFormView;
pub use countdown::Countdown;
pub use deadline_card::DeadlineCard;
pub use storage_status::StorageStatus;
