//! `format: date-time` and `format: date` values, checked as strictly as the JSON
//! Schema validator checks them (RFC 3339 `date-time` / `full-date`).

use std::fmt;
use std::ops::Deref;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat, TimeDelta, Utc};

use crate::ValueError;

/// An RFC 3339 timestamp (`format: date-time`), held as a `chrono::DateTime<Utc>`.
///
/// Any offset is accepted on input and normalised to UTC; output is always `…Z`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp(DateTime<Utc>);

impl Timestamp {
    /// The current time from the system clock.
    pub fn now() -> Self {
        Self(Utc::now())
    }

    /// Parses an RFC 3339 `date-time`, rejecting everything the contracts' validator
    /// rejects, in one pass: the grammar check yields the fields the value is built from.
    pub fn parse(text: &str) -> Result<Self, ValueError> {
        let bad = || ValueError::Format { format: "date-time", value: text.to_owned() };
        let parts = date_time_parts(text).ok_or_else(bad)?;
        let date = NaiveDate::from_ymd_opt(parts.year, parts.month, parts.day).ok_or_else(bad)?;
        // A leap second (:60) is second 59 plus a whole second of nanoseconds in chrono.
        let (second, nanos) = if parts.second == 60 { (59, parts.nanos + 1_000_000_000) } else { (parts.second, parts.nanos) };
        let time = NaiveTime::from_hms_nano_opt(parts.hour, parts.minute, second, nanos).ok_or_else(bad)?;
        let local = NaiveDateTime::new(date, time);
        // Producers write UTC (`Z`), which needs no shift.
        let utc = match parts.offset_minutes {
            0 => local,
            offset => local.checked_sub_signed(TimeDelta::minutes(i64::from(offset))).ok_or_else(bad)?,
        };
        Ok(Self(utc.and_utc()))
    }

    /// The wrapped `DateTime<Utc>`.
    pub fn into_inner(self) -> DateTime<Utc> {
        self.0
    }
}

impl From<DateTime<Utc>> for Timestamp {
    fn from(value: DateTime<Utc>) -> Self {
        Self(value)
    }
}

impl From<Timestamp> for DateTime<Utc> {
    fn from(value: Timestamp) -> Self {
        value.0
    }
}

impl Deref for Timestamp {
    type Target = DateTime<Utc>;
    fn deref(&self) -> &DateTime<Utc> {
        &self.0
    }
}

impl Timestamp {
    /// Writes the RFC 3339 form into `buf` (`…Z`, with 0, 3, 6 or 9 fraction digits as
    /// chrono's `SecondsFormat::AutoSi` chooses them) and returns it.
    fn write_rfc3339(self, buf: &mut [u8; 40]) -> &str {
        use chrono::{Datelike, Timelike};
        let (date, time) = (self.0.date_naive(), self.0.time());
        let year = date.year();
        if !(0..=9999).contains(&year) {
            // Outside four-digit years RFC 3339 has no form; keep chrono's.
            let text = self.0.to_rfc3339_opts(SecondsFormat::AutoSi, true);
            let len = text.len().min(buf.len());
            buf[..len].copy_from_slice(&text.as_bytes()[..len]);
            return std::str::from_utf8(&buf[..len]).unwrap_or_default();
        }
        // chrono holds a leap second as second 59 with a second's worth of extra nanoseconds.
        let (second, nanos) = match time.nanosecond() {
            n if n >= 1_000_000_000 => (60, n - 1_000_000_000),
            n => (time.second(), n),
        };
        let mut at = put(buf, 0, year.unsigned_abs(), 4);
        for (sep, value) in [(b'-', date.month()), (b'-', date.day()), (b'T', time.hour()), (b':', time.minute()), (b':', second)] {
            buf[at] = sep;
            at = put(buf, at + 1, value, 2);
        }
        if nanos != 0 {
            buf[at] = b'.';
            at = match (nanos % 1_000_000, nanos % 1_000) {
                (0, _) => put(buf, at + 1, nanos / 1_000_000, 3),
                (_, 0) => put(buf, at + 1, nanos / 1_000, 6),
                _ => put(buf, at + 1, nanos, 9),
            };
        }
        buf[at] = b'Z';
        std::str::from_utf8(&buf[..=at]).expect("ASCII digits")
    }
}

/// Writes `value` as `width` decimal digits at `at`; returns the position after them.
fn put(buf: &mut [u8; 40], at: usize, value: u32, width: u32) -> usize {
    for k in 0..width {
        buf[at + k as usize] = b'0' + ((value / 10u32.pow(width - 1 - k)) % 10) as u8;
    }
    at + width as usize
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.write_rfc3339(&mut [0; 40]))
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({self})")
    }
}

impl std::str::FromStr for Timestamp {
    type Err = ValueError;
    fn from_str(text: &str) -> Result<Self, ValueError> {
        Self::parse(text)
    }
}

impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.write_rfc3339(&mut [0; 40]))
    }
}

impl<'de> serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// An RFC 3339 `full-date` (`format: date`), held as a `chrono::NaiveDate`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(NaiveDate);

impl Date {
    /// Parses `YYYY-MM-DD` with calendar checks (leap years included).
    pub fn parse(text: &str) -> Result<Self, ValueError> {
        let bad = || ValueError::Format { format: "date", value: text.to_owned() };
        let (year, month, day) = full_date_parts(text.as_bytes()).ok_or_else(bad)?;
        NaiveDate::from_ymd_opt(year, month, day).map(Self).ok_or_else(bad)
    }

    /// The wrapped `NaiveDate`.
    pub fn into_inner(self) -> NaiveDate {
        self.0
    }
}

impl From<NaiveDate> for Date {
    fn from(value: NaiveDate) -> Self {
        Self(value)
    }
}

impl Deref for Date {
    type Target = NaiveDate;
    fn deref(&self) -> &NaiveDate {
        &self.0
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Date({self})")
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

fn two_digits(b: &[u8]) -> Option<u32> {
    match b {
        [a, c] if a.is_ascii_digit() && c.is_ascii_digit() => Some(u32::from(a - b'0') * 10 + u32::from(c - b'0')),
        _ => None,
    }
}

/// Year, month and day of an RFC 3339 `full-date`, `YYYY-MM-DD` with a day that exists in
/// that month (leap years included).
fn full_date_parts(b: &[u8]) -> Option<(i32, u32, u32)> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (year, month, day) = (four_digits(&b[..4])?, two_digits(&b[5..7])?, two_digits(&b[8..10])?);
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let last = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=last).contains(&day).then_some((i32::try_from(year).ok()?, month, day))
}

/// The fields of an RFC 3339 `date-time`.
struct DateTimeParts {
    year: i32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    nanos: u32,
    /// Offset east of UTC.
    offset_minutes: i32,
}

/// RFC 3339 `date-time`: `full-date`, `T` (or `t`), `HH:MM:SS[.frac](Z|±HH:MM)`, a leap
/// second only at 23:59:60 UTC. Digits of the fraction beyond nanoseconds are checked and
/// dropped.
fn date_time_parts(text: &str) -> Option<DateTimeParts> {
    let b = text.as_bytes();
    if b.len() < 20 || !matches!(b[10], b'T' | b't') {
        return None;
    }
    let (year, month, day) = full_date_parts(&b[..10])?;
    let t = &b[11..];
    if t[2] != b':' || t[5] != b':' {
        return None;
    }
    let (hour, minute, second) = (two_digits(&t[..2])?, two_digits(&t[3..5])?, two_digits(&t[6..8])?);
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut i = 8;
    let mut nanos = 0;
    if t.get(i) == Some(&b'.') {
        let digits = t[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        for (k, c) in t[i + 1..i + 1 + digits].iter().enumerate().take(9) {
            nanos += u32::from(c - b'0') * 10u32.pow(8 - k as u32);
        }
        i += 1 + digits;
    }
    let offset_minutes = match t.get(i) {
        Some(b'Z' | b'z') if i + 1 == t.len() => 0,
        Some(sign @ (b'+' | b'-')) => {
            let rest = &t[i + 1..];
            if rest.len() != 5 || rest[2] != b':' {
                return None;
            }
            let (oh, om) = (two_digits(&rest[..2])?, two_digits(&rest[3..5])?);
            if oh > 23 || om > 59 {
                return None;
            }
            i32::try_from(oh * 60 + om).ok()? * if *sign == b'+' { 1 } else { -1 }
        }
        _ => return None,
    };
    let utc_minutes = (i32::try_from(hour * 60 + minute).ok()? - offset_minutes).rem_euclid(24 * 60);
    if second == 60 && utc_minutes != 23 * 60 + 59 {
        return None;
    }
    Some(DateTimeParts { year, month, day, hour, minute, second, nanos, offset_minutes })
}

fn four_digits(b: &[u8]) -> Option<u32> {
    Some(two_digits(&b[..2])? * 100 + two_digits(&b[2..4])?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_time_grammar() {
        for ok in ["2026-05-20T14:03:11Z", "2026-05-20t14:03:11z", "2026-05-20T14:03:11.123456789+02:00", "1998-12-31T23:59:60Z", "1998-12-31T15:59:60-08:00"] {
            assert!(date_time_parts(ok).is_some(), "{ok}");
            assert!(Timestamp::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "2026-05-20 14:03:11Z",
            "2026-05-20T14:03:11",
            "2026-02-30T00:00:00Z",
            "2026-05-20T24:00:00Z",
            "2026-05-20T14:03:11.Z",
            "2026-05-20T14:03:60Z",
            "2026-05-20T14:03:11+0200",
            "2026-05-20T14:03:11+24:00",
        ] {
            assert!(date_time_parts(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn timestamps_print_as_chrono_does() {
        for text in [
            "2026-05-20T14:03:11Z",
            "2026-05-20T14:03:11.5Z",
            "2026-05-20T14:03:11.123456Z",
            "2026-05-20T14:03:11.000000001Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999Z",
            "1998-12-31T23:59:60Z",
            "1998-12-31T23:59:60.25Z",
        ] {
            let t = Timestamp::parse(text).unwrap();
            assert_eq!(t.to_string(), t.0.to_rfc3339_opts(SecondsFormat::AutoSi, true), "{text}");
            assert_eq!(serde_json::to_string(&t).unwrap(), format!("{:?}", t.to_string()));
        }
    }

    #[test]
    fn timestamp_normalises_to_utc() {
        let t = Timestamp::parse("2026-05-20T16:03:11+02:00").unwrap();
        assert_eq!(t.to_string(), "2026-05-20T14:03:11Z");
    }

    #[test]
    fn full_date_calendar() {
        assert!(full_date_parts(b"2024-02-29").is_some());
        assert!(full_date_parts(b"2026-02-29").is_none());
        assert!(full_date_parts(b"2026-13-01").is_none());
        assert!(full_date_parts(b"2026-1-01").is_none());
        assert_eq!(Date::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
    }
}
