//! What `serve` answers at all, as small pure functions: the `Host` check
//! against DNS rebinding, the confinement of request paths to the site, and
//! the bounds on connections (how many, how long a request head may take).
//! `http.rs` applies them before any file is looked up.

use std::time::Duration;

/// Connections served at once; more get 503 (each reload stream holds one).
pub(crate) const MAX_CONNECTIONS: usize = 256;
/// A connection that sends no complete request head in this time (idle
/// keep-alive included) is closed, so slow or silent clients free their slot.
pub(crate) const HEAD_TIMEOUT: Duration = Duration::from_secs(30);
/// Largest request head accepted (request line and headers); more: 431.
pub(crate) const MAX_HEAD: usize = 16 * 1024;

/// Whether a request naming `host` (`None`: no `Host` header) is answered by
/// a server bound to a loopback address (`loopback`) or not. Without a Host
/// header no browser sent it (HTTP/1.0 tools do); off loopback the user
/// chose to be reachable under any name.
pub(crate) fn allows_host(loopback: bool, host: Option<&str>) -> bool {
    !loopback || host.is_none_or(is_loopback_host)
}

/// A `Host` header value that names this machine's loopback interface:
/// `localhost` (and `*.localhost`), `127.x.y.z` or `[::1]`, any port. A
/// page of another site that rebinds its own name to 127.0.0.1 sends its
/// own name, so it cannot read the preview (DNS rebinding).
pub(crate) fn is_loopback_host(host: &str) -> bool {
    let host = host.trim();
    let name = match host.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((inside, port)) if port.is_empty() || is_port(port) => inside,
            _ => return false,
        },
        None => match host.rsplit_once(':') {
            Some((name, port)) if is_port(port) => name,
            Some(_) => return false,
            None => host,
        },
    }
    .to_ascii_lowercase();
    let name = name.strip_suffix('.').unwrap_or(&name);
    name == "localhost"
        || name.ends_with(".localhost")
        || name == "::1"
        || name
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn is_port(s: &str) -> bool {
    s.strip_prefix(':')
        .unwrap_or(s)
        .bytes()
        .all(|b| b.is_ascii_digit())
}

/// The site path a request target names: percent-decoded once, without the
/// leading `/`, a trailing `/` kept (a folder), `""` for the root; with the
/// raw path (before `?`). `None` when the target is not a plain path inside
/// the site: no leading `/`, a byte that is not printable ASCII, a backslash,
/// an empty segment (`//`), a `.` or `..` segment (raw or encoded), an
/// encoded `/` or `\`, a NUL or control byte, bad escapes, invalid UTF-8.
pub(crate) fn site_path(target: &str) -> Option<(String, &str)> {
    let raw = target.split(['?', '#']).next().unwrap_or("");
    let rest = raw.strip_prefix('/')?;
    if !raw.bytes().all(|b| (0x21..=0x7e).contains(&b)) || raw.contains('\\') {
        return None;
    }
    let segments: Vec<&str> = rest.split('/').collect();
    let last = segments.len() - 1;
    let mut out = Vec::with_capacity(segments.len());
    for (i, seg) in segments.iter().enumerate() {
        if seg.is_empty() {
            if i == last {
                out.push(String::new());
                continue;
            }
            return None;
        }
        let decoded = percent_decode(seg)?;
        let bad_byte = |b: &u8| matches!(b, b'/' | b'\\') || b.is_ascii_control();
        if decoded.iter().any(bad_byte) {
            return None;
        }
        let decoded = String::from_utf8(decoded).ok()?;
        if decoded == "." || decoded == ".." {
            return None;
        }
        out.push(decoded);
    }
    Some((out.join("/"), raw))
}

fn percent_decode(seg: &str) -> Option<Vec<u8>> {
    let bytes = seg.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(target: &str) -> Option<String> {
        site_path(target).map(|(p, _)| p)
    }

    #[test]
    fn plain_paths_are_kept_with_their_trailing_slash() {
        assert_eq!(path("/"), Some(String::new()));
        assert_eq!(path("/sop/"), Some("sop/".into()));
        assert_eq!(path("/sop/a/index.html"), Some("sop/a/index.html".into()));
        assert_eq!(path("/sop/a?x=1#y"), Some("sop/a".into()));
        assert_eq!(path("/cari/?q=..%2f.."), Some("cari/".into()));
        assert_eq!(site_path("/sop/a?x=1").map(|(_, raw)| raw), Some("/sop/a"));
    }

    #[test]
    fn percent_escapes_are_decoded_once() {
        assert_eq!(path("/a%20b.pdf"), Some("a b.pdf".into()));
        assert_eq!(path("/%E2%80%9Cx%E2%80%9D"), Some("“x”".into()));
        // Double encoding stays one level encoded: a name, never `..`.
        assert_eq!(
            path("/%252e%252e/sopkb.toml"),
            Some("%2e%2e/sopkb.toml".into())
        );
    }

    #[test]
    fn dot_segments_are_refused_raw_or_encoded() {
        for t in [
            "/..",
            "/../sopkb.toml",
            "/sop/../../etc/passwd",
            "/./index.html",
            "/%2e%2e/sopkb.toml",
            "/%2E%2E/%2e%2e/etc/passwd",
            "/.%2e/x",
            "/sop/%2e/index.html",
        ] {
            assert_eq!(path(t), None, "{t}");
        }
    }

    #[test]
    fn encoded_separators_backslashes_and_nul_are_refused() {
        for t in [
            "/..%2fsopkb.toml",
            "/sop%2F..%2F..%2Fetc",
            "/..\\sopkb.toml",
            "/sop\\index.html",
            "/%5c..%5csopkb.toml",
            "/index.html%00.css",
            "/a%0a.html",
            "/%zz",
            "/%2",
            "/%ff%fe",
        ] {
            assert_eq!(path(t), None, "{t}");
        }
    }

    #[test]
    fn absolute_and_non_path_targets_are_refused() {
        for t in [
            "//etc/passwd",
            "/sop//a/",
            "etc/passwd",
            "*",
            "http://example.com/",
            "/a b",
            "/é",
            "",
        ] {
            assert_eq!(path(t), None, "{t}");
        }
    }

    #[test]
    fn only_loopback_names_pass_the_host_check() {
        for ok in [
            "127.0.0.1:8080",
            "127.0.0.1",
            "localhost:3000",
            "LOCALHOST",
            "localhost.",
            "pratinjau.localhost:80",
            "[::1]:8080",
            "[::1]",
            "127.1.2.3:9",
        ] {
            assert!(is_loopback_host(ok), "{ok}");
        }
        for bad in [
            "evil.example:8080",
            "evil.example",
            "localhost.evil.example",
            "127.0.0.1.evil.example",
            "10.0.0.5:8080",
            "[::2]:80",
            "[::1]x",
            "localhost:80x",
            "",
        ] {
            assert!(!is_loopback_host(bad), "{bad}");
        }
    }

    #[test]
    fn a_loopback_server_answers_only_loopback_names_or_no_host() {
        assert!(allows_host(true, None));
        assert!(allows_host(true, Some("localhost:1111")));
        assert!(!allows_host(true, Some("evil.example")));
        // Bound to the network on purpose: any name.
        assert!(allows_host(false, Some("evil.example")));
    }
}
