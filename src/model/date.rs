//! Civil dates for the registry: strict ISO parsing for content files,
//! lenient Indonesian parsing for spreadsheet imports, day arithmetic and
//! "today" in Western Indonesia Time (WIB, UTC+7).

use serde::{Serialize, Serializer};
use std::fmt;

/// A proleptic Gregorian calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// Why a date string was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum DateError {
    /// Not in a recognised form.
    Format,
    /// Recognised form, but no such day (2021-02-30, month 13).
    Impossible,
}

pub(crate) const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

pub(crate) const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub(crate) fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A checked date.
    pub(crate) fn new(year: i32, month: u32, day: u32) -> Result<Date, DateError> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(DateError::Impossible);
        }
        Ok(Date { year, month, day })
    }

    /// `YYYY-MM-DD` exactly (the form of content files and `build_date`).
    pub(crate) fn parse_iso(s: &str) -> Result<Date, DateError> {
        let b = s.as_bytes();
        if b.len() != 10
            || b[4] != b'-'
            || b[7] != b'-'
            || !s
                .bytes()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        {
            return Err(DateError::Format);
        }
        let n = |r: std::ops::Range<usize>| s[r].parse::<u32>().expect("digits");
        Date::new(n(0..4) as i32, n(5..7), n(8..10))
    }

    /// The forms found in Indonesian spreadsheets: `16/09/2021`,
    /// `16-09-2021`, `16.09.2021`, `2021-09-16`, `16 September 2021`,
    /// `16 Sep 2021` (Indonesian or English month names, any case).
    pub(crate) fn parse_loose(s: &str) -> Result<Date, DateError> {
        let s = s.trim();
        if s.len() == 10 && s.as_bytes()[4] == b'-' {
            return Date::parse_iso(s);
        }
        for sep in ['/', '-', '.'] {
            let parts: Vec<&str> = s.split(sep).collect();
            if parts.len() == 3 && parts.iter().all(|p| is_digits(p)) {
                let (d, m, y) = (parts[0], parts[1], parts[2]);
                if d.len() > 2 || m.len() > 2 || y.len() != 4 {
                    return Err(DateError::Format);
                }
                return Date::new(
                    y.parse().map_err(|_| DateError::Format)?,
                    m.parse().map_err(|_| DateError::Format)?,
                    d.parse().map_err(|_| DateError::Format)?,
                );
            }
        }
        let words: Vec<&str> = s.split_whitespace().collect();
        if words.len() == 3 && is_digits(words[0]) && is_digits(words[2]) {
            let month = month_number(words[1]).ok_or(DateError::Format)?;
            if words[0].len() > 2 || words[2].len() != 4 {
                return Err(DateError::Format);
            }
            return Date::new(
                words[2].parse().map_err(|_| DateError::Format)?,
                month,
                words[0].parse().map_err(|_| DateError::Format)?,
            );
        }
        Err(DateError::Format)
    }

    /// The date `s` names when read month first (`9/16/2021`, a US-locale
    /// spreadsheet's export), if it is only a date that way: for the hint of
    /// an import that reads day first.
    pub(crate) fn month_first_only(s: &str) -> Option<Date> {
        let s = s.trim();
        let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
        if parts.len() != 3 || !parts.iter().all(|p| is_digits(p)) || parts[2].len() != 4 {
            return None;
        }
        let (a, b): (u32, u32) = (parts[0].parse().ok()?, parts[1].parse().ok()?);
        if a > 12 || b <= 12 {
            return None;
        }
        Date::new(parts[2].parse().ok()?, a, b).ok()
    }

    /// Days since 1970-01-01 (negative before).
    pub(crate) fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub(crate) fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    pub(crate) fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// Days from `self` to `other` (positive when `other` is later).
    pub(crate) fn days_until(self, other: Date) -> i64 {
        other.to_days() - self.to_days()
    }

    /// The same day `n` calendar months later, clamped to the month's end
    /// (2026-08-31 + 6 months = 2027-02-28).
    pub(crate) fn add_months(self, n: i32) -> Date {
        let total = self.year * 12 + self.month as i32 - 1 + n;
        let year = total.div_euclid(12);
        let month = total.rem_euclid(12) as u32 + 1;
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }

    /// `16 September 2021` (Indonesian) or `16 September 2021` (English).
    pub(crate) fn long(self, lang: crate::diag::Lang) -> String {
        let names = match lang {
            crate::diag::Lang::Id => &MONTHS_ID,
            crate::diag::Lang::En => &MONTHS_EN,
        };
        format!(
            "{} {} {}",
            self.day,
            names[self.month as usize - 1],
            self.year
        )
    }

    /// Today's date in WIB (UTC+7): from `SOURCE_DATE_EPOCH` when set (the
    /// reproducible-builds convention: a build of a given commit gives the
    /// same statuses and reminders on any day), else the system clock.
    /// `build_date` in sopkb.toml takes precedence over both.
    pub(crate) fn today() -> Date {
        let pinned = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|v| v.trim().parse::<i64>().ok())
            // Up to the end of year 9999, as `Date` goes.
            .filter(|s| (0..=253_402_300_799).contains(s));
        let secs = pinned.unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        });
        Date::from_days(secs.saturating_add(7 * 3600).div_euclid(86_400))
    }
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// 1-based month of an Indonesian or English month name or abbreviation.
fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    let m = match w.as_str() {
        "januari" | "january" | "jan" => 1,
        "februari" | "february" | "pebruari" | "feb" | "peb" => 2,
        "maret" | "march" | "mar" => 3,
        "april" | "apr" => 4,
        "mei" | "may" => 5,
        "juni" | "june" | "jun" => 6,
        "juli" | "july" | "jul" => 7,
        "agustus" | "august" | "agu" | "agt" | "ags" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "oktober" | "october" | "okt" | "oct" => 10,
        "november" | "nopember" | "nov" | "nop" => 11,
        "desember" | "december" | "des" | "dec" => 12,
        _ => return None,
    };
    Some(m)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_month_first_date_is_recognised_only_when_it_cannot_be_day_first() {
        assert_eq!(
            Date::month_first_only("9/16/2021").map(|d| d.to_string()),
            Some("2021-09-16".to_owned())
        );
        assert_eq!(Date::month_first_only("5/6/2023"), None, "ambiguous");
        assert_eq!(Date::month_first_only("16/09/2021"), None, "day first");
        assert_eq!(Date::month_first_only("2/30/2024"), None, "no such day");
        assert_eq!(Date::month_first_only("2021-09-16"), None);
    }
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn iso_is_strict_and_rejects_impossible_days() {
        assert_eq!(Date::parse_iso("2021-09-16"), Ok(d(2021, 9, 16)));
        assert_eq!(Date::parse_iso("2021-02-30"), Err(DateError::Impossible));
        assert_eq!(Date::parse_iso("2023-02-29"), Err(DateError::Impossible));
        assert_eq!(Date::parse_iso("2024-02-29"), Ok(d(2024, 2, 29)));
        assert_eq!(Date::parse_iso("2021-13-01"), Err(DateError::Impossible));
        assert_eq!(Date::parse_iso("16/09/2021"), Err(DateError::Format));
        assert_eq!(Date::parse_iso("2021-9-16"), Err(DateError::Format));
    }

    #[test]
    fn loose_accepts_indonesian_spreadsheet_forms() {
        for s in [
            "16/09/2021",
            "16-09-2021",
            "16.09.2021",
            "2021-09-16",
            "16 September 2021",
            "16 Sep 2021",
            "16 sept. 2021",
            " 16 SEPTEMBER 2021 ",
        ] {
            assert_eq!(Date::parse_loose(s), Ok(d(2021, 9, 16)), "{s}");
        }
        assert_eq!(Date::parse_loose("1/8/2025"), Ok(d(2025, 8, 1)));
        assert_eq!(Date::parse_loose("17 Agustus 1945"), Ok(d(1945, 8, 17)));
        assert_eq!(Date::parse_loose("5 Mei 2024"), Ok(d(2024, 5, 5)));
        assert_eq!(Date::parse_loose("30/02/2021"), Err(DateError::Impossible));
        assert_eq!(Date::parse_loose("16/09/21"), Err(DateError::Format));
        assert_eq!(Date::parse_loose("16 Foo 2021"), Err(DateError::Format));
        assert_eq!(Date::parse_loose("kemarin"), Err(DateError::Format));
    }

    #[test]
    fn day_arithmetic_round_trips() {
        for (days, date) in [
            (0, d(1970, 1, 1)),
            (-1, d(1969, 12, 31)),
            (19_723, d(2024, 1, 1)),
            (20_516, d(2026, 3, 4)),
        ] {
            assert_eq!(date.to_days(), days, "{date}");
            assert_eq!(Date::from_days(days), date);
        }
        assert_eq!(d(2026, 12, 31).add_days(1), d(2027, 1, 1));
        assert_eq!(d(2026, 1, 1).days_until(d(2026, 4, 1)), 90);
    }

    #[test]
    fn months_clamp_to_the_end_of_the_month() {
        assert_eq!(d(2026, 8, 31).add_months(6), d(2027, 2, 28));
        assert_eq!(d(2026, 1, 15).add_months(6), d(2026, 7, 15));
        assert_eq!(d(2026, 11, 30).add_months(3), d(2027, 2, 28));
        assert_eq!(d(2027, 3, 1).add_months(-6), d(2026, 9, 1));
    }
}
