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
    /// A unit we do not know, e.g. "detik".
    UnknownUnit(String),
    /// A fraction that is no whole number of minutes or days ("0,5 hari",
    /// "1,5 menit"): days and minutes are counted whole.
    Fraction(String),
    TooLarge,
}

/// Parses the time of a Mutu Baku cell as printed: "15 menit", "3 Jam",
/// "2 Hari", "7 hari kerja", "1,450 menit", "1 jam 30 menit", "2 hari dan
/// 3 jam", and the forms official documents add around them: a number
/// spelled out in parentheses ("2 (dua) Hari"), a qualifier ("± 2 jam",
/// "paling lama 3 hari"), a range, counted at its upper bound as the
/// standard the SOP sets ("1-2 hari", "1 s.d. 2 hari"), a decimal comma
/// ("1,5 jam"), weeks (7 days) and months (30 days). A trailing remark in
/// parentheses ("(total untuk kegiatan nomor 2 s.d. nomor 6)") is ignored.
pub fn parse(text: &str) -> Result<Duration, DurationError> {
    let text = without_spelled_numbers(text);
    let text = match text.find('(') {
        Some(i) => &text[..i],
        None => &text[..],
    };
    let lower = text
        .trim()
        .to_lowercase()
        .replace('±', " ")
        .replace(['–', '—'], "-");
    if lower.is_empty() {
        return Err(DurationError::Empty);
    }
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '+')
        .flat_map(split_range)
        .filter(|w| !w.is_empty() && !QUALIFIERS.contains(w))
        .collect();
    if words.is_empty() {
        return Err(DurationError::Empty);
    }
    let mut total = Duration::default();
    let mut i = 0;
    while i < words.len() {
        let mut n = parse_number(words[i])
            .ok_or_else(|| DurationError::MissingNumber(words[i].to_owned()))?;
        // "1 - 2 hari", "1 s.d. 2 hari": the upper bound.
        while words.get(i + 1).is_some_and(|w| RANGE_WORDS.contains(w)) {
            let upper = words
                .get(i + 2)
                .and_then(|w| parse_number(w))
                .ok_or_else(|| {
                    DurationError::MissingNumber(words.get(i + 2).unwrap_or(&"").to_string())
                })?;
            n = n.max(upper);
            i += 2;
        }
        let unit = words
            .get(i + 1)
            .ok_or_else(|| DurationError::UnknownUnit(String::new()))?;
        let unit = unit.trim_end_matches([',', '.', ';']);
        let written = words[i];
        i += 2;
        let days = |per: u64| -> Result<Duration, DurationError> {
            let hari = n.whole_of(per, written)?;
            Ok(Duration { menit: 0, hari })
        };
        let part = match unit {
            "menit" | "mnt" => Duration {
                menit: n.whole_of(1, written)?,
                hari: 0,
            },
            "jam" => Duration {
                menit: n.whole_of(60, written)?,
                hari: 0,
            },
            "hari" | "hr" => {
                // "hari kerja" counts as days too.
                if words.get(i).map(|w| w.trim_end_matches([',', '.'])) == Some("kerja") {
                    i += 1;
                }
                days(1)?
            }
            "minggu" | "pekan" => days(7)?,
            "bulan" => days(30)?,
            other => return Err(DurationError::UnknownUnit(other.to_owned())),
        };
        total = total + part;
    }
    Ok(total)
}

/// Words around a time that qualify it without changing the standard:
/// "± 2 jam", "kurang lebih 1 hari", "paling lama 3 hari", "dan".
const QUALIFIERS: &[&str] = &[
    "dan",
    ",",
    "kurang",
    "lebih",
    "sekitar",
    "kira-kira",
    "maksimal",
    "maks",
    "maks.",
    "max",
    "paling",
    "lama",
    "lambat",
    "selambat-lambatnya",
    "selama",
    "lk",
    "lk.",
    "+/-",
];

/// Words between the two ends of a range: "1 - 2", "1 s.d. 2", "1 s/d 2".
const RANGE_WORDS: &[&str] = &["-", "s.d.", "s.d", "s/d", "sd", "sampai", "hingga"];

/// "1-2" -> "1", "-", "2"; any other word unchanged.
fn split_range(word: &str) -> Vec<&str> {
    match word.split_once('-') {
        Some((a, b))
            if !a.is_empty()
                && !b.is_empty()
                && a.bytes()
                    .all(|c| c.is_ascii_digit() || c == b',' || c == b'.')
                && b.bytes()
                    .all(|c| c.is_ascii_digit() || c == b',' || c == b'.') =>
        {
            vec![a, "-", b]
        }
        _ => vec![word],
    }
}

/// Number words of Indonesian, for "2 (dua) hari".
const NUMBER_WORDS: &[&str] = &[
    "nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
    "sepuluh", "sebelas", "seratus", "seribu", "belas", "puluh", "ratus", "ribu", "setengah",
    "koma",
];

/// The text without parenthesised spelled-out numbers: "2 (dua) Hari" ->
/// "2  Hari". Other parentheses (a remark) are kept.
fn without_spelled_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let Some(len) = rest[open..].find(')') else {
            break;
        };
        let inner = &rest[open + 1..open + len];
        let spelled = inner
            .split([' ', '-'])
            .filter(|w| !w.is_empty())
            .all(|w| NUMBER_WORDS.contains(&w.to_lowercase().as_str()))
            && !inner.trim().is_empty();
        if spelled {
            out.push_str(&rest[..open]);
        } else {
            out.push_str(&rest[..open + len + 1]);
        }
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    out
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

/// A number of a time cell, in hundredths ("1,5" is 150).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Number {
    hundredths: u64,
}

impl Number {
    fn max(self, other: Number) -> Number {
        std::cmp::max(self, other)
    }

    /// The number times `per`, when that is whole (1,5 jam is 90 menit;
    /// 1,01 jam is no whole number of minutes). `written` names the number
    /// in the error.
    fn whole_of(self, per: u64, written: &str) -> Result<u64, DurationError> {
        let scaled = self
            .hundredths
            .checked_mul(per)
            .ok_or(DurationError::TooLarge)?;
        if scaled % 100 != 0 {
            return Err(DurationError::Fraction(written.to_owned()));
        }
        Ok(scaled / 100)
    }
}

/// "15", "1,450" or "1.450" (thousands separators followed by three
/// digits), "1,5" or "0.25" (one separator followed by one or two digits).
fn parse_number(word: &str) -> Option<Number> {
    let groups: Vec<&str> = word.split([',', '.']).collect();
    if groups
        .iter()
        .any(|g| g.is_empty() || !g.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    if let [whole, fraction] = groups.as_slice() {
        if fraction.len() <= 2 {
            let whole: u64 = whole.parse().ok()?;
            let fraction: u64 = format!("{fraction:0<2}").parse().ok()?;
            return whole
                .checked_mul(100)?
                .checked_add(fraction)
                .map(|hundredths| Number { hundredths });
        }
    }
    let valid = groups[0].len() <= 3 || groups.len() == 1;
    if !valid || groups[1..].iter().any(|g| g.len() != 3) {
        return None;
    }
    let n: u64 = groups.concat().parse().ok()?;
    n.checked_mul(100).map(|hundredths| Number { hundredths })
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
            parse("2 detik"),
            Err(DurationError::UnknownUnit("detik".into()))
        );
        assert_eq!(parse("2"), Err(DurationError::UnknownUnit(String::new())));
        assert_eq!(
            parse("0,5 hari"),
            Err(DurationError::Fraction("0,5".into()))
        );
        assert_eq!(
            parse("1,01 jam"),
            Err(DurationError::Fraction("1,01".into()))
        );
        assert_eq!(
            parse("1,5 minggu"),
            Err(DurationError::Fraction("1,5".into()))
        );
        assert_eq!(parse("± "), Err(DurationError::Empty));
        assert_eq!(
            parse("1 s.d. hari"),
            Err(DurationError::MissingNumber("hari".into()))
        );
        assert_eq!(
            parse("2 (lihat catatan) hari"),
            Err(DurationError::UnknownUnit(String::new()))
        );
        assert_eq!(
            parse("99999999999999999999 menit"),
            Err(DurationError::MissingNumber("99999999999999999999".into()))
        );
    }

    #[test]
    fn reads_the_forms_official_documents_print() {
        assert_eq!(parse("2 (dua) Hari"), Ok(d(0, 2)));
        assert_eq!(parse("15 (lima belas) menit"), Ok(d(15, 0)));
        assert_eq!(parse("30 (tiga puluh) Menit"), Ok(d(30, 0)));
        assert_eq!(parse("± 2 Hari"), Ok(d(0, 2)));
        assert_eq!(parse("±2 jam"), Ok(d(120, 0)));
        assert_eq!(parse("kurang lebih 1 hari"), Ok(d(0, 1)));
        assert_eq!(parse("paling lama 3 hari kerja"), Ok(d(0, 3)));
        assert_eq!(parse("1-2 Hari"), Ok(d(0, 2)));
        assert_eq!(parse("1 – 2 hari"), Ok(d(0, 2)));
        assert_eq!(parse("1 s.d. 3 hari kerja"), Ok(d(0, 3)));
        assert_eq!(parse("30 s/d 60 menit"), Ok(d(60, 0)));
        assert_eq!(parse("1,5 jam"), Ok(d(90, 0)));
        assert_eq!(parse("0.25 jam"), Ok(d(15, 0)));
        assert_eq!(parse("2 minggu"), Ok(d(0, 14)));
        assert_eq!(parse("1 bulan"), Ok(d(0, 30)));
        assert_eq!(
            parse("2 (dua) hari kerja (total untuk kegiatan nomor 1 s.d. nomor 3)"),
            Ok(d(0, 2))
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
