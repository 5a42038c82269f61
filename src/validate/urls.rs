//! URL001: links that could run code (`javascript:`, `vbscript:`, `data:`
//! and every scheme not on the allow-list) in Markdown bodies and in the
//! front-matter link fields, located at the link.

use crate::diag::{Diagnostic, FileId, Span};
use crate::load::Input;
use crate::render::markdown;
use crate::tr;

/// Schemes a published link may use (the same list ammonia allows in raw
/// HTML); a link without a scheme (a path, `#anchor`) is always fine.
pub const SAFE_SCHEMES: &[&str] = &[
    "http", "https", "mailto", "tel", "ftp", "ftps", "geo", "irc", "ircs", "magnet", "news",
    "nntp", "sip", "sms", "smsto", "ssh", "webcal", "xmpp",
];

/// The scheme of `url` in lower case, read as a browser does: leading
/// spaces and control characters are skipped and tabs and line breaks
/// anywhere are ignored (`java\tscript:` is `javascript:` to a browser).
pub fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let end = cleaned.find(':')?;
    let s = &cleaned[..end];
    let valid = s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| s.to_ascii_lowercase())
}

/// True when a link to `url` cannot run code when followed.
pub fn is_safe(url: &str) -> bool {
    match scheme(url) {
        // No scheme: a path, a query or an anchor on this site.
        None => true,
        Some(s) => SAFE_SCHEMES.contains(&s.as_str()),
    }
}

/// True for an absolute `http://` or `https://` URL.
pub fn is_http(url: &str) -> bool {
    matches!(scheme(url).as_deref(), Some("http" | "https"))
}

/// Reports every unsafe link of the project (front matter and Markdown).
pub fn check(input: &Input, diags: &mut Vec<Diagnostic>) {
    for l in &input.legal {
        if let Some(url) = l.doc.raw.tautan.as_deref().filter(|u| !is_safe(u)) {
            diags.push(unsafe_link(url, "tautan", l.doc.spans.get("tautan")));
        }
        check_body(l.doc.file, &l.body, l.body_start, diags);
    }
    for t in &input.templat {
        check_body(t.doc.file, &t.body, t.body_start, diags);
    }
    for a in &input.pengetahuan {
        check_body(a.doc.file, &a.body, a.body_start, diags);
    }
    for k in &input.kerja_sama {
        check_body(k.doc.file, &k.body, k.body_start, diags);
    }
    if let Some(h) = &input.home {
        check_body(h.doc.file, &h.body, h.body_start, diags);
    }
}

fn check_body(file: FileId, body: &str, body_start: usize, diags: &mut Vec<Diagnostic>) {
    for (range, url) in markdown::links(body) {
        if !is_safe(&url) {
            let span = Span::new(file, body_start + range.start, body_start + range.end);
            diags.push(unsafe_link(&url, "markdown", Some(span)));
        }
    }
}

fn unsafe_link(url: &str, field: &str, span: Option<Span>) -> Diagnostic {
    let shown: String = url.chars().take(60).collect();
    Diagnostic::error(
        "URL001",
        tr!(
            "tautan `{}` ditolak: skema ini dapat menjalankan kode",
            "link `{}` refused: this scheme can run code",
            shown
        ),
    )
    .at_opt(span)
    .label(tr!("di `{}`", "in `{}`", field))
    .help(tr!(
        "gunakan https://..., mailto:..., atau jalur di situs ini (mis. /dasar-hukum/pp-28-2018/)",
        "use https://..., mailto:..., or a path on this site (e.g. /dasar-hukum/pp-28-2018/)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_script_schemes_however_they_are_spelled() {
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " \u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "vbscript:msgbox",
            "data:text/html,<script>alert(1)</script>",
            "DATA:image/svg+xml;base64,AAAA",
            "file:///etc/passwd",
        ] {
            assert!(!is_safe(bad), "{bad:?}");
        }
        for good in [
            "https://peraturan.bpk.go.id/Details/1",
            "http://x.id",
            "mailto:a@b.id",
            "/dasar-hukum/pp-28-2018/",
            "../istilah/#pks",
            "#langkah-3",
            "berkas.pdf",
            "/a:b",
            "?q=a:b",
        ] {
            assert!(is_safe(good), "{good:?}");
        }
        assert!(is_http("HTTPS://x.id") && !is_http("/x"));
    }
}
