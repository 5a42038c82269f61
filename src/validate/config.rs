//! Rules for `sopkb.toml`.

use crate::diag::{Diagnostic, Lang};
use crate::load::theme::is_theme_name;
use crate::load::Input;
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
    }
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
    fn iso_dates_only() {
        assert!(is_iso_date("2026-11-25"));
        assert!(!is_iso_date("25-11-2026"));
        assert!(!is_iso_date("2026-13-01"));
        assert!(!is_iso_date("2025-02-30") && !is_iso_date("2025-02-29"));
        assert!(is_iso_date("2024-02-29") && is_iso_date("2025-12-31"));
    }
}
