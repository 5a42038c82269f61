//! Durations written in Indonesian ("15 menit", "3 jam", "7 hari kerja"),
//! parsed and summed. Minutes and days are kept apart: a working day is not
//! a fixed number of minutes, so the two are never converted into each other.

use crate::diag::Lang;
use serde::Serialize;
use std::ops::Add;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Duration {
    pub menit: u64,
    pub hari: u64,
}

impl Add for Duration {
    type Output = Duration;
    fn add(self, o: Duration) -> Duration {
        Duration {
            menit: self.menit.saturating_add(o.menit),
            hari: self.hari.saturating_add(o.hari),
        }
    }
}

impl std::iter::Sum for Duration {
    fn sum<I: Iterator<Item = Duration>>(iter: I) -> Duration {
        iter.fold(Duration::default(), Add::add)
    }
}

impl Duration {
    /// "1 jam 30 menit + 2 hari"; "0 menit" when empty.
    pub fn format(&self, lang: Lang) -> String {
        let (jam_w, menit_w, hari_w) = match lang {
            Lang::Id => ("jam", "menit", "hari"),
            Lang::En => ("h", "min", "day(s)"),
        };
        let mut parts = Vec::new();
        let (h, m) = (self.menit / 60, self.menit % 60);
        let mut minutes = Vec::new();
        if h > 0 {
            minutes.push(format!("{h} {jam_w}"));
        }
        if m > 0 {
            minutes.push(format!("{m} {menit_w}"));
        }
        if !minutes.is_empty() {
            parts.push(minutes.join(" "));
        }
        if self.hari > 0 {
            parts.push(format!("{} {hari_w}", self.hari));
        }
        if parts.is_empty() {
            return format!("0 {menit_w}");
        }
        parts.join(" + ")
    }
}

/// Why a time text could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum DurationError {
    Empty,
    /// No number where one was expected, e.g. "sehari".
    MissingNumber(String),
    /// A unit we do not know, e.g. "minggu".
    UnknownUnit(String),
    TooLarge,
}

/// Parses "15 menit", "3 Jam", "2 Hari", "7 hari kerja", "1,450 menit",
/// "1 jam 30 menit", "2 hari dan 3 jam". A trailing remark in parentheses
/// ("(total untuk kegiatan nomor 2 s.d. nomor 6)") is ignored.
pub fn parse(text: &str) -> Result<Duration, DurationError> {
    let text = match text.find('(') {
        Some(i) => &text[..i],
        None => text,
    };
    let lower = text.trim().to_lowercase();
    if lower.is_empty() {
        return Err(DurationError::Empty);
    }
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '+')
        .filter(|w| !w.is_empty() && *w != "dan" && *w != ",")
        .collect();
    let mut total = Duration::default();
    let mut i = 0;
    while i < words.len() {
        let n = parse_number(words[i])
            .ok_or_else(|| DurationError::MissingNumber(words[i].to_owned()))?;
        let unit = words
            .get(i + 1)
            .ok_or_else(|| DurationError::UnknownUnit(String::new()))?;
        let unit = unit.trim_end_matches([',', '.', ';']);
        i += 2;
        let part = match unit {
            "menit" | "mnt" => Duration { menit: n, hari: 0 },
            "jam" => Duration {
                menit: n.checked_mul(60).ok_or(DurationError::TooLarge)?,
                hari: 0,
            },
            "hari" => {
                // "hari kerja" counts as days too.
                if words.get(i).map(|w| w.trim_end_matches([',', '.'])) == Some("kerja") {
                    i += 1;
                }
                Duration { menit: 0, hari: n }
            }
            other => return Err(DurationError::UnknownUnit(other.to_owned())),
        };
        total = total + part;
    }
    Ok(total)
}

/// The range a time remark refers to: "(total untuk kegiatan nomor 2 s.d.
/// nomor 6)" -> `("2", "6")`, as printed numbers (labels).
pub(crate) fn range_remark(text: &str) -> Option<(String, String)> {
    let open = text.find('(')?;
    let remark = text[open + 1..].trim_end_matches(')').to_lowercase();
    if !remark.contains("total") {
        return None;
    }
    let numbers: Vec<String> = remark
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    match numbers.as_slice() {
        [a, b] => Some((a.clone(), b.clone())),
        _ => None,
    }
}

/// "15", "1,450" or "1.450" (thousands separators followed by three digits).
fn parse_number(word: &str) -> Option<u64> {
    let groups: Vec<&str> = word.split([',', '.']).collect();
    let valid = groups[0].len() <= 3 || groups.len() == 1;
    if groups
        .iter()
        .any(|g| g.is_empty() || !g.bytes().all(|b| b.is_ascii_digit()))
        || !valid
        || groups[1..].iter().any(|g| g.len() != 3)
    {
        return None;
    }
    groups.concat().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(menit: u64, hari: u64) -> Duration {
        Duration { menit, hari }
    }

    #[test]
    fn parses_the_units_of_the_seed_documents() {
        assert_eq!(parse("15 menit"), Ok(d(15, 0)));
        assert_eq!(parse("60 Menit"), Ok(d(60, 0)));
        assert_eq!(parse("3 jam"), Ok(d(180, 0)));
        assert_eq!(parse("1 hari"), Ok(d(0, 1)));
        assert_eq!(parse("7 hari kerja"), Ok(d(0, 7)));
        assert_eq!(parse("7 Hari Kerja"), Ok(d(0, 7)));
        assert_eq!(parse("2 Hari"), Ok(d(0, 2)));
    }

    #[test]
    fn ignores_the_range_remark_and_reads_compound_times() {
        assert_eq!(
            parse("1 hari kerja (total untuk kegiatan nomor 2 s.d. nomor 6)"),
            Ok(d(0, 1))
        );
        assert_eq!(parse("1 jam 30 menit"), Ok(d(90, 0)));
        assert_eq!(parse("2 hari dan 3 jam"), Ok(d(180, 2)));
        assert_eq!(parse("1,450 menit"), Ok(d(1450, 0)));
        assert_eq!(parse("1.450 Menit"), Ok(d(1450, 0)));
    }

    #[test]
    fn reads_the_range_a_remark_refers_to() {
        assert_eq!(
            range_remark("1 hari kerja (total untuk kegiatan nomor 2 s.d. nomor 6)"),
            Some(("2".into(), "6".into()))
        );
        assert_eq!(
            range_remark("7 hari kerja (total untuk kegiatan nomor 1 s.d. 7)"),
            Some(("1".into(), "7".into()))
        );
        assert_eq!(range_remark("2 hari (lihat catatan)"), None);
        assert_eq!(range_remark("15 menit"), None);
    }

    #[test]
    fn rejects_what_it_cannot_read() {
        assert_eq!(parse("  "), Err(DurationError::Empty));
        assert_eq!(
            parse("sehari"),
            Err(DurationError::MissingNumber("sehari".into()))
        );
        assert_eq!(
            parse("2 minggu"),
            Err(DurationError::UnknownUnit("minggu".into()))
        );
        assert_eq!(parse("2"), Err(DurationError::UnknownUnit(String::new())));
        assert_eq!(
            parse("1,5 jam"),
            Err(DurationError::MissingNumber("1,5".into()))
        );
        assert_eq!(
            parse("99999999999999999999 menit"),
            Err(DurationError::MissingNumber("99999999999999999999".into()))
        );
    }

    #[test]
    fn sums_minutes_and_days_apart() {
        let total: Duration = ["15 menit", "3 jam", "2 Hari", "7 hari kerja"]
            .iter()
            .map(|t| parse(t).unwrap())
            .sum();
        assert_eq!(total, d(195, 9));
        assert_eq!(total.format(Lang::Id), "3 jam 15 menit + 9 hari");
        assert_eq!(d(0, 0).format(Lang::Id), "0 menit");
        assert_eq!(d(1450, 0).format(Lang::Id), "24 jam 10 menit");
    }
}
