//! `format: date-time` and `format: date` values, checked as strictly as the JSON
//! Schema validator checks them (RFC 3339 `date-time` / `full-date`).

use std::fmt;
use std::ops::Deref;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat, Timelike, Utc};

use crate::ValueError;

/// The most fraction-of-second digits a [`Timestamp`] keeps: nine in the instant, the rest
/// (up to 38, what a `u128` holds) beside it.
pub const MAX_FRACTION_DIGITS: usize = 47;

/// Spelling bits of a [`Timestamp`]: what RFC 3339 lets a producer write more than one way.
mod spelling {
    /// The date and time are separated by `t`, not `T`.
    pub const LOWER_T: u8 = 1;
    /// The offset is written `Z`.
    pub const ZULU: u8 = 2;
    /// The offset is written `z`.
    pub const LOWER_ZULU: u8 = 4;
    /// The offset is written `-00:00` (RFC 3339: UTC, local offset unknown).
    pub const MINUS_ZERO: u8 = 8;
}

/// An RFC 3339 timestamp (`format: date-time`), kept exactly as it was written.
///
/// Decoding keeps the offset (`-04:00`), every fraction digit (trailing zeros and digits
/// past nanoseconds included, up to 47 (`MAX_FRACTION_DIGITS`)), a leap second (`:60`) and
/// the letter case of `T` and `Z`, so encoding gives back the text received, byte for byte.
///
/// - [`instant`](Self::instant) (and `Deref`) give the instant as a `DateTime<Utc>`;
///   [`to_fixed_offset`](Self::to_fixed_offset) gives it at the offset written.
/// - `==` and `Hash` compare the text: `…T04:10:21Z` and `…T00:10:21-04:00` are one
///   instant but two different timestamps. Compare `a.instant() == b.instant()` for the instant.
/// - `Ord` orders by instant first (sorting gives time order), then by spelling (offset,
///   letter case, fraction digits), so that it agrees with `==`.
/// - Built from a `DateTime<Utc>` ([`now`](Self::now), `From`), it is written in UTC (`…Z`)
///   with 0, 3, 6 or 9 fraction digits, as chrono's `SecondsFormat::AutoSi` writes it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp {
    /// The instant; a leap second is second 59 plus a whole second of nanoseconds, as in chrono.
    instant: DateTime<Utc>,
    /// The offset as written, in minutes east of UTC.
    offset_minutes: i16,
    /// [`spelling`] bits.
    spelling: u8,
    /// Fraction digits as written (0: no fraction).
    digits: u8,
    /// The fraction digits after the ninth, as an integer of `digits - 9` digits.
    extra: u128,
}

impl Timestamp {
    /// The current time from the system clock, in UTC.
    pub fn now() -> Self {
        Self::from(Utc::now())
    }

    /// Parses an RFC 3339 `date-time`, rejecting everything the contracts' validator
    /// rejects, in one pass: the grammar check yields the fields the value is built from.
    /// A valid value with more than 47 (`MAX_FRACTION_DIGITS`) fraction digits is refused
    /// with [`ValueError::Inexact`] rather than cut.
    pub fn parse(text: &str) -> Result<Self, ValueError> {
        match Self::utc_whole_seconds(text.as_bytes()) {
            Some(timestamp) => Ok(timestamp),
            None => Self::parse_any(text),
        }
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, the form nearly every payload writes, with the checks
    /// [`parse_any`](Self::parse_any) makes of it, without its fraction, offset and leap
    /// second cases. `None` for any other text, valid or not: `parse_any` then decides,
    /// with its own errors.
    #[inline]
    fn utc_whole_seconds(b: &[u8]) -> Option<Self> {
        let b: &[u8; 20] = b.try_into().ok()?;
        if b[10] != b'T' || b[19] != b'Z' {
            return None;
        }
        // The grammar here; the calendar and the clock (second 60 included, which only
        // the general parser takes) are chrono's checks, the same as `full_date_parts`'s
        // and `time_parts`'s.
        let (year, month, day) = date_numbers(&b[..10])?;
        let (hour, minute, second) = time_numbers(&b[11..19])?;
        let time = NaiveTime::from_hms_opt(hour, minute, second)?;
        let instant = NaiveDateTime::new(NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?, time).and_utc();
        Some(Self { instant, offset_minutes: 0, spelling: spelling::ZULU, digits: 0, extra: 0 })
    }

    /// [`parse`](Self::parse) of any RFC 3339 `date-time`: every form the grammar allows.
    #[inline(never)]
    fn parse_any(text: &str) -> Result<Self, ValueError> {
        let bad = || ValueError::Format { format: "date-time", value: text.to_owned() };
        let parts = date_time_parts(text).ok_or_else(bad)?;
        if parts.digits > MAX_FRACTION_DIGITS {
            return Err(ValueError::Inexact { format: "date-time", value: text.to_owned(), reason: "more fraction digits than a Timestamp keeps (47)" });
        }
        let date = NaiveDate::from_ymd_opt(parts.year, parts.month, parts.day).ok_or_else(bad)?;
        // The offset is whole minutes: it moves the hour, the minute and maybe the day,
        // never the second, so a leap second stays one. Most timestamps are in UTC.
        let local_minutes = parts.hour * 60 + parts.minute;
        let (date, utc_minutes) = match parts.offset_minutes {
            0 => (date, local_minutes),
            offset => shift_minutes(date, i32::try_from(local_minutes).map_err(|_| bad())? - i32::from(offset)).ok_or_else(bad)?,
        };
        // A leap second (:60) is second 59 plus a whole second of nanoseconds in chrono.
        let (second, nanos) = if parts.second == 60 { (59, parts.nanos + 1_000_000_000) } else { (parts.second, parts.nanos) };
        let time = NaiveTime::from_hms_nano_opt(utc_minutes / 60, utc_minutes % 60, second, nanos).ok_or_else(bad)?;
        let digits = u8::try_from(parts.digits).map_err(|_| bad())?;
        Ok(Self {
            instant: NaiveDateTime::new(date, time).and_utc(),
            offset_minutes: parts.offset_minutes,
            spelling: parts.spelling,
            digits,
            extra: parts.extra,
        })
    }

    /// The instant, in UTC.
    pub fn instant(&self) -> DateTime<Utc> {
        self.instant
    }

    /// The instant at the offset written (`-00:00` and `Z` are both offset zero).
    pub fn to_fixed_offset(&self) -> DateTime<FixedOffset> {
        // Offsets are under a day, so `east_opt` always succeeds.
        let offset = FixedOffset::east_opt(i32::from(self.offset_minutes) * 60).unwrap_or_else(|| chrono::Offset::fix(&Utc));
        self.instant.with_timezone(&offset)
    }

    /// The offset as written, in minutes east of UTC (0 for `Z`, `z`, `+00:00` and `-00:00`).
    pub fn offset_minutes(&self) -> i16 {
        self.offset_minutes
    }

    /// True when the text names second 60 (a leap second).
    pub fn is_leap_second(&self) -> bool {
        self.instant.nanosecond() >= 1_000_000_000
    }

    /// The wrapped instant, in UTC (the offset and spelling are dropped).
    pub fn into_inner(self) -> DateTime<Utc> {
        self.instant
    }
}

/// `date` plus `minutes` (which may fall outside the day) as a date and minutes into it.
fn shift_minutes(date: NaiveDate, minutes: i32) -> Option<(NaiveDate, u32)> {
    let date = match minutes.div_euclid(24 * 60) {
        0 => date,
        1 => date.succ_opt()?,
        -1 => date.pred_opt()?,
        _ => return None,
    };
    Some((date, u32::try_from(minutes.rem_euclid(24 * 60)).ok()?))
}

impl From<DateTime<Utc>> for Timestamp {
    /// In UTC (`…Z`), with as many fraction digits as chrono's `SecondsFormat::AutoSi` writes.
    fn from(instant: DateTime<Utc>) -> Self {
        let digits = match instant.nanosecond() % 1_000_000_000 {
            0 => 0,
            n if n % 1_000_000 == 0 => 3,
            n if n % 1_000 == 0 => 6,
            _ => 9,
        };
        Self { instant, offset_minutes: 0, spelling: spelling::ZULU, digits, extra: 0 }
    }
}

impl From<Timestamp> for DateTime<Utc> {
    fn from(value: Timestamp) -> Self {
        value.instant
    }
}

impl Deref for Timestamp {
    type Target = DateTime<Utc>;
    /// The instant in UTC: `ts.hour()` is the UTC hour, whatever offset was written.
    fn deref(&self) -> &DateTime<Utc> {
        &self.instant
    }
}

/// The longest text a [`Timestamp`] writes: date, time, all fraction digits, offset.
const TEXT_MAX: usize = 10 + 1 + 8 + 1 + MAX_FRACTION_DIGITS + 6;

/// A [`Timestamp`]'s text, written on the stack.
struct Text {
    buf: [u8; TEXT_MAX],
    len: usize,
}

impl Text {
    fn push(&mut self, byte: u8) {
        self.buf[self.len] = byte;
        self.len += 1;
    }

    /// `value` as `width` (at most 10) decimal digits.
    fn digits(&mut self, value: u32, width: u32) {
        for k in (0..width).rev() {
            self.push(b'0' + ((value / 10u32.pow(k)) % 10) as u8);
        }
    }

    /// `value` as `width` (at most 38) decimal digits.
    fn wide_digits(&mut self, value: u128, width: u32) {
        for k in (0..width).rev() {
            self.push(b'0' + ((value / 10u128.pow(k)) % 10) as u8);
        }
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or_default()
    }
}

impl Timestamp {
    /// The RFC 3339 text, as written when decoded.
    fn text(&self) -> Text {
        let mut out = Text { buf: [0; TEXT_MAX], len: 0 };
        let (date, time) = (self.instant.date_naive(), self.instant.time());
        let (second, nanos) = match time.nanosecond() {
            n if n >= 1_000_000_000 => (60, n - 1_000_000_000),
            n => (time.second(), n),
        };
        let utc_minutes = i32::try_from(time.hour() * 60 + time.minute()).unwrap_or_default();
        let local = shift_minutes(date, utc_minutes + i32::from(self.offset_minutes)).filter(|(d, _)| (0..=9999).contains(&d.year()));
        let Some((date, minutes)) = local else {
            // Outside four-digit years RFC 3339 has no form (only a `DateTime` built in
            // code gets there, always in UTC); keep chrono's.
            let text = self.instant.to_rfc3339_opts(SecondsFormat::AutoSi, true);
            let len = text.len().min(TEXT_MAX);
            out.buf[..len].copy_from_slice(&text.as_bytes()[..len]);
            out.len = len;
            return out;
        };
        out.digits(date.year().unsigned_abs(), 4);
        let t = if self.spelling & spelling::LOWER_T != 0 { b't' } else { b'T' };
        for (sep, value) in [(b'-', date.month()), (b'-', date.day()), (t, minutes / 60), (b':', minutes % 60), (b':', second)] {
            out.push(sep);
            out.digits(value, 2);
        }
        let digits = u32::from(self.digits);
        if digits > 0 {
            out.push(b'.');
            if digits <= 9 {
                out.digits(nanos / 10u32.pow(9 - digits), digits);
            } else {
                out.digits(nanos, 9);
                out.wide_digits(self.extra, digits - 9);
            }
        }
        if self.spelling & spelling::ZULU != 0 {
            out.push(b'Z');
        } else if self.spelling & spelling::LOWER_ZULU != 0 {
            out.push(b'z');
        } else {
            let negative = self.offset_minutes < 0 || self.spelling & spelling::MINUS_ZERO != 0;
            out.push(if negative { b'-' } else { b'+' });
            let offset = self.offset_minutes.unsigned_abs();
            out.digits(u32::from(offset / 60), 2);
            out.push(b':');
            out.digits(u32::from(offset % 60), 2);
        }
        out
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text().as_str())
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
        s.serialize_str(self.text().as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::decode::str_with(d, Self::parse)
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
        crate::decode::str_with(d, Self::parse)
    }
}

fn two_digits(b: &[u8]) -> Option<u32> {
    match b {
        [a, c] if a.is_ascii_digit() && c.is_ascii_digit() => Some(u32::from(a - b'0') * 10 + u32::from(c - b'0')),
        _ => None,
    }
}

/// A word with 1 in every byte.
const EVERY_BYTE: u64 = 0x0101_0101_0101_0101;

/// `YYYY-MM-`: where a date's first word has digits and dashes.
const DATE_DIGITS: u64 = at_bytes(&[0, 1, 2, 3, 5, 6], 0xff);
const DATE_DASHES: u64 = at_bytes(&[4, 7], 0xff);

/// `HH:MM:SS`: where a time has digits and colons.
const TIME_DIGITS: u64 = at_bytes(&[0, 1, 3, 4, 6, 7], 0xff);
const TIME_COLONS: u64 = at_bytes(&[2, 5], 0xff);

/// A word with `value` at each byte position of `at` (byte 0 the lowest) and 0 elsewhere.
const fn at_bytes(at: &[u32], value: u8) -> u64 {
    let mut word = 0;
    let mut i = 0;
    while i < at.len() {
        word |= (value as u64) << (8 * at[i]);
        i += 1;
    }
    word
}

/// Eight bytes as one word, the first byte lowest: a date's or a time's digits and
/// separators are checked and read all at once instead of one byte at a time.
fn word(b: &[u8]) -> Option<u64> {
    Some(u64::from_le_bytes(b.try_into().ok()?))
}

/// Whether the bytes of `w` at positions `digits` are ASCII digits and those at
/// `separators` are `separator`. A digit's high nibble is 3, and adding 6 to it keeps it 3
/// (the low nibble is at most 9); a byte whose high nibble is 3 carries nothing into the
/// next when 6 is added.
fn digits_and_separators(w: u64, digits: u64, separators: u64, separator: u64) -> bool {
    let (high, threes) = (digits & (EVERY_BYTE * 0xf0), digits & (EVERY_BYTE * 0x30));
    w & separators == separator && w & high == threes && w.wrapping_add(digits & (EVERY_BYTE * 0x06)) & high == threes
}

/// The two-digit numbers of a word of digits: byte `k` of the result is digit `k` times
/// ten plus digit `k + 1` (at most 165, so no byte carries into the next whatever the bytes).
fn digit_pairs(w: u64) -> u64 {
    let digits = w & (EVERY_BYTE * 0x0f);
    digits * 10 + (digits >> 8)
}

/// Byte `at` of `w`.
fn byte(w: u64, at: u32) -> u32 {
    ((w >> (8 * at)) & 0xff) as u32
}

/// Year, month and day of an RFC 3339 `full-date`, `YYYY-MM-DD` with a day that exists in
/// that month (leap years included).
fn full_date_parts(b: &[u8]) -> Option<(i32, u32, u32)> {
    let (year, month, day) = date_numbers(b)?;
    (1..=last_day(year, month)?).contains(&day).then_some((i32::try_from(year).ok()?, month, day))
}

/// Year, month and day of text of the form `YYYY-MM-DD`, whatever their values.
#[inline]
fn date_numbers(b: &[u8]) -> Option<(u32, u32, u32)> {
    if b.len() != 10 {
        return None;
    }
    // `YYYY-MM-` as one word.
    let w = word(&b[..8])?;
    if !digits_and_separators(w, DATE_DIGITS, DATE_DASHES, DATE_DASHES & (EVERY_BYTE * u64::from(b'-'))) {
        return None;
    }
    let pairs = digit_pairs(w);
    Some((byte(pairs, 0) * 100 + byte(pairs, 2), byte(pairs, 5), two_digits(&b[8..10])?))
}

/// The last day of `month` (1–12) of `year` in the proleptic Gregorian calendar; `None`
/// for a month out of range.
fn last_day(year: u32, month: u32) -> Option<u32> {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 if leap => Some(29),
        2 => Some(28),
        _ => None,
    }
}

/// The fields of an RFC 3339 `date-time`, as written.
struct DateTimeParts {
    year: i32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    /// The first nine fraction digits, as nanoseconds.
    nanos: u32,
    /// Number of fraction digits.
    digits: usize,
    /// Fraction digits 10 to 47 as an integer (0 when there are more than 47: the caller refuses those).
    extra: u128,
    /// Offset east of UTC.
    offset_minutes: i16,
    /// [`spelling`] bits.
    spelling: u8,
}

/// RFC 3339 `date-time`: `full-date`, `T` (or `t`), `HH:MM:SS[.frac](Z|z|±HH:MM)`, a leap
/// second only at 23:59:60 UTC. Every fraction digit is checked and counted.
fn date_time_parts(text: &str) -> Option<DateTimeParts> {
    let b = text.as_bytes();
    if b.len() < 20 || !matches!(b[10], b'T' | b't') {
        return None;
    }
    let mut spelling = if b[10] == b't' { spelling::LOWER_T } else { 0 };
    let (year, month, day) = full_date_parts(&b[..10])?;
    let t = &b[11..];
    let (hour, minute, second) = time_parts(&t[..8])?;
    let mut i = 8;
    let (mut nanos, mut digits, mut extra) = (0, 0, 0u128);
    if t.get(i) == Some(&b'.') {
        digits = t[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        let fraction = &t[i + 1..i + 1 + digits];
        for (k, c) in fraction.iter().enumerate().take(9) {
            nanos += u32::from(c - b'0') * 10u32.pow(8 - k as u32);
        }
        if digits <= MAX_FRACTION_DIGITS {
            extra = fraction.iter().skip(9).fold(0, |n, c| n * 10 + u128::from(c - b'0'));
        }
        i += 1 + digits;
    }
    let offset_minutes = match t.get(i) {
        Some(zulu @ (b'Z' | b'z')) if i + 1 == t.len() => {
            spelling |= if *zulu == b'Z' { spelling::ZULU } else { spelling::LOWER_ZULU };
            0
        }
        Some(sign @ (b'+' | b'-')) => {
            let rest = &t[i + 1..];
            if rest.len() != 5 || rest[2] != b':' {
                return None;
            }
            let (oh, om) = (two_digits(&rest[..2])?, two_digits(&rest[3..5])?);
            if oh > 23 || om > 59 {
                return None;
            }
            if *sign == b'-' && oh == 0 && om == 0 {
                spelling |= spelling::MINUS_ZERO;
            }
            i16::try_from(oh * 60 + om).ok()? * if *sign == b'+' { 1 } else { -1 }
        }
        _ => return None,
    };
    if second == 60 && (i32::try_from(hour * 60 + minute).ok()? - i32::from(offset_minutes)).rem_euclid(24 * 60) != 23 * 60 + 59 {
        return None;
    }
    Some(DateTimeParts { year, month, day, hour, minute, second, nanos, digits, extra, offset_minutes, spelling })
}

/// Hour, minute and second of an RFC 3339 `partial-time` without its fraction, `HH:MM:SS`
/// (second 60 allowed; the caller checks it is a leap second).
fn time_parts(b: &[u8]) -> Option<(u32, u32, u32)> {
    let (hour, minute, second) = time_numbers(b)?;
    (hour <= 23 && minute <= 59 && second <= 60).then_some((hour, minute, second))
}

/// Hour, minute and second of text of the form `HH:MM:SS`, whatever their values.
#[inline]
fn time_numbers(b: &[u8]) -> Option<(u32, u32, u32)> {
    let w = word(b)?;
    if !digits_and_separators(w, TIME_DIGITS, TIME_COLONS, TIME_COLONS & (EVERY_BYTE * u64::from(b':'))) {
        return None;
    }
    let pairs = digit_pairs(w);
    Some((byte(pairs, 0), byte(pairs, 3), byte(pairs, 6)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The date and time grammar as it was checked one byte at a time, for the word-at-a-time
    /// functions to agree with.
    fn full_date_one_byte_at_a_time(b: &[u8]) -> Option<(i32, u32, u32)> {
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let (year, month, day) = (two_digits(&b[..2])? * 100 + two_digits(&b[2..4])?, two_digits(&b[5..7])?, two_digits(&b[8..10])?);
        (1..=last_day(year, month)?).contains(&day).then_some((i32::try_from(year).ok()?, month, day))
    }

    fn time_one_byte_at_a_time(t: &[u8]) -> Option<(u32, u32, u32)> {
        if t.len() != 8 || t[2] != b':' || t[5] != b':' {
            return None;
        }
        let (hour, minute, second) = (two_digits(&t[..2])?, two_digits(&t[3..5])?, two_digits(&t[6..8])?);
        (hour <= 23 && minute <= 59 && second <= 60).then_some((hour, minute, second))
    }

    /// Every byte of a date and of a time replaced by every byte value in turn (and pairs of
    /// neighbouring bytes by a few), over dates and times near every bound: the word-at-a-time
    /// reading agrees with the byte-at-a-time one.
    #[test]
    fn dates_and_times_read_a_word_at_a_time_as_a_byte_at_a_time() {
        let dates =
            ["2024-02-29", "2023-02-29", "1900-02-29", "2000-02-29", "0000-01-01", "9999-12-31", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00"];
        let times = ["00:00:00", "23:59:60", "24:00:00", "23:60:00", "09:09:09", "19:39:59", "20:50:61"];
        let check = |text: &[u8]| {
            if text.len() == 10 {
                assert_eq!(full_date_parts(text), full_date_one_byte_at_a_time(text), "{text:?}");
            } else {
                assert_eq!(time_parts(text), time_one_byte_at_a_time(text), "{text:?}");
            }
        };
        for text in dates.iter().chain(&times) {
            let text = text.as_bytes();
            check(text);
            for at in 0..text.len() {
                for value in 0..=255u8 {
                    let mut changed = text.to_vec();
                    changed[at] = value;
                    check(&changed);
                }
                for pair in [*b"0:", *b":0", *b"/9", *b"9:", *b"::", *b"--", *b"\xff\xff", *b"\x00\x00", *b"99", *b"00"] {
                    let mut changed = text.to_vec();
                    let end = (at + 2).min(text.len());
                    changed[at..end].copy_from_slice(&pair[..end - at]);
                    check(&changed);
                }
            }
        }
        for bad in [&b"2026-05-2"[..], b"2026-05-200", b"14:03:1", b"14:03:111", b""] {
            assert_eq!(full_date_parts(bad), None);
            assert_eq!(time_parts(bad), None);
        }
    }

    /// The shortcut for `…T HH:MM:SSZ` gives what the general parser gives (the same value,
    /// spelling included), on texts of that form with every byte value at every position
    /// (and two-byte characters), around every calendar and clock bound; it takes nothing
    /// else, so every error is the general parser's.
    #[test]
    fn the_utc_whole_seconds_shortcut_agrees_with_the_general_parser() {
        let texts = [
            "2026-05-20T14:03:11Z",
            "2024-02-29T23:59:59Z",
            "2023-02-28T00:00:00Z",
            "1900-02-28T12:30:45Z",
            "2000-02-29T09:09:09Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "1998-12-31T23:59:60Z",
            "2026-04-30T19:39:59Z",
        ];
        let agree = |text: &str| {
            let shortcut = Timestamp::utc_whole_seconds(text.as_bytes());
            let general = Timestamp::parse_any(text);
            if let Some(timestamp) = shortcut {
                assert_eq!(Ok(timestamp), general, "{text}");
                assert_eq!((timestamp.to_string(), timestamp.digits, timestamp.extra), (text.to_owned(), 0, 0));
            }
            assert_eq!(Timestamp::parse(text), general, "{text}");
        };
        for text in texts {
            agree(text);
            for at in 0..text.len() {
                for value in 0..=255u8 {
                    let mut bytes = text.as_bytes().to_vec();
                    bytes[at] = value;
                    if let Ok(changed) = std::str::from_utf8(&bytes) {
                        agree(changed);
                    }
                }
                agree(&format!("{}é{}", &text[..at], text.get(at + 2..).unwrap_or_default()));
            }
        }
        // Other forms are left to the general parser.
        for other in ["2026-05-20t14:03:11Z", "2026-05-20T14:03:11z", "2026-05-20T14:03:11.5Z", "2026-05-20T14:03:11+00:00", "1998-12-31T23:59:60Z"] {
            assert_eq!(Timestamp::utc_whole_seconds(other.as_bytes()), None, "{other}");
            assert!(Timestamp::parse(other).is_ok(), "{other}");
        }
    }

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
    fn timestamps_built_from_chrono_print_as_chrono_does() {
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
            let instant = DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc);
            let t = Timestamp::from(instant);
            assert_eq!(t.to_string(), instant.to_rfc3339_opts(SecondsFormat::AutoSi, true), "{text}");
            assert_eq!(serde_json::to_string(&t).unwrap(), format!("{:?}", t.to_string()));
            assert_eq!(t.instant(), instant);
        }
    }

    #[test]
    fn parsed_timestamps_print_exactly_as_written() {
        for text in [
            "2021-05-24T00:10:21.000-04:00",
            "2021-05-24T00:10:21-04:00",
            "2021-05-24t00:10:21.5z",
            "2021-05-24T00:10:21Z",
            "2021-05-24T00:10:21+00:00",
            "2021-05-24T00:10:21-00:00",
            "2021-05-24T00:10:21.123456789012+05:45",
            "2021-05-24T00:10:21.100000000000000000000000000000000000000000000Z",
            "1998-12-31T18:59:60-05:00",
            "1999-01-01T00:29:60.5+00:30",
            "0000-01-01T00:00:00+01:00",
            "9999-12-31T23:59:59.999999999-23:59",
        ] {
            let t = Timestamp::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(t.to_string(), text);
            assert_eq!(serde_json::to_string(&t).unwrap(), format!("{text:?}"));
            assert_eq!(serde_json::from_str::<Timestamp>(&format!("{text:?}")).unwrap(), t);
        }
        let too_fine = format!("2021-05-24T00:10:21.{}Z", "1".repeat(MAX_FRACTION_DIGITS + 1));
        assert!(matches!(Timestamp::parse(&too_fine), Err(ValueError::Inexact { .. })));
    }

    #[test]
    fn equality_is_the_text_and_the_instant_is_one_call_away() {
        let local = Timestamp::parse("2021-05-24T00:10:21.000-04:00").unwrap();
        let utc = Timestamp::parse("2021-05-24T04:10:21Z").unwrap();
        assert_ne!(local, utc);
        assert_eq!(local.instant(), utc.instant());
        assert_eq!(local.offset_minutes(), -240);
        assert_eq!(local.to_fixed_offset().to_rfc3339(), "2021-05-24T00:10:21-04:00");
        let later = Timestamp::parse("2021-05-24T01:10:21.5-04:00").unwrap();
        let mut sorted = [later, utc, local];
        sorted.sort();
        assert_eq!(sorted[2], later, "ordered by instant first");
        let leap = Timestamp::parse("1998-12-31T18:59:60-05:00").unwrap();
        assert!(leap.is_leap_second());
        assert_eq!(leap.instant(), Timestamp::parse("1998-12-31T23:59:60Z").unwrap().instant());
        assert!(leap.instant() < Timestamp::parse("1999-01-01T00:00:00Z").unwrap().instant());
    }

    /// Random valid date-times: the text comes back unchanged, and the instant and offset
    /// are chrono's reading of it.
    #[test]
    fn random_date_times_round_trip_and_agree_with_chrono() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for _ in 0..20_000 {
            let (year, month) = (next(10_000), 1 + next(12));
            let day = 1 + next(28);
            let (hour, minute, second) = (next(24), next(60), next(60));
            let digits = [0, 1, 3, 9, 12, 20][next(6) as usize];
            let fraction: String = (0..digits).map(|_| char::from(b'0' + next(10) as u8)).collect();
            let fraction = if digits > 0 { format!(".{fraction}") } else { String::new() };
            let offset = match next(4) {
                0 => "Z".to_owned(),
                1 => "z".to_owned(),
                _ => format!("{}{:02}:{:02}", if next(2) == 0 { '+' } else { '-' }, next(24), next(60)),
            };
            let t = if next(8) == 0 { 't' } else { 'T' };
            let text = format!("{year:04}-{month:02}-{day:02}{t}{hour:02}:{minute:02}:{second:02}{fraction}{offset}");
            let parsed = Timestamp::parse(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(parsed.to_string(), text);
            if digits <= 9 {
                let chrono = DateTime::parse_from_rfc3339(&text).unwrap();
                assert_eq!(parsed.to_fixed_offset(), chrono, "{text}");
                assert_eq!(parsed.to_fixed_offset().offset(), chrono.offset(), "{text}");
            }
        }
    }

    #[test]
    fn full_date_calendar() {
        assert!(full_date_parts(b"2024-02-29").is_some());
        assert!(full_date_parts(b"2026-02-29").is_none());
        assert!(full_date_parts(b"2026-13-01").is_none());
        assert!(full_date_parts(b"2026-1-01").is_none());
        for text in ["2024-02-29", "0000-01-01", "9999-12-31", "2000-02-29"] {
            assert_eq!(Date::parse(text).unwrap().to_string(), text);
            assert_eq!(serde_json::to_string(&Date::parse(text).unwrap()).unwrap(), format!("{text:?}"));
        }
        for bad in ["1900-02-29", "2026-04-31", "2026-00-10", "+2026-01-01", "2026-01-01T00:00:00Z", "2026-01-01 "] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
    }

    /// The accessors and conversions, against instants and dates written out by hand.
    #[test]
    fn accessors_and_conversions_give_the_utc_instant_and_the_date() {
        let t = Timestamp::parse("2021-05-24T00:10:21.5-04:00").unwrap();
        // Four hours behind UTC: the instant is 04:10:21.5 UTC.
        let utc = NaiveDate::from_ymd_opt(2021, 5, 24).unwrap().and_hms_milli_opt(4, 10, 21, 500).unwrap().and_utc();
        assert_eq!(t.instant(), utc);
        assert_eq!(t.into_inner(), utc);
        assert_eq!(DateTime::<Utc>::from(t), utc);
        assert_eq!((t.hour(), t.minute(), t.second(), t.nanosecond()), (4, 10, 21, 500_000_000), "Deref gives the UTC instant");
        assert!(!t.is_leap_second());
        assert!(!Timestamp::parse("1998-12-31T23:59:59.999999999Z").unwrap().is_leap_second());
        assert!(Timestamp::parse("1998-12-31T23:59:60Z").unwrap().is_leap_second());
        assert_eq!(format!("{t:?}"), "Timestamp(2021-05-24T00:10:21.5-04:00)");
        assert_eq!("2021-05-24T00:10:21.5-04:00".parse::<Timestamp>().unwrap(), t);
        let day = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        let d = Date::parse("2024-02-29").unwrap();
        assert_eq!(d.into_inner(), day);
        assert_eq!(Date::from(day), d);
        assert_eq!((d.year(), d.month(), d.day()), (2024, 2, 29), "Deref gives the NaiveDate");
        assert_eq!(format!("{d:?}"), "Date(2024-02-29)");
        assert_eq!(serde_json::from_str::<Date>("\"2024-02-29\"").unwrap(), d);
    }

    /// The longest text a timestamp has: 47 fraction digits and a numeric offset, 73 bytes.
    #[test]
    fn the_longest_timestamp_prints_whole() {
        for offset in ["-23:59", "+14:00"] {
            let text = format!("9999-12-31T23:59:59.{}{offset}", "9".repeat(MAX_FRACTION_DIGITS));
            assert_eq!(text.len(), 73);
            assert_eq!(Timestamp::parse(&text).unwrap().to_string(), text);
        }
    }
}
