//! Reusable pieces of the interface.

mod adjust_deadline;
mod backup_reminder;
mod bulk_actions;
mod case_chart;
mod case_form;
mod countdown;
mod due_soon_banner;
mod evidence_locker;
mod form_field;
mod guide_card;
mod journal_view;
mod message_writer;
mod more_rows;
mod object_url;
mod share_case;
mod storage_status;
mod timeline;
mod worklist_tools;

pub use adjust_deadline::AdjustDeadline;
pub use backup_reminder::BackupReminder;
pub use bulk_actions::BulkActions;
pub use case_chart::CaseChart;
pub use case_form::{save_and_open, CaseFormView};
pub use countdown::Countdown;
pub use due_soon_banner::DueSoonBanner;
pub use evidence_locker::EvidenceLocker;
pub use guide_card::GuideCard;
pub use journal_view::JournalView;
pub use message_writer::MessageWriter;
pub use more_rows::{MoreRows, PAGE};
pub use object_url::use_object_url;
pub use share_case::ShareCase;
pub use storage_status::StorageStatus;
pub use timeline::{state_class, Timeline};
pub use worklist_tools::WorklistTools;
