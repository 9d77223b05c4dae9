//! Instants, days and time left. The buyer's time zone is any `chrono::TimeZone`: the browser's
//! `Local` in the app, named zones from chrono-tz in the tests.

use chrono::{DateTime, Duration, FixedOffset, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};

use super::i18n::{tr, trf, trn};

/// The platforms run on China Standard Time (UTC+8, no daylight saving).
pub const PLATFORM_TIME: FixedOffset = match FixedOffset::east_opt(8 * 3600) {
    Some(offset) => offset,
    None => panic!("UTC+8 is a valid offset"),
};

/// The instant a calendar day ends in `zone`: the first instant of the next local day.
///
/// Where local midnight does not exist (a daylight-saving gap at midnight, as in Chile or Cuba)
/// the day ends when the clocks jump; where it happens twice, the earlier one counts.
pub fn end_of_day<Tz: TimeZone>(day: NaiveDate, zone: &Tz) -> DateTime<Utc> {
    let next_midnight = day.succ_opt().unwrap_or(day).and_time(NaiveTime::MIN);
    if let LocalResult::Single(instant) = zone.from_local_datetime(&next_midnight) {
        return instant.with_timezone(&Utc);
    }
    // Gaps are at most a few hours; walk forward a minute at a time to the first local time that exists.
    (0..=24 * 60)
        .map(|minutes| next_midnight + Duration::minutes(minutes))
        .find_map(|local| match zone.from_local_datetime(&local) {
            LocalResult::Single(instant) => Some(instant.with_timezone(&Utc)),
            LocalResult::Ambiguous(earlier, _) => Some(earlier.with_timezone(&Utc)),
            LocalResult::None => None,
        })
        .unwrap_or_else(|| next_midnight.and_utc())
}

/// When a platform deadline on `day` really ends for the buyer: at the earlier of their own
/// midnight and the platform's, so a buyer west of China is not caught out by its earlier midnight.
pub fn platform_day_end<Tz: TimeZone>(day: NaiveDate, buyer_zone: &Tz) -> DateTime<Utc> {
    end_of_day(day, buyer_zone).min(end_of_day(day, &PLATFORM_TIME))
}

/// The calendar day `now` falls on in `zone`.
pub fn today_in<Tz: TimeZone>(now: DateTime<Utc>, zone: &Tz) -> NaiveDate {
    now.with_timezone(zone).date_naive()
}

/// A day as date inputs send it, `YYYY-MM-DD`, or `None`. Read here rather than by chrono's
/// format parser, which would put its whole strftime reader in the first download for one shape.
pub fn iso_day(text: &str) -> Option<NaiveDate> {
    let mut parts = text.trim().splitn(3, '-');
    let mut number = |digits: usize| {
        parts.next().filter(|part| part.len() == digits && part.bytes().all(|b| b.is_ascii_digit()))?.parse().ok()
    };
    let (year, month, day) = (number(4)?, number(2)?, number(2)?);
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

/// Instants as stored and shared: RFC 3339 text, as chrono writes it, read back by chrono's RFC 3339
/// reader (`#[serde(with = "rfc3339")]`). Chrono's own `Deserialize` goes through its general
/// `FromStr`, which takes other forms too and brings its whole format parser into every download
/// that reads a time, the first one included (settings, attached files).
pub mod rfc3339 {
    use chrono::{DateTime, Utc};
    use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(instant: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
        instant.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
        deserializer.deserialize_str(Rfc3339)
    }

    struct Rfc3339;

    impl de::Visitor<'_> for Rfc3339 {
        type Value = DateTime<Utc>;

        fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
            formatter.write_str("an RFC 3339 date and time")
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<DateTime<Utc>, E> {
            DateTime::parse_from_rfc3339(text).map(|instant| instant.with_timezone(&Utc)).map_err(E::custom)
        }
    }

    /// The same for an instant that may be missing.
    pub mod option {
        use super::*;

        #[derive(Deserialize)]
        struct Instant(#[serde(with = "super")] DateTime<Utc>);

        pub fn serialize<S: Serializer>(instant: &Option<DateTime<Utc>>, serializer: S) -> Result<S::Ok, S::Error> {
            instant.serialize(serializer)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<DateTime<Utc>>, D::Error> {
            Ok(Option::<Instant>::deserialize(deserializer)?.map(|Instant(instant)| instant))
        }
    }
}

/// How pressing a deadline is, for sorting and for the words and colours that flag it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Urgency {
    Overdue,
    /// Due within 48 hours.
    DueSoon,
    Later,
}

impl Urgency {
    pub const DUE_SOON_WINDOW_HOURS: i64 = 48;

    pub fn of(due: DateTime<Utc>, now: DateTime<Utc>) -> Self {
        let left = due - now;
        if left <= Duration::zero() {
            Urgency::Overdue
        } else if left <= Duration::hours(Self::DUE_SOON_WINDOW_HOURS) {
            Urgency::DueSoon
        } else {
            Urgency::Later
        }
    }

    /// A word that says the state without relying on colour.
    pub fn label(self) -> &'static str {
        match self {
            Urgency::Overdue => "Overdue",
            Urgency::DueSoon => "Due soon",
            Urgency::Later => "Upcoming",
        }
    }
}

/// Time left until `due`, in words: "2 days 4 hours left", in the last day "5 hours 12 minutes
/// left", and "overdue by ..." once it has passed.
pub fn time_left_text(due: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let left = due - now;
    if left <= Duration::zero() {
        trf("overdue by {time}", &[("time", &span_text(-left))])
    } else {
        trf("{time} left", &[("time", &span_text(left))])
    }
}

fn span_text(span: Duration) -> String {
    let minutes = span.num_minutes();
    let (days, hours, minutes) = (minutes / (24 * 60), minutes / 60 % 24, minutes % 60);
    let count = |n: i64| usize::try_from(n).unwrap_or(0);
    let days_text = (days > 0).then(|| trn("{count} day", "{count} days", count(days)));
    let hours_text = (hours > 0).then(|| trn("{count} hour", "{count} hours", count(hours)));
    let minutes_text = (minutes > 0).then(|| trn("{count} minute", "{count} minutes", count(minutes)));
    let (larger, smaller) = if days > 0 { (days_text, hours_text) } else { (hours_text, minutes_text) };
    match (larger, smaller) {
        (Some(larger), Some(smaller)) => format!("{larger} {smaller}"),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => tr("less than a minute").to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::{day, utc};
    use chrono_tz::{America, Asia, Europe, Pacific};

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Stamped {
        #[serde(with = "rfc3339")]
        at: DateTime<Utc>,
        #[serde(with = "rfc3339::option", default)]
        seen: Option<DateTime<Utc>>,
    }

    #[test]
    fn instants_are_written_as_chrono_writes_them_and_read_back_as_rfc_3339_only() {
        let stamped = Stamped { at: utc("2026-11-30T04:34:23.123Z"), seen: Some(utc("2026-11-29T23:00:00+08:00")) };
        let text = serde_json::to_string(&stamped).unwrap();
        #[derive(serde::Serialize)]
        struct AsChrono {
            at: DateTime<Utc>,
            seen: Option<DateTime<Utc>>,
        }
        assert_eq!(text, serde_json::to_string(&AsChrono { at: stamped.at, seen: stamped.seen }).unwrap());
        assert_eq!(serde_json::from_str::<Stamped>(&text).unwrap(), stamped);
        assert_eq!(serde_json::from_str::<Stamped>(r#"{"at":"2026-11-30T04:34:23+01:00"}"#).unwrap().seen, None);
        let null_seen = serde_json::from_str::<Stamped>(r#"{"at":"2026-11-30T04:34:23Z","seen":null}"#).unwrap();
        assert_eq!(null_seen.seen, None);
        // Not RFC 3339 (an RFC 2822 date, a day, a time without its offset, nothing): refused.
        for at in ["Mon, 30 Nov 2026 04:34:23 +0000", "2026-11-30", "2026-11-30T04:34:23", ""] {
            assert!(serde_json::from_str::<Stamped>(&format!(r#"{{"at":"{at}"}}"#)).is_err(), "{at}");
        }
    }

    #[test]
    fn iso_day_reads_what_date_inputs_send_and_nothing_else() {
        assert_eq!(iso_day("2026-11-30"), Some(day(2026, 11, 30)));
        assert_eq!(iso_day(" 2024-02-29 "), Some(day(2024, 2, 29)));
        for text in [
            "",
            "2025-02-29",
            "2026-13-01",
            "2026-1-5",
            "26-11-30",
            "2026/11/30",
            "2026-11-30x",
            "+2026-11-30",
            "2026-11",
        ] {
            assert_eq!(iso_day(text), None, "{text:?}");
        }
    }

    #[test]
    fn a_day_ends_at_the_next_local_midnight() {
        assert_eq!(end_of_day(day(2026, 3, 10), &Utc), utc("2026-03-11T00:00:00Z"));
        assert_eq!(end_of_day(day(2026, 3, 10), &Europe::Berlin), utc("2026-03-10T23:00:00Z"));
        assert_eq!(end_of_day(day(2026, 7, 10), &Europe::Berlin), utc("2026-07-10T22:00:00Z"));
    }

    #[test]
    fn far_east_and_far_west_zones() {
        // Kiritimati is UTC+14, Pago Pago UTC-11: the same calendar day ends 25 hours apart.
        let east = end_of_day(day(2026, 5, 1), &Pacific::Kiritimati);
        let west = end_of_day(day(2026, 5, 1), &Pacific::Pago_Pago);
        assert_eq!(east, utc("2026-05-01T10:00:00Z"));
        assert_eq!(west, utc("2026-05-02T11:00:00Z"));
        assert_eq!(west - east, Duration::hours(25));
    }

    #[test]
    fn spring_forward_and_fall_back_days() {
        // New York springs forward on 8 March 2026 and falls back on 1 November 2026; the days around
        // those changes end at local midnight, in the offset that holds at that midnight.
        assert_eq!(end_of_day(day(2026, 3, 7), &America::New_York), utc("2026-03-08T05:00:00Z"));
        assert_eq!(end_of_day(day(2026, 3, 8), &America::New_York), utc("2026-03-09T04:00:00Z"));
        assert_eq!(end_of_day(day(2026, 10, 31), &America::New_York), utc("2026-11-01T04:00:00Z"));
        assert_eq!(end_of_day(day(2026, 11, 1), &America::New_York), utc("2026-11-02T05:00:00Z"));
        // The spring-forward day is 23 hours long, the fall-back day 25.
        let length = |d| end_of_day(d, &America::New_York) - end_of_day(d - Duration::days(1), &America::New_York);
        assert_eq!(length(day(2026, 3, 8)), Duration::hours(23));
        assert_eq!(length(day(2026, 11, 1)), Duration::hours(25));
    }

    #[test]
    fn a_midnight_that_does_not_exist_ends_the_day_when_the_clocks_jump() {
        // Santiago springs forward at 00:00 on 6 September 2026: 00:00 to 00:59 never happen.
        assert_eq!(end_of_day(day(2026, 9, 5), &America::Santiago), utc("2026-09-06T04:00:00Z"));
    }

    #[test]
    fn a_midnight_that_happens_twice_ends_the_day_at_the_first() {
        // Havana falls back from 01:00 to 00:00 on 1 November 2026: its midnight happens twice,
        // at 04:00 and 05:00 UTC.
        assert_eq!(end_of_day(day(2026, 10, 31), &America::Havana), utc("2026-11-01T04:00:00Z"));
        // Santiago falls back from 00:00 to 23:00 on 5 April 2026: the repeated hour is 23:00 of
        // the 4th, so that day's end is the single midnight after it.
        assert_eq!(end_of_day(day(2026, 4, 4), &America::Santiago), utc("2026-04-05T04:00:00Z"));
    }

    #[test]
    fn leap_day_and_month_ends() {
        assert_eq!(end_of_day(day(2028, 2, 28), &Utc), utc("2028-02-29T00:00:00Z"));
        assert_eq!(end_of_day(day(2028, 2, 29), &Utc), utc("2028-03-01T00:00:00Z"));
        assert_eq!(end_of_day(day(2026, 12, 31), &Asia::Tokyo), utc("2026-12-31T15:00:00Z"));
    }

    #[test]
    fn platform_deadlines_end_at_whichever_midnight_comes_first() {
        // Los Angeles: China's midnight comes first, at 08:00 local (PST) the same day.
        assert_eq!(platform_day_end(day(2026, 12, 1), &America::Los_Angeles), utc("2026-12-01T16:00:00Z"));
        // Tokyo: the buyer's own midnight comes an hour before China's.
        assert_eq!(platform_day_end(day(2026, 12, 1), &Asia::Tokyo), utc("2026-12-01T15:00:00Z"));
        assert_eq!(platform_day_end(day(2026, 12, 1), &Asia::Shanghai), utc("2026-12-01T16:00:00Z"));
    }

    #[test]
    fn today_depends_on_the_zone() {
        let now = utc("2026-05-01T23:30:00Z");
        assert_eq!(today_in(now, &Utc), day(2026, 5, 1));
        assert_eq!(today_in(now, &Asia::Tokyo), day(2026, 5, 2));
        assert_eq!(today_in(now, &America::Los_Angeles), day(2026, 5, 1));
    }

    #[test]
    fn urgency_thresholds() {
        let due = utc("2026-05-10T00:00:00Z");
        assert_eq!(Urgency::of(due, due), Urgency::Overdue);
        assert_eq!(Urgency::of(due, due + Duration::seconds(1)), Urgency::Overdue);
        assert_eq!(Urgency::of(due, due - Duration::hours(48)), Urgency::DueSoon);
        assert_eq!(Urgency::of(due, due - Duration::hours(48) - Duration::seconds(1)), Urgency::Later);
        assert!(Urgency::Overdue < Urgency::DueSoon && Urgency::DueSoon < Urgency::Later);
    }

    #[test]
    fn time_left_reads_naturally() {
        let now = utc("2026-05-01T12:00:00Z");
        let text = |d: Duration| time_left_text(now + d, now);
        assert_eq!(text(Duration::days(2) + Duration::hours(4) + Duration::minutes(9)), "2 days 4 hours left");
        assert_eq!(text(Duration::days(1)), "1 day left");
        assert_eq!(text(Duration::days(3) + Duration::minutes(59)), "3 days left");
        assert_eq!(text(Duration::hours(5) + Duration::minutes(12)), "5 hours 12 minutes left");
        assert_eq!(text(Duration::hours(1) + Duration::minutes(1)), "1 hour 1 minute left");
        assert_eq!(text(Duration::minutes(42)), "42 minutes left");
        assert_eq!(text(Duration::seconds(30)), "less than a minute left");
        assert_eq!(text(-Duration::hours(3)), "overdue by 3 hours");
        assert_eq!(text(-Duration::days(2) - Duration::hours(1)), "overdue by 2 days 1 hour");
        assert_eq!(text(Duration::zero()), "overdue by less than a minute");
    }
}
