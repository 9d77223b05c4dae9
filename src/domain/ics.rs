//! Deadlines as an iCalendar file (RFC 5545): one event per deadline, ending at the instant the
//! window closes, with alarms 3 days and 1 day before. UIDs are stable, so importing a newer file
//! updates the events instead of duplicating them; steps already done are sent as cancelled.

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::case::Case;
use super::deadline::{chain, Chain, Deadline, State};
use super::i18n::day_text;
use super::i18n::{push_decimal, tr, trf};

const MAX_LINE_OCTETS: usize = 75;

/// A calendar of `deadlines`, each with the case it belongs to, stamped at `now`.
pub fn calendar<'a>(deadlines: impl IntoIterator<Item = (&'a Case, &'a Deadline)>, now: DateTime<Utc>) -> String {
    let deadlines = deadlines.into_iter();
    // An event takes about a kilobyte: made room for once, the file is not copied as it grows.
    let mut out = String::with_capacity(1024 * (1 + deadlines.size_hint().0));
    for line in ["BEGIN:VCALENDAR", "VERSION:2.0", PRODUCT_LINE, "CALSCALE:GREGORIAN", "METHOD:PUBLISH"] {
        push_line(&mut out, line);
    }
    push_line(&mut out, "X-WR-CALNAME:Dispute Desk deadlines");
    let stamp_now = stamp(now);
    for (case, deadline) in deadlines {
        push_event(&mut out, case, deadline, &stamp_now);
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

/// A calendar of every dated deadline of `cases`, worked out in the buyer's time zone.
pub fn cases_calendar<'a, Tz: TimeZone>(
    cases: impl IntoIterator<Item = &'a Case>,
    buyer_zone: &Tz,
    now: DateTime<Utc>,
) -> String {
    let chains: Vec<(&Case, Chain)> = cases.into_iter().map(|case| (case, chain(case, buyer_zone, now))).collect();
    let deadlines: Vec<(&Case, &Deadline)> =
        chains.iter().flat_map(|(case, chain)| chain.dated.iter().map(move |deadline| (*case, deadline))).collect();
    calendar(deadlines, now)
}

/// The identifier of one deadline of one case, the same in every export.
pub fn uid(case: &Case, deadline: &Deadline) -> String {
    format!("{}.{}@dispute-desk", case.id, deadline.kind.key())
}

fn push_event(out: &mut String, case: &Case, deadline: &Deadline, stamp_now: &str) {
    use std::fmt::Write;
    // One buffer for every line of the event: folding needs the whole line first.
    let mut line = String::with_capacity(256);
    let mut push = |out: &mut String, args: std::fmt::Arguments| {
        line.clear();
        let _ = line.write_fmt(args);
        push_line(out, &line);
    };
    let summary = escape(&trf(
        "{deadline}: {title} (order {order})",
        &[("deadline", &tr(deadline.kind.label())), ("title", &case.title()), ("order", &case.details.order_number)],
    ));
    let status = match deadline.state {
        State::Met { .. } | State::NotNeeded => "CANCELLED",
        State::Upcoming | State::DueSoon | State::Missed => "CONFIRMED",
        State::Expected { .. } => "TENTATIVE",
    };
    // The short basis only: the full provenance, with its sources, is on the case page.
    let description = escape(&trf(
        "Last day: {day} ({source}: {basis}).\nIf it passes: {then}",
        &[
            ("day", &day_text(deadline.last_day)),
            ("source", &deadline.source_label()),
            ("basis", &deadline.basis()),
            ("then", &deadline.kind.if_missed()),
        ],
    ));
    push_line(out, "BEGIN:VEVENT");
    push(out, format_args!("UID:{}.{}@dispute-desk", case.id, deadline.kind.key()));
    push(out, format_args!("DTSTAMP:{stamp_now}"));
    // Each edit of the case makes a newer version of its events.
    push(out, format_args!("SEQUENCE:{}", case.updated_at.timestamp().max(0)));
    push(out, format_args!("DTSTART:{}", stamp(deadline.due - Duration::hours(1))));
    push(out, format_args!("DTEND:{}", stamp(deadline.due)));
    push(out, format_args!("SUMMARY:{summary}"));
    push(out, format_args!("DESCRIPTION:{description}"));
    push(out, format_args!("STATUS:{status}"));
    push_line(out, "TRANSP:TRANSPARENT");
    for before in ["-P3D", "-P1D"] {
        push_line(out, "BEGIN:VALARM");
        push_line(out, "ACTION:DISPLAY");
        push(out, format_args!("DESCRIPTION:{summary}"));
        push(out, format_args!("TRIGGER;RELATED=END:{before}"));
        push_line(out, "END:VALARM");
    }
    push_line(out, "END:VEVENT");
}

const PRODUCT_LINE: &str = "PRODID:-//Dispute Desk//Deadlines//EN";

/// A UTC date-time in the form RFC 5545 wants: 20261121T160000Z.
fn stamp(instant: DateTime<Utc>) -> String {
    use chrono::{Datelike, Timelike};
    // Written digit by digit: the file has two of these per deadline, and formatting machinery
    // was a sixth of its making.
    let instant = instant.naive_utc();
    let year = u32::try_from(instant.year()).unwrap_or(0).min(9999);
    let mut out = String::with_capacity(16);
    for (value, width) in [(year, 4), (instant.month(), 2), (instant.day(), 2)] {
        push_decimal(&mut out, value, width);
    }
    out.push('T');
    for value in [instant.hour(), instant.minute(), instant.second()] {
        push_decimal(&mut out, value, 2);
    }
    out.push('Z');
    out
}

/// TEXT escaping of RFC 5545 section 3.3.11. The special characters are all ASCII, so runs of
/// other bytes are copied whole.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 8);
    let mut run_start = 0;
    for (at, byte) in text.bytes().enumerate() {
        let replacement = match byte {
            b'\\' => "\\\\",
            b';' => "\\;",
            b',' => "\\,",
            b'\n' => "\\n",
            b'\r' => "",
            _ => continue,
        };
        escaped.push_str(&text[run_start..at]);
        escaped.push_str(replacement);
        run_start = at + 1;
    }
    escaped.push_str(&text[run_start..]);
    escaped
}

/// Appends one content line, folded at 75 octets without splitting a UTF-8 character and ended
/// by CRLF. A fold never touches whitespace: RFC 5545 unfolding drops exactly one space, but
/// some readers trim every physical line at both ends.
fn push_line(out: &mut String, line: &str) {
    let mut rest = line;
    let mut budget = MAX_LINE_OCTETS;
    while rest.len() > budget {
        let mut cut = budget;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let touches_space =
            |at: usize| rest[..at].ends_with(char::is_whitespace) || rest[at..].starts_with(char::is_whitespace);
        let mut at = cut;
        while at > 0 && touches_space(at) {
            at = rest[..at].char_indices().next_back().map_or(0, |(index, _)| index);
        }
        // A line of nothing but spaces cannot avoid them.
        let at = if at == 0 { cut } else { at };
        out.push_str(&rest[..at]);
        out.push_str("\r\n ");
        rest = &rest[at..];
        // The leading space of a continuation line counts towards its 75 octets.
        budget = MAX_LINE_OCTETS - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{CaseDetails, CaseId, OrderDates};
    use crate::domain::deadline::chain;
    use crate::domain::vocabulary::Event;
    use crate::support::utc;
    use chrono::NaiveDate;

    fn case() -> Case {
        let details = CaseDetails {
            order_number: "8123456789".into(),
            seller: "Store".into(),
            item: "Écouteurs sans fil, \"pro\"; version\\2 — 🎧 with a very long name that needs folding".into(),
            dates: OrderDates {
                paid: NaiveDate::from_ymd_opt(2026, 9, 1),
                shipped: NaiveDate::from_ymd_opt(2026, 9, 3),
                ..OrderDates::default()
            },
            ..CaseDetails::default()
        };
        let mut case =
            Case::new(CaseId::new("0d3c6a0e-5b1c-4a51-9a86-1f6f5d0c2e11"), details, utc("2026-09-10T08:00:00Z"));
        case.record_step(Event::DisputeOpened, NaiveDate::from_ymd_opt(2026, 9, 12).unwrap(), case.updated_at);
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
        assert!(folded.contains("\r\n "));
        let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
        assert!(folded.split("\r\n").all(|part| part.len() <= 75));
    }

    fn fold(line: &str) -> String {
        let mut out = String::new();
        push_line(&mut out, line);
        out
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
        assert_eq!(escape("é,🎧;"), "é\\,🎧\\;");
        assert_eq!(escape(""), "");
        assert_eq!(stamp(utc("2026-03-05T07:08:09Z")), "20260305T070809Z");
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
