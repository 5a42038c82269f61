//! A small HTTP/1.1 server on std: a thread per connection (bounded), GET and
//! HEAD only, request paths decoded once and normalised (anything that could
//! escape the site is refused), content types, `no-cache` and ETag/304, and
//! single byte ranges (206/416: the search worker reads the index's pack
//! files by range).

use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Largest request head accepted (request line and headers).
const MAX_HEAD: usize = 16 * 1024;
/// Connections served at once; more get 503 (each reload stream holds one).
const MAX_CONNECTIONS: usize = 256;
/// An idle keep-alive connection is closed after this.
const IDLE: Duration = Duration::from_secs(30);
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// Answers requests for normalised site paths.
pub(crate) trait Handler: Send + Sync + 'static {
    /// `path` is the output of `site_path`; `raw` the request path as sent
    /// (already checked: printable ASCII), for redirects.
    fn get(&self, path: &str, raw: &str) -> Reply;

    /// Whether a request naming this `Host` is answered (`None`: no header).
    fn allows_host(&self, _host: Option<&str>) -> bool {
        true
    }
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

pub(crate) enum Reply {
    /// A body; its type comes from `name`'s extension.
    Body {
        status: u16,
        name: String,
        body: Vec<u8>,
    },
    /// 301 to this location (a path of this server).
    Redirect(String),
    /// A long-lived stream: `open` writes its own response on the socket.
    Stream(Box<dyn FnOnce(TcpStream) + Send>),
}

/// Accepts connections forever, one thread each.
pub(crate) fn serve(listener: TcpListener, handler: Arc<dyn Handler>) {
    let active = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else { continue };
        if active.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            active.fetch_sub(1, Ordering::SeqCst);
            let _ = write_simple(&mut stream, 503, "Service Unavailable", false);
            continue;
        }
        let handler = Arc::clone(&handler);
        let count = Arc::clone(&active);
        let spawned = std::thread::Builder::new()
            .name("sopkb-http".into())
            .spawn(move || {
                let _ = connection(stream, handler.as_ref());
                count.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            active.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// One parsed request head.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Request {
    pub method: String,
    pub target: String,
    pub http11: bool,
    pub headers: Vec<(String, String)>,
}

impl Request {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn keep_alive(&self) -> bool {
        let conn = self.header("connection").unwrap_or("").to_ascii_lowercase();
        if self.http11 {
            !conn.contains("close")
        } else {
            conn.contains("keep-alive")
        }
    }
}

fn connection(stream: TcpStream, handler: &dyn Handler) -> io::Result<()> {
    stream.set_read_timeout(Some(IDLE))?;
    stream.set_write_timeout(Some(WRITE_TIMEOUT))?;
    stream.set_nodelay(true)?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut out = stream;
    loop {
        let head = match read_head(&mut reader)? {
            Head::Complete(h) => h,
            Head::Closed => return Ok(()),
            Head::TooLarge => {
                return write_simple(&mut out, 431, "Request Header Fields Too Large", false)
            }
        };
        let req = match parse_head(&head) {
            Ok(r) => r,
            Err(status) => return write_simple(&mut out, status, reason(status), false),
        };
        if !handler.allows_host(req.header("host")) {
            let msg = b"421 Misdirected Request: sopkb serve answers only for localhost / hanya untuk localhost\n";
            return respond(
                &mut out,
                421,
                "text/plain; charset=utf-8",
                &[],
                msg,
                false,
                false,
            );
        }
        // A (small) body is read and dropped so the stream stays in sync
        // and closing it does not reset the connection before the answer.
        let keep = discard_body(&mut reader, &req) && req.keep_alive();
        let head_only = match req.method.as_str() {
            "GET" => false,
            "HEAD" => true,
            _ => {
                let msg = b"405 Method Not Allowed: only GET and HEAD\n";
                let extra = [("Allow", "GET, HEAD".to_owned())];
                return respond(
                    &mut out,
                    405,
                    "text/plain; charset=utf-8",
                    &extra,
                    msg,
                    false,
                    false,
                );
            }
        };
        let Some((path, raw)) = site_path(&req.target) else {
            let status = if req.target.starts_with('/') {
                404
            } else {
                400
            };
            let msg = format!("{status} {}\n", reason(status));
            respond(
                &mut out,
                status,
                "text/plain; charset=utf-8",
                &[],
                msg.as_bytes(),
                head_only,
                keep,
            )?;
            if keep {
                continue;
            }
            return Ok(());
        };
        match handler.get(&path, raw) {
            Reply::Body { status, name, body } => {
                let tag = etag(&body);
                let extra = [
                    ("ETag", tag.clone()),
                    ("Cache-Control", "no-cache".to_owned()),
                ];
                let range = (status == 200)
                    .then(|| wanted_range(&req, &tag, body.len() as u64))
                    .flatten();
                if status == 200
                    && req
                        .header("if-none-match")
                        .is_some_and(|h| etag_matches(h, &tag))
                {
                    respond_not_modified(&mut out, &extra, keep)?;
                } else if let Some(range) = range {
                    respond_range(&mut out, &name, &body, range, extra, head_only, keep)?;
                } else {
                    respond(
                        &mut out,
                        status,
                        content_type(&name),
                        &extra,
                        &body,
                        head_only,
                        keep,
                    )?;
                }
            }
            Reply::Redirect(location) => {
                let extra = [("Location", location)];
                respond(
                    &mut out,
                    301,
                    "text/plain; charset=utf-8",
                    &extra,
                    b"301 Moved Permanently\n",
                    head_only,
                    keep,
                )?;
            }
            Reply::Stream(open) => {
                if head_only {
                    let extra = [("Cache-Control", "no-cache".to_owned())];
                    return respond(&mut out, 200, "text/event-stream", &extra, b"", true, false);
                }
                open(out);
                return Ok(());
            }
        }
        if !keep {
            return Ok(());
        }
    }
}

/// What a `Range` header asks of a body of `len` bytes.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum ByteRange {
    /// Bytes `start..=end` (inside the body).
    Satisfiable { start: u64, end: u64 },
    /// No byte of it is in the body: 416.
    Unsatisfiable,
}

/// The single byte range of `req`'s `Range` header, if the answer should be
/// partial: none without the header, for several ranges or another unit
/// (answered whole, as RFC 9110 allows), or when `If-Range` names another
/// version than `tag`.
fn wanted_range(req: &Request, tag: &str, len: u64) -> Option<ByteRange> {
    let header = req.header("range")?;
    if let Some(if_range) = req.header("if-range") {
        if if_range.trim() != tag {
            return None;
        }
    }
    parse_range(header, len)
}

/// Parses `bytes=a-b`, `bytes=a-` and `bytes=-n` against a body of `len`
/// bytes; `None` for anything else (answered whole).
pub(crate) fn parse_range(header: &str, len: u64) -> Option<ByteRange> {
    let spec = header.trim().strip_prefix("bytes=")?.trim();
    if spec.contains(',') {
        return None;
    }
    let (first, last) = spec.split_once('-')?;
    let number = |s: &str| -> Option<Option<u64>> {
        let s = s.trim();
        if s.is_empty() {
            return Some(None);
        }
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        // More digits than a u64 holds: past any body.
        Some(Some(s.parse().unwrap_or(u64::MAX)))
    };
    let unsatisfiable = Some(ByteRange::Unsatisfiable);
    match (number(first)?, number(last)?) {
        (Some(start), last) => {
            if last.is_some_and(|l| l < start) {
                return None; // invalid: ignored
            }
            if start >= len {
                return unsatisfiable;
            }
            let end = last.map_or(len - 1, |l| l.min(len - 1));
            Some(ByteRange::Satisfiable { start, end })
        }
        (None, Some(suffix)) => {
            if suffix == 0 || len == 0 {
                return unsatisfiable;
            }
            let start = len.saturating_sub(suffix);
            Some(ByteRange::Satisfiable {
                start,
                end: len - 1,
            })
        }
        (None, None) => None,
    }
}

/// A 206 with the bytes of `range`, or a 416 naming the body's length.
fn respond_range(
    out: &mut TcpStream,
    name: &str,
    body: &[u8],
    range: ByteRange,
    extra: [(&str, String); 2],
    head_only: bool,
    keep: bool,
) -> io::Result<()> {
    let len = body.len() as u64;
    let [etag, cache] = extra;
    match range {
        ByteRange::Satisfiable { start, end } => {
            let extra = [
                etag,
                cache,
                ("Content-Range", format!("bytes {start}-{end}/{len}")),
            ];
            // `start <= end < len`: inside the body.
            let part = &body[start as usize..=end as usize];
            respond(out, 206, content_type(name), &extra, part, head_only, keep)
        }
        ByteRange::Unsatisfiable => {
            let extra = [etag, cache, ("Content-Range", format!("bytes */{len}"))];
            respond(
                out,
                416,
                "text/plain; charset=utf-8",
                &extra,
                b"416 Range Not Satisfiable\n",
                head_only,
                keep,
            )
        }
    }
}

/// Reads and drops a request body of at most 1 MiB with a `Content-Length`;
/// false when it could not be (chunked, too large, cut short).
fn discard_body(reader: &mut impl BufRead, req: &Request) -> bool {
    const MAX_DISCARD: u64 = 1 << 20;
    if req.header("transfer-encoding").is_some() {
        return false;
    }
    let Some(len) = req.header("content-length") else {
        return true;
    };
    match len.trim().parse::<u64>() {
        Ok(0) => true,
        Ok(n) if n <= MAX_DISCARD => io::copy(&mut Read::take(&mut *reader, n), &mut io::sink())
            .is_ok_and(|copied| copied == n),
        _ => false,
    }
}

enum Head {
    Complete(Vec<u8>),
    Closed,
    TooLarge,
}

/// Reads up to the blank line ending a request head.
fn read_head(reader: &mut impl BufRead) -> io::Result<Head> {
    let mut head = Vec::new();
    loop {
        let mut line = Vec::new();
        let limit = (MAX_HEAD + 1 - head.len().min(MAX_HEAD)) as u64;
        let n = Read::take(&mut *reader, limit).read_until(b'\n', &mut line);
        let n = match n {
            Ok(n) => n,
            // Idle keep-alive connection timed out, or the peer went away.
            Err(e) if head.is_empty() && is_idle_end(&e) => return Ok(Head::Closed),
            Err(e) => return Err(e),
        };
        if n == 0 {
            return Ok(Head::Closed);
        }
        head.extend_from_slice(&line);
        if head.len() > MAX_HEAD {
            return Ok(Head::TooLarge);
        }
        if line == b"\r\n" || line == b"\n" {
            if head.len() == line.len() {
                // Tolerate blank lines before a request (RFC 9112 §2.2).
                head.clear();
                continue;
            }
            return Ok(Head::Complete(head));
        }
    }
}

fn is_idle_end(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::WouldBlock
            | io::ErrorKind::TimedOut
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::UnexpectedEof
    )
}

/// Parses a request head; `Err(status)` for a malformed one.
pub(crate) fn parse_head(head: &[u8]) -> Result<Request, u16> {
    let text = std::str::from_utf8(head).map_err(|_| 400u16)?;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let line = lines.next().ok_or(400u16)?;
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(400);
    };
    if method.is_empty()
        || !method
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(400);
    }
    let http11 = match version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        v if v.starts_with("HTTP/") => return Err(505),
        _ => return Err(400),
    };
    let mut headers = Vec::new();
    for l in lines.filter(|l| !l.is_empty()) {
        let (name, value) = l.split_once(':').ok_or(400u16)?;
        if name.is_empty() || name.bytes().any(|b| b.is_ascii_whitespace()) {
            return Err(400);
        }
        headers.push((name.to_owned(), value.trim().to_owned()));
    }
    Ok(Request {
        method: method.to_owned(),
        target: target.to_owned(),
        http11,
        headers,
    })
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

/// The `Content-Type` of a site file, by extension.
pub(crate) fn content_type(name: &str) -> &'static str {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "wasm" => "application/wasm",
        "txt" => "text/plain; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "yaml" | "yml" => "application/yaml",
        "pdf" => "application/pdf",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "odt" => "application/vnd.oasis.opendocument.text",
        "zip" => "application/zip",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        _ => "application/octet-stream",
    }
}

/// A strong validator for a body: a 64-bit FNV-1a hash and the length.
pub(crate) fn etag(body: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in body {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("\"{h:016x}-{:x}\"", body.len())
}

/// Whether an `If-None-Match` header value matches `tag` (weak comparison).
pub(crate) fn etag_matches(header: &str, tag: &str) -> bool {
    header
        .split(',')
        .map(str::trim)
        .any(|t| t == "*" || t.strip_prefix("W/").unwrap_or(t) == tag)
}

pub(crate) fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        206 => "Partial Content",
        301 => "Moved Permanently",
        304 => "Not Modified",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        421 => "Misdirected Request",
        416 => "Range Not Satisfiable",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

fn write_simple(out: &mut TcpStream, status: u16, text: &str, keep: bool) -> io::Result<()> {
    let body = format!("{status} {text}\n");
    respond(
        out,
        status,
        "text/plain; charset=utf-8",
        &[],
        body.as_bytes(),
        false,
        keep,
    )
}

fn respond(
    out: &mut TcpStream,
    status: u16,
    content_type: &str,
    extra: &[(&str, String)],
    body: &[u8],
    head_only: bool,
    keep: bool,
) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status} {}\r\nServer: sopkb\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nAccept-Ranges: bytes\r\nX-Content-Type-Options: nosniff\r\n",
        reason(status),
        body.len()
    );
    for (name, value) in extra {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(if keep {
        "Connection: keep-alive\r\n\r\n"
    } else {
        "Connection: close\r\n\r\n"
    });
    let mut w = BufWriter::with_capacity(64 * 1024, out);
    w.write_all(head.as_bytes())?;
    if !head_only {
        w.write_all(body)?;
    }
    w.flush()
}

fn respond_not_modified(
    out: &mut TcpStream,
    extra: &[(&str, String)],
    keep: bool,
) -> io::Result<()> {
    let mut head = String::from("HTTP/1.1 304 Not Modified\r\nServer: sopkb\r\n");
    for (name, value) in extra {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(if keep {
        "Connection: keep-alive\r\n\r\n"
    } else {
        "Connection: close\r\n\r\n"
    });
    out.write_all(head.as_bytes())
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
    fn parses_request_line_and_headers() {
        let r =
            parse_head(b"GET /sop/ HTTP/1.1\r\nHost: x\r\nIf-None-Match: \"a\"\r\n\r\n").unwrap();
        assert_eq!(r.method, "GET");
        assert_eq!(r.target, "/sop/");
        assert!(r.http11);
        assert_eq!(r.header("if-none-match"), Some("\"a\""));
        assert!(r.keep_alive());
        let r = parse_head(b"GET / HTTP/1.0\n\n").unwrap();
        assert!(!r.keep_alive());
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
    fn malformed_heads_are_bad_requests() {
        assert_eq!(parse_head(b"GET /\r\n\r\n"), Err(400));
        assert_eq!(parse_head(b"GET / HTTP/1.1 x\r\n\r\n"), Err(400));
        assert_eq!(parse_head(b"GET / HTTP/2\r\n\r\n"), Err(505));
        assert_eq!(parse_head(b"GET / HTTP/1.1\r\nno colon\r\n\r\n"), Err(400));
        assert_eq!(parse_head(b"G\x00T / HTTP/1.1\r\n\r\n"), Err(400));
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("assets/style.css"), "text/css; charset=utf-8");
        assert_eq!(
            content_type("search/x.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(
            content_type("search/sopkb_search_bg.wasm"),
            "application/wasm"
        );
        assert_eq!(content_type("sop/a/swimlane.svg"), "image/svg+xml");
        assert_eq!(content_type("data/sops.json"), "application/json");
        assert_eq!(content_type("sitemap.xml"), "application/xml");
        assert_eq!(content_type("a.PDF"), "application/pdf");
        assert_eq!(
            content_type("templat/x.docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        );
        assert_eq!(
            content_type("data/kerja-sama.csv"),
            "text/csv; charset=utf-8"
        );
        assert_eq!(content_type("logo.png"), "image/png");
        assert_eq!(content_type("LICENSE"), "application/octet-stream");
    }

    #[test]
    fn etags_differ_by_content_and_match_weakly() {
        let a = etag(b"a");
        assert_ne!(a, etag(b"b"));
        assert_eq!(a, etag(b"a"));
        assert!(etag_matches(&a, &a));
        assert!(etag_matches(&format!("\"x\", W/{a}"), &a));
        assert!(etag_matches("*", &a));
        assert!(!etag_matches("\"x\"", &a));
    }

    #[test]
    fn single_byte_ranges_are_parsed_others_ignored() {
        let sat = |start, end| Some(ByteRange::Satisfiable { start, end });
        assert_eq!(parse_range("bytes=0-9", 100), sat(0, 9));
        assert_eq!(parse_range("bytes=90-200", 100), sat(90, 99));
        assert_eq!(parse_range("bytes=10-", 100), sat(10, 99));
        assert_eq!(parse_range("bytes=-10", 100), sat(90, 99));
        assert_eq!(parse_range("bytes=-1000", 100), sat(0, 99));
        assert_eq!(parse_range(" bytes=5-5 ", 100), sat(5, 5));
        let unsat = Some(ByteRange::Unsatisfiable);
        assert_eq!(parse_range("bytes=100-", 100), unsat);
        assert_eq!(parse_range("bytes=99999999999999999999999-", 100), unsat);
        assert_eq!(parse_range("bytes=-0", 100), unsat);
        assert_eq!(parse_range("bytes=0-", 0), unsat);
        for ignored in [
            "bytes=0-1,5-6",
            "bytes=9-1",
            "bytes=-",
            "bytes=a-b",
            "items=0-1",
            "bytes=+1-2",
            "",
        ] {
            assert_eq!(parse_range(ignored, 100), None, "{ignored}");
        }
    }
}
