//! `format: date-time` and `format: date` values, checked as strictly as the JSON
//! Schema validator checks them (RFC 3339 `date-time` / `full-date`).

use std::fmt;
use std::ops::Deref;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

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

    /// Parses an RFC 3339 `date-time`, rejecting everything the contracts' validator rejects.
    pub fn parse(text: &str) -> Result<Self, ValueError> {
        if !is_rfc3339_date_time(text) {
            return Err(ValueError::Format { format: "date-time", value: text.to_owned() });
        }
        // chrono rejects a leap second in some offsets the grammar allows; RFC 3339 text we
        // have already validated is parsed by replacing `:60` with `:59` plus one second of nanos.
        let parsed = DateTime::parse_from_rfc3339(text)
            .or_else(|_| DateTime::parse_from_rfc3339(&text.replacen(":60", ":59", 1)))
            .map_err(|_| ValueError::Format { format: "date-time", value: text.to_owned() })?;
        Ok(Self(parsed.with_timezone(&Utc)))
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

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.to_rfc3339_opts(SecondsFormat::AutoSi, true))
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
        s.collect_str(self)
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
        if !is_rfc3339_full_date(text) {
            return Err(ValueError::Format { format: "date", value: text.to_owned() });
        }
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Self)
            .map_err(|_| ValueError::Format { format: "date", value: text.to_owned() })
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

/// RFC 3339 `full-date`: `YYYY-MM-DD` with a day that exists in that month.
pub fn is_rfc3339_full_date(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !b[..4].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let year: u32 = text[..4].parse().unwrap_or(0);
    let (Some(month), Some(day)) = (two_digits(&b[5..7]), two_digits(&b[8..10])) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let last = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=last).contains(&day)
}

/// RFC 3339 `full-time`: `HH:MM:SS[.frac](Z|±HH:MM)`; a leap second only at 23:59:60 UTC.
pub fn is_rfc3339_full_time(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() < 9 || b[2] != b':' || b[5] != b':' {
        return false;
    }
    let (Some(hour), Some(minute), Some(second)) = (two_digits(&b[..2]), two_digits(&b[3..5]), two_digits(&b[6..8])) else {
        return false;
    };
    if hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    let mut i = 8;
    if b.get(i) == Some(&b'.') {
        let digits = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return false;
        }
        i += 1 + digits;
    }
    let utc_minutes = |offset: i32| -> i32 { (i32::try_from(hour * 60 + minute).unwrap_or(0) - offset).rem_euclid(24 * 60) };
    match b.get(i) {
        Some(b'Z' | b'z') => i + 1 == b.len() && (second != 60 || utc_minutes(0) == 23 * 60 + 59),
        Some(sign @ (b'+' | b'-')) => {
            let rest = &b[i + 1..];
            if rest.len() != 5 || rest[2] != b':' {
                return false;
            }
            let (Some(oh), Some(om)) = (two_digits(&rest[..2]), two_digits(&rest[3..5])) else {
                return false;
            };
            if oh > 23 || om > 59 {
                return false;
            }
            let offset = i32::try_from(oh * 60 + om).unwrap_or(0) * if *sign == b'+' { 1 } else { -1 };
            second != 60 || utc_minutes(offset) == 23 * 60 + 59
        }
        _ => false,
    }
}

/// RFC 3339 `date-time`: `full-date`, `T` (or `t`), `full-time`.
pub fn is_rfc3339_date_time(text: &str) -> bool {
    match text.find(['T', 't']) {
        Some(at) => is_rfc3339_full_date(&text[..at]) && is_rfc3339_full_time(&text[at + 1..]),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_time_grammar() {
        for ok in ["2026-05-20T14:03:11Z", "2026-05-20t14:03:11z", "2026-05-20T14:03:11.123456789+02:00", "1998-12-31T23:59:60Z", "1998-12-31T15:59:60-08:00"] {
            assert!(is_rfc3339_date_time(ok), "{ok}");
            assert!(Timestamp::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["2026-05-20 14:03:11Z", "2026-05-20T14:03:11", "2026-02-30T00:00:00Z", "2026-05-20T24:00:00Z", "2026-05-20T14:03:11.Z", "2026-05-20T14:03:60Z", "2026-05-20T14:03:11+0200", "2026-05-20T14:03:11+24:00"] {
            assert!(!is_rfc3339_date_time(bad), "{bad}");
        }
    }

    #[test]
    fn timestamp_normalises_to_utc() {
        let t = Timestamp::parse("2026-05-20T16:03:11+02:00").unwrap();
        assert_eq!(t.to_string(), "2026-05-20T14:03:11Z");
    }

    #[test]
    fn full_date_calendar() {
        assert!(is_rfc3339_full_date("2024-02-29"));
        assert!(!is_rfc3339_full_date("2026-02-29"));
        assert!(!is_rfc3339_full_date("2026-13-01"));
        assert!(!is_rfc3339_full_date("2026-1-01"));
        assert_eq!(Date::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
    }
}
