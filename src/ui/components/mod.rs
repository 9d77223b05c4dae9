//! Reusable pieces of the interface.

mod adjust_deadline;
mod case_form;
mod countdown;
mod due_soon_banner;
mod form_field;
mod record_step;
mod storage_status;
mod timeline;

pub use adjust_deadline::AdjustDeadline;
pub use case_form::CaseFormView;
pub use countdown::Countdown;
pub use due_soon_banner::DueSoonBanner;
pub use record_step::RecordStep;
pub use storage_status::StorageStatus;
pub use timeline::{state_class, Timeline};
