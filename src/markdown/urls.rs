//! The URL policy of published content: which link schemes are safe to
//! follow (the rest could run code), and whether a browser would fetch an
//! address from another host. `validate` reports against it (`URL001`,
//! `URL002`); the Markdown renderer and its raw-HTML allow-list apply it.

pub(crate) mod html;

/// Schemes a published link may use (the same list ammonia allows in raw
/// HTML); a link without a scheme (a path, `#anchor`) is always fine.
pub(crate) const SAFE_SCHEMES: &[&str] = &[
    "http", "https", "mailto", "tel", "ftp", "ftps", "geo", "irc", "ircs", "magnet", "news",
    "nntp", "sip", "sms", "smsto", "ssh", "webcal", "xmpp",
];

/// The scheme of `url` in lower case, read as a browser does: leading
/// spaces and control characters are skipped and tabs and line breaks
/// anywhere are ignored (`java\tscript:` is `javascript:` to a browser).
pub(crate) fn scheme(url: &str) -> Option<String> {
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
pub(crate) fn is_safe(url: &str) -> bool {
    match scheme(url) {
        // No scheme: a path, a query or an anchor on this site.
        None => true,
        Some(s) => SAFE_SCHEMES.contains(&s.as_str()),
    }
}

/// True for an absolute `http://` or `https://` URL.
pub(crate) fn is_http(url: &str) -> bool {
    matches!(scheme(url).as_deref(), Some("http" | "https"))
}

/// The host (lower case, no user or port) of an absolute or
/// scheme-relative URL, as a browser reads it (`\` is `/`).
pub(crate) fn host_of(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| if c == '\\' { '/' } else { c })
        .collect();
    let rest = match scheme(&cleaned) {
        Some(s) => &cleaned[s.len() + 1..],
        None => cleaned.strip_prefix("//")?,
    };
    let authority = rest
        .trim_start_matches('/')
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    let host = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.split(':').next().unwrap_or(""),
    };
    Some(host.trim_end_matches('.').to_ascii_lowercase())
}

/// True when a browser would fetch `url` from a host other than `site`:
/// an absolute URL (any scheme that can fetch) or a scheme-relative one
/// (`//host/x`, also written `\\host/x`). Paths on this site are never.
pub(crate) fn other_host(url: &str, site: Option<&str>) -> bool {
    if !is_safe(url) {
        return false; // URL001 already; the renderer drops it
    }
    let relative = scheme(url).is_none();
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if relative
        && !(cleaned.starts_with("//") || cleaned.starts_with("/\\") || cleaned.starts_with("\\"))
    {
        return false;
    }
    match (host_of(url), site) {
        (Some(h), Some(site)) => h != site,
        _ => true,
    }
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

    #[test]
    fn tells_other_hosts_from_this_site_as_a_browser_would() {
        let site = Some("kb.contoh.go.id");
        for other in [
            "https://pelacak.id/p.gif",
            "HTTP://pelacak.id",
            "//pelacak.id/p.gif",
            " //pelacak.id/p.gif",
            "/\\pelacak.id/p.gif",
            "\\\\pelacak.id/p.gif",
            "/\t/pelacak.id/p.gif",
            "https://kb.contoh.go.id.pelacak.id/x",
            "https://kb.contoh.go.id@pelacak.id/x",
            "ftp://pelacak.id/x.png",
        ] {
            assert!(other_host(other, site), "{other:?}");
            assert!(other_host(other, None), "{other:?}");
        }
        for own in [
            "/gambar/a.png",
            "gambar/a.png",
            "../a.png",
            "?a=//x",
            "#a",
            "https://KB.contoh.go.id/a.png",
            "https://user@kb.contoh.go.id:443/a.png",
            "//kb.contoh.go.id/a.png",
            "javascript:alert(1)",
            "data:image/png;base64,AAAA",
        ] {
            assert!(!other_host(own, site), "{own:?}");
        }
    }
}
