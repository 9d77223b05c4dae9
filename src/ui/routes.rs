//! The app's own addresses inside it (before the host's base, see `browser::href`), written
//! once: a case, its sections, its edit form and its printable file. The router's `<Route>`s
//! (`app.rs`, `pages/case/mod.rs`) match them; the build writes those into index.html's base
//! detector (xtask/src/routes.rs).

use crate::domain::case::CaseId;

/// The parts of a case page, in the order its bar of sections shows them.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Section {
    NextStep,
    Deadlines,
    Evidence,
    Messages,
    Journal,
    Details,
    Share,
}

impl Section {
    pub(crate) const ALL: [Section; 7] = [
        Section::NextStep,
        Section::Deadlines,
        Section::Evidence,
        Section::Messages,
        Section::Journal,
        Section::Details,
        Section::Share,
    ];

    /// The section's last path segment; the next step is the case's own address.
    fn segment(self) -> &'static str {
        match self {
            Section::NextStep => "",
            Section::Deadlines => "deadlines",
            Section::Evidence => "evidence",
            Section::Messages => "messages",
            Section::Journal => "journal",
            Section::Details => "details",
            Section::Share => "share",
        }
    }
}

/// A case's own address: its next step.
pub(crate) fn case_path(id: &CaseId) -> String {
    format!("/cases/{id}")
}

/// The address of a case's section.
pub(crate) fn section_path(id: &CaseId, section: Section) -> String {
    match section.segment() {
        "" => case_path(id),
        segment => format!("/cases/{id}/{segment}"),
    }
}

pub(crate) fn edit_path(id: &CaseId) -> String {
    format!("/cases/{id}/edit")
}

pub(crate) fn print_path(id: &CaseId) -> String {
    format!("/cases/{id}/print")
}
