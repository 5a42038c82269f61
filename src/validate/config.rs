//! Rules for `sopkb.toml`.

use crate::diag::{Diagnostic, FileId, Lang, Span};
use crate::load::theme::is_theme_name;
use crate::load::Input;
use crate::model::license::{self, License};
use crate::model::Config;
use crate::tr;

pub(super) fn resolve(input: &Input, diags: &mut Vec<Diagnostic>) -> Config {
    let Some((file, raw)) = &input.config else {
        return Config {
            title: "sopkb".into(),
            description: String::new(),
            base_url: "/".into(),
            lang: Lang::Id,
            theme: "default".into(),
            build_date: None,
            trust_html: false,
            repo: None,
            guides: Vec::new(),
            license: license::DEFAULT,
        };
    };
    let src = input.sources.file(*file);
    let span_of = |needle: &str| {
        src.text
            .find(needle)
            .map(|i| crate::diag::Span::new(*file, i, i + needle.len()))
    };
    let lang = match raw.language.as_deref() {
        None | Some("id") => Lang::Id,
        Some("en") => Lang::En,
        Some(other) => {
            diags.push(
                Diagnostic::error(
                    "CFG003",
                    tr!(
                        "bahasa `{}` tidak didukung",
                        "language `{}` is not supported",
                        other
                    ),
                )
                .at_opt(span_of("language"))
                .help(tr!("gunakan `id` atau `en`", "use `id` or `en`")),
            );
            Lang::Id
        }
    };
    if let Some(date) = &raw.build_date {
        if !is_iso_date(date) {
            diags.push(
                Diagnostic::error(
                    "CFG004",
                    tr!(
                        "`build_date` `{}` bukan tanggal",
                        "`build_date` `{}` is not a date",
                        date
                    ),
                )
                .at_opt(span_of("build_date"))
                .help(tr!(
                    "tulis sebagai TTTT-BB-HH, mis. 2026-01-31",
                    "write it as YYYY-MM-DD, e.g. 2026-01-31"
                )),
            );
        }
    }
    let base_url = normalise_base_url(raw.base_url.as_deref().unwrap_or("/"));
    // Any scheme but http(s) (`javascript:`, `data:`, in any case) is refused.
    let scheme = crate::markdown::urls::scheme(&base_url);
    if scheme.is_some_and(|s| s != "http" && s != "https") {
        diags.push(
            Diagnostic::error("CFG005", tr!("`base_url` tidak sah", "invalid `base_url`"))
                .at_opt(span_of("base_url"))
                .help(tr!(
                    "gunakan `/`, `/jalur/` atau `https://host/jalur/`",
                    "use `/`, `/path/` or `https://host/path/`"
                )),
        );
    }
    if let Some(theme) = raw.theme.as_deref().filter(|t| !is_theme_name(t)) {
        diags.push(
            Diagnostic::error(
                "CFG006",
                tr!(
                    "`theme` `{}` bukan nama folder di `themes/`",
                    "`theme` `{}` is not a folder name in `themes/`",
                    theme
                ),
            )
            .at_opt(span_of("theme"))
            .help(tr!(
                "gunakan huruf kecil, angka, `-` atau `_`, mis. `default`",
                "use lower-case letters, digits, `-` or `_`, e.g. `default`"
            )),
        );
    }
    let repo = super::repo::links(
        raw.repo_url.as_deref(),
        raw.repo_branch.as_deref(),
        raw.edit_url.as_deref(),
        span_of,
        diags,
    );
    let license = open_data_license(raw.license.as_deref(), &src.text, *file, diags);
    Config {
        title: raw.title.clone(),
        description: raw.description.clone().unwrap_or_default(),
        base_url,
        lang,
        theme: raw.theme.clone().unwrap_or_else(|| "default".into()),
        build_date: raw.build_date.clone(),
        trust_html: raw.trust_html,
        guides: if repo.is_some() {
            input.guides.clone()
        } else {
            Vec::new()
        },
        repo,
        license,
    }
}

/// `license`: an SPDX id of `model::license::LICENSES` (CFG009 otherwise,
/// located at the value, with the nearest id when one is close).
fn open_data_license(
    value: Option<&str>,
    text: &str,
    file: FileId,
    diags: &mut Vec<Diagnostic>,
) -> &'static License {
    let Some(value) = value else {
        return license::DEFAULT;
    };
    if let Some(l) = license::find(value) {
        return l;
    }
    let ids: Vec<&str> = license::LICENSES.iter().map(|l| l.id).collect();
    let key = |s: &str| {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase()
    };
    let nearest = license::LICENSES
        .iter()
        .find(|l| key(l.id) == key(value))
        .or_else(|| {
            let k = key(value);
            license::LICENSES
                .iter()
                .find(|l| !k.is_empty() && key(l.id).starts_with(&k))
        });
    let mut d = Diagnostic::error(
        "CFG009",
        tr!(
            "`license` `{}` bukan id SPDX lisensi data terbuka yang dikenal",
            "`license` `{}` is not the SPDX id of a known open-data licence",
            value
        ),
    )
    .at_opt(value_span(text, file, "license"));
    if let Some(l) = nearest {
        d = d.label(tr!("maksudnya `{}`?", "did you mean `{}`?", l.id));
    }
    diags.push(d.help(tr!(
        "tulis salah satu: {} (bawaan `CC-BY-4.0`), atau hapus kuncinya",
        "write one of: {} (default `CC-BY-4.0`), or remove the key",
        ids.join(", ")
    )));
    license::DEFAULT
}

/// The value of a top-level `key = value` line (the key itself when the
/// value cannot be told apart), skipping comments and tables.
fn value_span(text: &str, file: FileId, key: &str) -> Option<Span> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let body = line.trim_start();
        if body.starts_with('[') {
            return None;
        }
        let Some(rest) = body.strip_prefix(key) else {
            continue;
        };
        let Some(value) = rest.trim_start().strip_prefix('=') else {
            continue;
        };
        let value = value.trim();
        // A quoted value ends at its closing quote (a comment may follow).
        let value = match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].find(q).map_or(value, |end| &value[..end + 2]),
            _ => value,
        };
        let offset = start + (line.len() - line.trim_start().len());
        let key_span = Span::new(file, offset, offset + key.len());
        let Some(pos) = (!value.is_empty()).then(|| line.find(value)).flatten() else {
            return Some(key_span);
        };
        return Some(Span::new(file, start + pos, start + pos + value.len()));
    }
    None
}

/// Ensures a trailing `/`; an empty value means the site root.
pub(crate) fn normalise_base_url(url: &str) -> String {
    let url = url.trim();
    if url.is_empty() {
        return "/".into();
    }
    if url.ends_with('/') {
        url.to_owned()
    } else {
        format!("{url}/")
    }
}

pub(super) fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().ok();
    match (num(0..4), num(5..7), num(8..10)) {
        // A day the calendar has: 2025-02-30 is not a date.
        (Some(y), Some(m), Some(d)) => {
            d >= 1 && d <= crate::model::date::days_in_month(y as i32, m)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_always_ends_with_slash() {
        assert_eq!(normalise_base_url(""), "/");
        assert_eq!(normalise_base_url("/kb"), "/kb/");
        assert_eq!(normalise_base_url("https://x.id/kb/"), "https://x.id/kb/");
    }

    #[test]
    fn the_license_value_is_located_past_comments_and_before_tables() {
        let text = "# license = \"x\"\ntitle = \"T\"\n  license = \"MIT\" # no\n[registry]\n";
        let s = value_span(text, FileId(0), "license").unwrap();
        assert_eq!(&text[s.start..s.end], "\"MIT\"");
        assert_eq!(
            value_span("[registry]\nlicense = 1\n", FileId(0), "license"),
            None
        );
    }

    #[test]
    fn iso_dates_only() {
        assert!(is_iso_date("2026-11-25"));
        assert!(!is_iso_date("25-11-2026"));
        assert!(!is_iso_date("2026-13-01"));
        assert!(!is_iso_date("2025-02-30") && !is_iso_date("2025-02-29"));
        assert!(is_iso_date("2024-02-29") && is_iso_date("2025-12-31"));
    }
}
