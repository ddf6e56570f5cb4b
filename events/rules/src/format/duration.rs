//! `duration` (RFC 3339 appendix A).
//!
//! No well-kept crate checks this grammar: ISO 8601 duration crates accept what RFC 3339's
//! ABNF leaves out (fractions, `P1Y1D`, the alternative `PYYYY-MM-DD` form). The ABNF is small:
//!
//! ```text
//! duration = "P" (dur-date / dur-time / dur-week)
//! dur-date = (dur-day / dur-month / dur-year) [dur-time]
//! dur-time = "T" (dur-hour / dur-minute / dur-second)
//! dur-year = 1*DIGIT "Y" [dur-month]   dur-month = 1*DIGIT "M" [dur-day]   dur-day = 1*DIGIT "D"
//! dur-hour = 1*DIGIT "H" [dur-minute]  dur-minute = 1*DIGIT "M" [dur-second] dur-second = 1*DIGIT "S"
//! dur-week = 1*DIGIT "W"
//! ```
//!
//! So the units of the date part, in order, are a non-empty run of consecutive letters of `YMD`
//! (or `W` alone, with no time part), and those of the time part one of `HMS`.

/// True when `text` matches RFC 3339 `duration`.
pub(super) fn is_duration(text: &str) -> bool {
    let Some(body) = text.strip_prefix('P') else {
        return false;
    };
    let (date, time) = match body.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (body, None),
    };
    let Some(date_units) = units(date) else {
        return false;
    };
    match time {
        None => date_units == "W" || is_run_of(&date_units, "YMD"),
        Some(time) => (date_units.is_empty() || is_run_of(&date_units, "YMD")) && units(time).is_some_and(|time_units| is_run_of(&time_units, "HMS")),
    }
}

/// The unit letters of `part`, each of which must follow one or more ASCII digits; `None` when
/// `part` is not a sequence of `1*DIGIT unit`.
fn units(part: &str) -> Option<String> {
    let mut letters = String::new();
    let mut digits = 0usize;
    for byte in part.bytes() {
        if byte.is_ascii_digit() {
            digits += 1;
        } else if byte.is_ascii_uppercase() && digits > 0 {
            letters.push(char::from(byte));
            digits = 0;
        } else {
            return None;
        }
    }
    (digits == 0).then_some(letters)
}

/// Non-empty and consecutive letters of `order`, in that order.
fn is_run_of(units: &str, order: &str) -> bool {
    !units.is_empty() && order.contains(units)
}
