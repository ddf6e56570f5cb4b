//! Calendar arithmetic on registry dates (`YYYY-MM-DD`), without a date library.

/// True for a real calendar date written `YYYY-MM-DD` (proleptic Gregorian):
/// `2026-02-31` and `2026-13-01` are not dates, `2024-02-29` is.
pub fn is_date(date: &str) -> bool {
    let b = date.as_bytes();
    let shape = b.len() == 10 && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
    if !shape {
        return false;
    }
    let (Ok(year), Ok(month), Ok(day)) = (date[0..4].parse::<u32>(), date[5..7].parse::<u32>(), date[8..10].parse::<u32>()) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (Howard Hinnant's algorithm).
pub fn days_from_civil(date: &str) -> Option<i64> {
    let (y, rest) = date.split_once('-')?;
    let (m, d) = rest.split_once('-')?;
    let (y, m, d): (i64, i64, i64) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The `YYYY-MM-DD` date `days` days after 1970-01-01.
pub fn civil_from_days(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// `date` plus `days`.
pub fn add_days(date: &str, days: i64) -> Option<String> {
    // Far beyond any real date the arithmetic below would overflow.
    days_from_civil(date).and_then(|d| d.checked_add(days)).filter(|d| d.abs() < 1_000_000_000_000).map(civil_from_days)
}

/// Today's date in UTC, from the system clock.
pub fn today_utc() -> String {
    let days = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() / 86_400);
    civil_from_days(i64::try_from(days).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_adds() {
        assert_eq!(civil_from_days(0), "1970-01-01");
        assert_eq!(civil_from_days(20_779), "2026-11-22");
        assert_eq!(days_from_civil("2000-02-29"), Some(11_016));
        assert_eq!(add_days("2026-05-12", 14).as_deref(), Some("2026-05-26"));
        assert_eq!(add_days("2026-12-25", 14).as_deref(), Some("2027-01-08"));
    }

    #[test]
    fn only_calendar_dates_are_dates() {
        for ok in ["2026-02-28", "2024-02-29", "2000-02-29", "2026-12-31", "2026-04-30"] {
            assert!(is_date(ok), "{ok}");
        }
        for bad in [
            "2026-02-31",
            "2026-02-29",
            "1900-02-29",
            "2026-04-31",
            "2026-13-01",
            "2026-00-10",
            "2026-01-00",
            "2026-5-1",
            "2026-05-01x",
            "２０２６-05-01",
            "2026/05/01",
            "2026-05+01",
            "2026-05-011",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }

    /// Past a trillion days from 1970 the arithmetic would overflow: refused, not wrapped.
    #[test]
    fn add_days_refuses_dates_past_a_trillion_days() {
        assert!(add_days("1970-01-01", 999_999_999_999).is_some());
        assert_eq!(add_days("1970-01-01", 1_000_000_000_000), None);
        assert_eq!(add_days("1970-01-01", -1_000_000_000_000), None);
        assert_eq!(add_days("2026-01-01", i64::MAX), None);
    }

    /// Today is a date, and not before the day this test was written.
    #[test]
    fn today_is_a_date_not_in_the_past() {
        let today = today_utc();
        assert!(is_date(&today) && today.as_str() >= "2026-11-29", "{today}");
    }

    /// Every day across the ends of 400-year eras (the last day of an era, Feb 29 of a year
    /// divisible by 400, is where the era arithmetic turns) maps to its date and back, and
    /// consecutive days are consecutive dates.
    #[test]
    fn days_and_dates_agree_across_era_ends() {
        for around in ["2000-02-29", "2400-02-29", "1600-02-29"] {
            let centre = days_from_civil(around).unwrap();
            assert_eq!(civil_from_days(centre), around);
            for d in centre - 800..centre + 800 {
                let date = civil_from_days(d);
                assert!(is_date(&date), "{d}: {date}");
                assert_eq!(days_from_civil(&date), Some(d), "{date}");
                assert_eq!(add_days(&date, 1), Some(civil_from_days(d + 1)));
            }
        }
    }
}
