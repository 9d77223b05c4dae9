//! The class that colours a case by how much it needs the buyer, the same on the dashboard's
//! rows and on the case's own page; the badge beside it says the same in words.

use crate::domain::overview::Attention;

pub fn attention_class(attention: Attention) -> &'static str {
    match attention {
        Attention::Overdue => "overdue",
        Attention::DueSoon => "due-soon",
        Attention::DatesMissing => "dates-missing",
        Attention::Upcoming => "later",
        Attention::InProgress => "in-progress",
        Attention::Closed => "closed",
    }
}
