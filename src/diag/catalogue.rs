//! The diagnostic catalogue: one Markdown entry per code in
//! `docs/codes/<CODE>.md` (Indonesian half, then English half, each opening
//! with `# CODE: title`), embedded in the binary for `sopkb explain`, the
//! way `rustc --explain` works.

use super::{Diagnostic, Lang};

/// `(code, Markdown)` of every `docs/codes/<CODE>.md`, sorted by code
/// (the list is written by build.rs).
static ENTRIES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));

/// Which half of an entry `sopkb explain` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Part {
    /// Bahasa Indonesia.
    Id,
    /// English.
    En,
    /// Both halves, Indonesian first.
    All,
}

impl Part {
    fn lang(self) -> Lang {
        match self {
            Part::En => Lang::En,
            Part::Id | Part::All => Lang::Id,
        }
    }
}

/// The whole entry of `code` (exact, upper-case), if the catalogue has one.
pub(crate) fn entry(code: &str) -> Option<&'static str> {
    ENTRIES
        .binary_search_by(|(c, _)| (*c).cmp(code))
        .ok()
        .map(|i| ENTRIES[i].1)
}

/// What `sopkb explain [CODE]` prints on stdout, or the message for an
/// unknown code (stderr, exit 2).
pub(crate) fn explain(code: Option<&str>, part: Part) -> Result<String, String> {
    let Some(input) = code else {
        return Ok(listing(part));
    };
    let code = normalise(input);
    match entry(&code) {
        Some(text) => {
            let shown = match (part, halves(&code, text)) {
                (Part::Id, Some((id, _))) => id,
                (Part::En, Some((_, en))) => en,
                _ => text,
            };
            Ok(format!("{}\n", shown.trim_end()))
        }
        None => Err(unknown(input, &code, part.lang())),
    }
}

/// The line printed after the diagnostics of a failed check or build:
/// which command explains the first error (and which other codes failed).
/// Empty when no error has a catalogue entry.
pub(crate) fn hint(diags: &[Diagnostic], lang: Lang) -> String {
    let mut codes: Vec<&str> = Vec::new();
    for d in diags.iter().filter(|d| d.is_error()) {
        if !codes.contains(&d.code) && entry(d.code).is_some() {
            codes.push(d.code);
        }
    }
    let Some((first, rest)) = codes.split_first() else {
        return String::new();
    };
    const MAX_OTHERS: usize = 5;
    let mut others = rest
        .iter()
        .take(MAX_OTHERS)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if rest.len() > MAX_OTHERS {
        others.push_str(", …");
    }
    match (lang, others.is_empty()) {
        (Lang::Id, true) => format!("bantuan: jalankan `sopkb explain {first}` untuk penjelasan\n"),
        (Lang::En, true) => format!("help: run `sopkb explain {first}` for an explanation\n"),
        (Lang::Id, false) => {
            format!("bantuan: jalankan `sopkb explain {first}` untuk penjelasan (juga: {others})\n")
        }
        (Lang::En, false) => {
            format!("help: run `sopkb explain {first}` for an explanation (also: {others})\n")
        }
    }
}

/// A code as users type or paste it: `sop004`, ` SOP4 `,
/// `kesalahan[SOP004]` all mean `SOP004`.
fn normalise(input: &str) -> String {
    let mut s = input.trim();
    if let (Some(open), Some(close)) = (s.rfind('['), s.rfind(']')) {
        if open < close {
            s = &s[open + 1..close];
        }
    }
    let s = s.trim().to_uppercase();
    let letters = s.bytes().take_while(u8::is_ascii_uppercase).count();
    let (family, number) = s.split_at(letters);
    let short_number =
        (1..=3).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_digit());
    if letters > 0 && short_number {
        format!("{family}{number:0>3}")
    } else {
        s
    }
}

/// The Indonesian and English halves of `text`: split at the second
/// `# CODE: ` title outside code blocks. `None` for a malformed entry
/// (tests/testsuite/catalogue.rs keeps the files well-formed; then all is printed).
fn halves<'a>(code: &str, text: &'a str) -> Option<(&'a str, &'a str)> {
    let title = format!("# {code}: ");
    let mut in_fence = false;
    let mut titles = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        } else if !in_fence && line.starts_with(&title) {
            titles.push(at);
        }
        at += line.len();
    }
    match titles[..] {
        [0, en] => Some((&text[..en], &text[en..])),
        _ => None,
    }
}

/// Title (after `# CODE: `) and severity of one half, for the listing.
fn summary<'a>(code: &str, half: &'a str) -> (&'a str, &'a str) {
    let title = half
        .lines()
        .next()
        .and_then(|l| l.strip_prefix(&format!("# {code}: ")))
        .unwrap_or("");
    // `Tingkat: **kesalahan** ...` / `Severity: **error** ...`
    let severity = half
        .lines()
        .find_map(|l| {
            let rest = l
                .strip_prefix("Tingkat: **")
                .or_else(|| l.strip_prefix("Severity: **"))?;
            rest.split_once("**").map(|(s, _)| s)
        })
        .unwrap_or("");
    (title.trim(), severity)
}

/// `sopkb explain` without a code: every code with its title.
fn listing(part: Part) -> String {
    let rows: Vec<(&str, String, String)> = ENTRIES
        .iter()
        .map(|(code, text)| {
            let (id, en) = halves(code, text).unwrap_or((text, text));
            let (id_title, id_sev) = summary(code, id);
            let (en_title, en_sev) = summary(code, en);
            match part {
                Part::Id => (*code, id_sev.to_owned(), id_title.to_owned()),
                Part::En => (*code, en_sev.to_owned(), en_title.to_owned()),
                Part::All => (
                    *code,
                    format!("{id_sev}/{en_sev}"),
                    format!("{id_title} / {en_title}"),
                ),
            }
        })
        .collect();
    let width = rows.iter().map(|r| r.1.chars().count()).max().unwrap_or(0);
    let mut out = String::from(match part.lang() {
        Lang::Id => "Kode diagnostik sopkb; `sopkb explain KODE` menampilkan penjelasannya.\n\n",
        Lang::En => "sopkb diagnostic codes; `sopkb explain CODE` prints the explanation.\n\n",
    });
    for (code, severity, title) in rows {
        out.push_str(&format!("{code:<8} {severity:<width$}  {title}\n"));
    }
    out
}

/// The message for a code the catalogue does not have, with the nearest
/// known codes.
fn unknown(input: &str, code: &str, lang: Lang) -> String {
    // The argument is echoed: no control characters, no flood.
    let shown: String = super::human::printable(input.trim())
        .chars()
        .take(40)
        .collect();
    let near = nearest(code);
    match (lang, near.is_empty()) {
        (Lang::Id, true) => format!(
            "kode `{shown}` tidak dikenal; `sopkb explain` tanpa kode menampilkan semua kode"
        ),
        (Lang::En, true) => {
            format!("unknown code `{shown}`; `sopkb explain` with no code lists every code")
        }
        (Lang::Id, false) => format!(
            "kode `{shown}` tidak dikenal; yang terdekat: {}; `sopkb explain` tanpa kode menampilkan semua kode",
            near.join(", ")
        ),
        (Lang::En, false) => format!(
            "unknown code `{shown}`; nearest: {}; `sopkb explain` with no code lists every code",
            near.join(", ")
        ),
    }
}

/// Known codes within two edits of `code`, closest first; else the codes
/// of its family (`SOP`, `KS`, ...); at most eight.
fn nearest(code: &str) -> Vec<&'static str> {
    const MAX: usize = 8;
    // Longer input is no mistyped code (and keeps the distance cheap).
    if code.chars().count() > 12 {
        return Vec::new();
    }
    let mut close: Vec<(usize, &str)> = ENTRIES
        .iter()
        .map(|(c, _)| (distance(code, c), *c))
        .filter(|(d, _)| *d <= 2)
        .collect();
    close.sort();
    if !close.is_empty() {
        return close.into_iter().take(MAX).map(|(_, c)| c).collect();
    }
    let family = |c: &str| c.bytes().take_while(u8::is_ascii_uppercase).count();
    let mine = &code[..family(code)];
    ENTRIES
        .iter()
        .map(|(c, _)| *c)
        .filter(|c| !mine.is_empty() && &c[..family(c)] == mine)
        .take(MAX)
        .collect()
}

/// Levenshtein distance (insertions, deletions, substitutions) by chars.
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = (up + 1).min(row[j] + 1).min(diag + usize::from(ca != *cb));
            diag = up;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tr;

    fn some_code() -> &'static str {
        ENTRIES.first().expect("the catalogue is not empty").0
    }

    #[test]
    fn codes_are_read_as_users_type_or_paste_them() {
        for (input, want) in [
            ("sop004", "SOP004"),
            (" SOP4 ", "SOP004"),
            ("ks12", "KS012"),
            ("kesalahan[SOP004]", "SOP004"),
            ("warning[file006]:", "FILE006"),
            ("SOP0004", "SOP0004"),
            ("", ""),
            ("][", "]["),
        ] {
            assert_eq!(normalise(input), want, "{input:?}");
        }
    }

    #[test]
    fn every_entry_splits_into_two_titled_halves() {
        for (code, text) in ENTRIES {
            let (id, en) = halves(code, text).unwrap_or_else(|| panic!("{code}: two halves"));
            let (id_title, id_sev) = summary(code, id);
            let (en_title, en_sev) = summary(code, en);
            assert!(!id_title.is_empty() && !en_title.is_empty(), "{code}");
            assert!(
                matches!(id_sev, "kesalahan" | "peringatan"),
                "{code}: {id_sev}"
            );
            assert!(matches!(en_sev, "error" | "warning"), "{code}: {en_sev}");
        }
    }

    #[test]
    fn a_title_inside_a_code_block_does_not_split() {
        let text = "# X001: a\n\n```yaml\n# X001: not a title\n```\n# X001: b\n";
        let (id, en) = halves("X001", text).unwrap();
        assert!(id.contains("not a title") && en == "# X001: b\n");
        assert_eq!(halves("X001", "# X001: only one half\n"), None);
    }

    #[test]
    fn explains_one_half_or_both() {
        let code = some_code();
        let id = explain(Some(&code.to_lowercase()), Part::Id).unwrap();
        let en = explain(Some(code), Part::En).unwrap();
        let all = explain(Some(code), Part::All).unwrap();
        assert!(id.starts_with(&format!("# {code}: ")) && en.starts_with(&format!("# {code}: ")));
        assert_ne!(id, en);
        assert_eq!(all.trim_end(), entry(code).unwrap().trim_end());
    }

    #[test]
    fn unknown_codes_get_the_nearest_known_ones() {
        let code = some_code();
        let typo = format!("{}9", &code[..code.len() - 1]);
        if entry(&typo).is_none() {
            let msg = explain(Some(&typo), Part::En).unwrap_err();
            assert!(msg.contains(code), "{msg}");
        }
        let msg = explain(Some("\u{1b}[2J nonsense"), Part::Id).unwrap_err();
        assert!(
            !msg.contains('\u{1b}') && msg.contains("tidak dikenal"),
            "{msg}"
        );
        let long = "A".repeat(100_000);
        assert!(explain(Some(&long), Part::En).unwrap_err().len() < 300);
        assert_eq!(distance("SOP004", "SOP004"), 0);
        assert_eq!(distance("SOP04", "SOP004"), 1);
        assert_eq!(distance("KS1", "KS001"), 2);
    }

    #[test]
    fn lists_every_code_with_its_title() {
        let list = explain(None, Part::Id).unwrap();
        for (code, _) in ENTRIES {
            assert!(list.contains(&format!("\n{code} ")), "{code}");
        }
        assert!(explain(None, Part::En).unwrap().contains("error"));
    }

    #[test]
    fn hint_names_the_first_error_with_an_entry_and_the_others() {
        let code = some_code();
        let other = ENTRIES.last().unwrap().0;
        let diags = vec![
            Diagnostic::warning(other, tr!("w", "w")),
            Diagnostic::error("NOPE", tr!("x", "x")),
            Diagnostic::error(code, tr!("a", "a")),
            Diagnostic::error(code, tr!("b", "b")),
            Diagnostic::error(other, tr!("c", "c")),
        ];
        assert_eq!(
            hint(&diags, Lang::En),
            format!("help: run `sopkb explain {code}` for an explanation (also: {other})\n")
        );
        assert!(hint(&diags[..3], Lang::Id).starts_with(&format!(
            "bantuan: jalankan `sopkb explain {code}` untuk penjelasan\n"
        )));
        assert_eq!(hint(&diags[..2], Lang::Id), "");
    }
}
