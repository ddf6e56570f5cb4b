//! `date-time`, `date` and `time` (RFC 3339 §5.6), parsed by `chrono`.
//!
//! `chrono`'s RFC 3339 parser is a little wider than the RFC: it takes a space between date and
//! time and a U+2212 minus sign in the offset, and it takes a leap second at any minute. The
//! RFC's grammar is ASCII with a `T`, and a leap second is `23:59:60` in UTC, so those three are
//! checked here around the parser.

use chrono::{DateTime, FixedOffset, Timelike};

/// RFC 3339 `date-time`: `full-date "T" full-time`, `T` and `Z` in either case.
pub(super) fn is_date_time(text: &str) -> bool {
    text.is_ascii() && matches!(text.as_bytes().get(10), Some(b'T' | b't')) && parse(text).is_some_and(|time| leap_second_is_utc_2359(&time))
}

/// RFC 3339 `full-date`: `YYYY-MM-DD`, the day existing in that month of that year.
pub(super) fn is_date(text: &str) -> bool {
    let mut buffer = *b"0000-00-00T00:00:00Z";
    if text.len() != 10 || !text.is_ascii() {
        return false;
    }
    buffer[..10].copy_from_slice(text.as_bytes());
    std::str::from_utf8(&buffer).ok().and_then(parse).is_some()
}

/// RFC 3339 `full-time`: `HH:MM:SS[.frac]` and an offset (`Z` or `±HH:MM`).
pub(super) fn is_time(text: &str) -> bool {
    // A full-time is the tail of a date-time; any existing date stands in front of it.
    text.is_ascii() && is_date_time(&format!("2000-01-01T{text}"))
}

fn parse(text: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(text).ok()
}

/// A leap second (`:60`, which `chrono` keeps as second 59 with a nanosecond count past one
/// second) is valid only when its minute is 23:59 in UTC, whatever the local offset.
fn leap_second_is_utc_2359(time: &DateTime<FixedOffset>) -> bool {
    if time.nanosecond() < 1_000_000_000 {
        return true;
    }
    const MINUTES_PER_DAY: i64 = 24 * 60;
    let local_minute = i64::from(time.hour()) * 60 + i64::from(time.minute());
    let offset_minutes = i64::from(time.offset().local_minus_utc()) / 60;
    (local_minute - offset_minutes).rem_euclid(MINUTES_PER_DAY) == MINUTES_PER_DAY - 1
}
