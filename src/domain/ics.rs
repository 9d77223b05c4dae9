//! Deadlines as an iCalendar file (RFC 5545): one event per deadline, ending at the instant the
//! window closes, with alarms 3 days and 1 day before. UIDs are stable, so importing a newer file
//! updates the events instead of duplicating them; steps already done are sent as cancelled.

use chrono::{DateTime, Duration, Utc};

use super::case::Case;
use super::deadline::{day_text, Deadline, State};

const PRODUCT: &str = "-//Dispute Desk//Deadlines//EN";
const MAX_LINE_OCTETS: usize = 75;

/// A calendar of `deadlines`, each with the case it belongs to, stamped at `now`.
pub fn calendar<'a>(deadlines: impl IntoIterator<Item = (&'a Case, &'a Deadline)>, now: DateTime<Utc>) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        format!("PRODID:{PRODUCT}"),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        "X-WR-CALNAME:Dispute Desk deadlines".to_owned(),
    ];
    for (case, deadline) in deadlines {
        lines.extend(event(case, deadline, now));
    }
    lines.push("END:VCALENDAR".to_owned());
    lines.iter().map(|line| fold(line)).collect()
}

/// The identifier of one deadline of one case, the same in every export.
pub fn uid(case: &Case, deadline: &Deadline) -> String {
    format!("{}.{}@dispute-desk", case.id, deadline.kind.key())
}

fn event(case: &Case, deadline: &Deadline, now: DateTime<Utc>) -> Vec<String> {
    let summary = format!("{}: {} (order {})", deadline.kind.label(), case.title(), case.details.order_number);
    let status = match deadline.state {
        State::Met { .. } | State::NotNeeded => "CANCELLED",
        State::Upcoming | State::DueSoon | State::Missed => "CONFIRMED",
    };
    let description = format!(
        "Last day: {}. {} If it passes: {}\nWhy this date: {}",
        day_text(deadline.last_day),
        deadline.source_label(),
        deadline.kind.if_missed(),
        deadline.why(),
    );
    let mut lines = vec![
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}", uid(case, deadline)),
        format!("DTSTAMP:{}", stamp(now)),
        // Each edit of the case makes a newer version of its events.
        format!("SEQUENCE:{}", case.updated_at.timestamp().max(0)),
        format!("DTSTART:{}", stamp(deadline.due - Duration::hours(1))),
        format!("DTEND:{}", stamp(deadline.due)),
        format!("SUMMARY:{}", escape(&summary)),
        format!("DESCRIPTION:{}", escape(&description)),
        format!("STATUS:{status}"),
        "TRANSP:TRANSPARENT".to_owned(),
    ];
    for before in ["-P3D", "-P1D"] {
        lines.extend([
            "BEGIN:VALARM".to_owned(),
            "ACTION:DISPLAY".to_owned(),
            format!("DESCRIPTION:{}", escape(&summary)),
            format!("TRIGGER;RELATED=END:{before}"),
            "END:VALARM".to_owned(),
        ]);
    }
    lines.push("END:VEVENT".to_owned());
    lines
}

fn stamp(instant: DateTime<Utc>) -> String {
    instant.format("%Y%m%dT%H%M%SZ").to_string()
}

/// TEXT escaping of RFC 5545 section 3.3.11.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            ';' => escaped.push_str("\\;"),
            ',' => escaped.push_str("\\,"),
            '\n' => escaped.push_str("\\n"),
            '\r' => {}
            other => escaped.push(other),
        }
    }
    escaped
}

/// One content line, folded at 75 octets without splitting a UTF-8 character, ended by CRLF.
/// A fold never touches whitespace: RFC 5545 unfolding drops exactly one space, but some readers
/// trim every physical line at both ends.
fn fold(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut folded = String::with_capacity(line.len() + line.len() / MAX_LINE_OCTETS * 3 + 2);
    let mut start = 0;
    while start < chars.len() || start == 0 {
        // The leading space of a continuation line counts towards its 75 octets.
        let budget = if start == 0 { MAX_LINE_OCTETS } else { MAX_LINE_OCTETS - 1 };
        let (mut end, mut octets) = (start, 0);
        while end < chars.len() && octets + chars[end].len_utf8() <= budget {
            octets += chars[end].len_utf8();
            end += 1;
        }
        while end < chars.len() && end > start + 1 && (chars[end].is_whitespace() || chars[end - 1].is_whitespace()) {
            end -= 1;
        }
        if start > 0 {
            folded.push(' ');
        }
        folded.extend(&chars[start..end]);
        folded.push_str("\r\n");
        if end == start {
            break;
        }
        start = end;
    }
    folded
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{CaseDetails, CaseId, Event, OrderDates, PaymentMethod, Platform, Problem};
    use crate::domain::deadline::chain;
    use chrono::NaiveDate;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    fn case() -> Case {
        let details = CaseDetails {
            platform: Platform::AliExpress,
            order_number: "8123456789".into(),
            seller: "Store".into(),
            item: "Écouteurs sans fil, \"pro\"; version\\2 — 🎧 with a very long name that needs folding".into(),
            amount: None,
            payment_method: PaymentMethod::Card,
            dates: OrderDates {
                paid: NaiveDate::from_ymd_opt(2026, 9, 1),
                shipped: NaiveDate::from_ymd_opt(2026, 9, 3),
                ..OrderDates::default()
            },
            protection_ends: None,
            problem: Problem::NotReceived,
            notes: String::new(),
        };
        let mut case =
            Case::new(CaseId::new("0d3c6a0e-5b1c-4a51-9a86-1f6f5d0c2e11"), details, utc("2026-09-10T08:00:00Z"));
        case.progress.insert(Event::DisputeOpened, NaiveDate::from_ymd_opt(2026, 9, 12).unwrap());
        case
    }

    fn export(case: &Case) -> String {
        let now = utc("2026-09-13T10:00:00Z");
        let chain = chain(case, &Utc, now);
        calendar(chain.dated.iter().map(|deadline| (case, deadline)), now)
    }

    /// Reads the file back with an independent parser (the `ical` crate).
    fn parse(text: &str) -> ical::parser::ical::component::IcalCalendar {
        let mut calendars = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
        let calendar = calendars.next().expect("one calendar").expect("a valid calendar");
        assert!(calendars.next().is_none());
        calendar
    }

    fn property<'a>(properties: &'a [ical::property::Property], name: &str) -> &'a str {
        properties.iter().find(|p| p.name == name).and_then(|p| p.value.as_deref()).unwrap_or_default()
    }

    #[test]
    fn an_independent_parser_reads_one_event_per_deadline() {
        let case = case();
        let text = export(&case);
        let calendar = parse(&text);
        assert_eq!(property(&calendar.properties, "VERSION"), "2.0");
        let chain = chain(&case, &Utc, utc("2026-09-13T10:00:00Z"));
        assert_eq!(calendar.events.len(), chain.dated.len());
        let uids: Vec<_> = calendar.events.iter().map(|e| property(&e.properties, "UID").to_owned()).collect();
        assert!(uids.contains(&"0d3c6a0e-5b1c-4a51-9a86-1f6f5d0c2e11.seller_response@dispute-desk".to_owned()));
        let seller =
            calendar.events.iter().find(|e| property(&e.properties, "UID").contains("seller_response")).unwrap();
        // Opened 12 September + 5 days = 17 September, ending at China's midnight (16:00 UTC).
        assert_eq!(property(&seller.properties, "DTEND"), "20260917T160000Z");
        assert_eq!(property(&seller.properties, "DTSTART"), "20260917T150000Z");
        assert_eq!(property(&seller.properties, "STATUS"), "CONFIRMED");
        let triggers: Vec<_> = seller.alarms.iter().map(|alarm| property(&alarm.properties, "TRIGGER")).collect();
        assert_eq!(triggers, ["-P3D", "-P1D"]);
        let opening = calendar.events.iter().find(|e| property(&e.properties, "UID").contains("open_dispute")).unwrap();
        assert_eq!(property(&opening.properties, "STATUS"), "CANCELLED", "a step already done is cancelled");
    }

    #[test]
    fn text_is_escaped_and_survives_folding() {
        let case = case();
        let calendar = parse(&export(&case));
        let seller =
            calendar.events.iter().find(|e| property(&e.properties, "UID").contains("seller_response")).unwrap();
        let summary = property(&seller.properties, "SUMMARY");
        let expected = format!("Seller must respond: {} (order 8123456789)", case.title());
        assert_eq!(summary, escape(&expected), "the unfolded value is the whole escaped text");
        assert!(summary.contains("sans fil\\, \"pro\"\\; version\\\\2 — 🎧"), "{summary}");
    }

    #[test]
    fn lines_end_in_crlf_and_never_exceed_75_octets() {
        let text = export(&case());
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'), "no bare line feeds");
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        assert!(text.contains("\r\n "), "the long summary was folded");
    }

    #[test]
    fn folding_never_splits_a_character() {
        let line = format!("SUMMARY:{}", "é🎧".repeat(40));
        let folded = fold(&line);
        let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
        assert!(folded.split("\r\n").all(|part| part.len() <= 75));
    }

    #[test]
    fn a_space_at_the_fold_survives_readers_that_trim_lines() {
        let line = format!("SUMMARY:{} {}", "x".repeat(66), "y".repeat(20));
        assert_eq!(line.find(' '), Some(74), "the space falls exactly on the fold");
        let folded = fold(&line);
        for part in folded.trim_end_matches("\r\n").split("\r\n") {
            assert!(!part.ends_with(' ') && !part.starts_with("  "), "{folded:?}");
        }
        let calendar = parse(&format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n{folded}END:VEVENT\r\nEND:VCALENDAR\r\n"
        ));
        assert_eq!(property(&calendar.events[0].properties, "SUMMARY"), &line["SUMMARY:".len()..]);
        assert_eq!(fold(""), "\r\n");
    }

    #[test]
    fn escaping_follows_the_rfc() {
        assert_eq!(escape("a,b;c\\d\ne\r\n"), "a\\,b\\;c\\\\d\\ne\\n");
    }

    #[test]
    fn exports_are_stable_and_updates_carry_a_newer_sequence() {
        let mut case = case();
        let first = export(&case);
        assert_eq!(export(&case), first, "the same case exports the same file");
        case.updated_at = utc("2026-09-12T09:00:00Z");
        let second = export(&case);
        let sequence = |text: &str| {
            let calendar = parse(text);
            property(&calendar.events[0].properties, "SEQUENCE").parse::<i64>().unwrap()
        };
        assert!(sequence(&second) > sequence(&first));
        let uids = |text: &str| {
            parse(text).events.iter().map(|e| property(&e.properties, "UID").to_owned()).collect::<Vec<_>>()
        };
        assert_eq!(uids(&first), uids(&second));
    }
}
