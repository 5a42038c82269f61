//! The preview's HTTP server: hyper's HTTP/1.1 under an axum router, on the
//! small tokio runtime `serve` starts. A bounded number of connections (more
//! get 503), a deadline for each request head; then `policy` decides what is
//! answered at all (Host, method, path) and the `Handler` what with: bodies
//! with their content type, `no-cache` and ETag/304, single byte ranges
//! (206/416: the search worker reads the index's pack files by range),
//! redirects and the reload event stream. axum answers HEAD as GET without
//! the body.

use super::policy;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use tokio::sync::Semaphore;

/// Answers requests for normalised site paths.
pub(crate) trait Handler: Send + Sync + 'static {
    /// `path` is the output of `policy::site_path`; `raw` the request path
    /// as sent (already checked: printable ASCII), for redirects.
    fn get(&self, path: &str, raw: &str) -> Reply;

    /// Whether a request naming this `Host` is answered (`None`: no header).
    fn allows_host(&self, _host: Option<&str>) -> bool {
        true
    }
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
    /// A response of its own (the reload event stream).
    Stream(Response),
}

/// Accepts connections until the listener fails; each is served by its own
/// task while it holds one of `policy::MAX_CONNECTIONS` slots.
pub(crate) async fn serve(
    listener: std::net::TcpListener,
    handler: Arc<dyn Handler>,
) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let app = axum::Router::new().fallback(answer).with_state(handler);
    let slots = Arc::new(Semaphore::new(policy::MAX_CONNECTIONS));
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors, a reset before accept: try again
                // a little later rather than spin.
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let Ok(slot) = Arc::clone(&slots).try_acquire_owned() else {
            // A fresh socket's send buffer takes these few bytes at once.
            let _ = stream.try_write(BUSY);
            continue;
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let io = hyper_util::rt::TokioIo::new(stream);
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(policy::HEAD_TIMEOUT)
                .max_header_size(policy::MAX_HEAD)
                .serve_connection(io, service)
                .await;
            drop(slot);
        });
    }
}

const BUSY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nServer: sopkb\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 24\r\nConnection: close\r\n\r\n503 Service Unavailable\n";

async fn answer(State(handler): State<Arc<dyn Handler>>, req: Request) -> Response {
    let mut resp = respond(handler.as_ref(), req.method(), req.uri(), req.headers());
    let headers = resp.headers_mut();
    headers.insert(header::SERVER, HeaderValue::from_static("sopkb"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    resp
}

/// The answer to one request, before the headers every answer carries.
pub(crate) fn respond(
    handler: &dyn Handler,
    method: &Method,
    uri: &axum::http::Uri,
    headers: &HeaderMap,
) -> Response {
    let host = headers.get(header::HOST).map(|v| v.to_str().unwrap_or(""));
    if !handler.allows_host(host) {
        return closing(text(
            StatusCode::MISDIRECTED_REQUEST,
            "421 Misdirected Request: sopkb serve answers only for localhost / hanya untuk localhost\n",
        ));
    }
    if method != Method::GET && method != Method::HEAD {
        let mut resp = text(
            StatusCode::METHOD_NOT_ALLOWED,
            "405 Method Not Allowed: only GET and HEAD\n",
        );
        resp.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return closing(resp);
    }
    // The target as sent; an absolute-form one (`http://host/…`) names no
    // site path.
    let target = match uri.path_and_query() {
        _ if uri.scheme().is_some() || uri.authority().is_some() => "",
        Some(p) => p.as_str(),
        None => uri.path(),
    };
    let Some((path, raw)) = policy::site_path(target) else {
        return if target.starts_with('/') {
            text(StatusCode::NOT_FOUND, "404 Not Found\n")
        } else {
            text(StatusCode::BAD_REQUEST, "400 Bad Request\n")
        };
    };
    match handler.get(&path, raw) {
        Reply::Body { status, name, body } => file(headers, status, &name, body),
        Reply::Redirect(location) => {
            let mut resp = text(StatusCode::MOVED_PERMANENTLY, "301 Moved Permanently\n");
            resp.headers_mut()
                .insert(header::LOCATION, value(&location));
            resp
        }
        Reply::Stream(resp) => resp,
    }
}

/// A site file: 304 when the client has this version, the part a `Range`
/// asks for, else the whole body.
fn file(req: &HeaderMap, status: u16, name: &str, body: Vec<u8>) -> Response {
    let tag = etag(&body);
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut headers = HeaderMap::new();
    headers.insert(header::ETAG, value(&tag));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if status == StatusCode::OK
        && header_str(req, header::IF_NONE_MATCH).is_some_and(|h| etag_matches(h, &tag))
    {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    headers.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    let len = body.len() as u64;
    let range = (status == StatusCode::OK)
        .then(|| wanted_range(req, &tag, len))
        .flatten();
    match range {
        Some(ByteRange::Satisfiable { start, end }) => {
            headers.insert(
                header::CONTENT_RANGE,
                value(&format!("bytes {start}-{end}/{len}")),
            );
            headers.insert(header::CONTENT_TYPE, value(content_type(name)));
            // `start <= end < len`: inside the body.
            let part = body[start as usize..=end as usize].to_vec();
            (StatusCode::PARTIAL_CONTENT, headers, part).into_response()
        }
        Some(ByteRange::Unsatisfiable) => {
            headers.insert(header::CONTENT_RANGE, value(&format!("bytes */{len}")));
            let mut resp = text(
                StatusCode::RANGE_NOT_SATISFIABLE,
                "416 Range Not Satisfiable\n",
            );
            resp.headers_mut().extend(headers);
            resp
        }
        None => {
            headers.insert(header::CONTENT_TYPE, value(content_type(name)));
            (status, headers, Body::from(body)).into_response()
        }
    }
}

fn text(status: StatusCode, body: &'static str) -> Response {
    let ct = HeaderValue::from_static("text/plain; charset=utf-8");
    (status, [(header::CONTENT_TYPE, ct)], body).into_response()
}

/// Ends the connection after this answer (an unread request body, a
/// request the server will not serve anyway).
fn closing(mut resp: Response) -> Response {
    resp.headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    resp
}

/// A header value from text this module made (ASCII); empty if not.
fn value(s: &str) -> HeaderValue {
    HeaderValue::from_str(s).unwrap_or_else(|_| HeaderValue::from_static(""))
}

fn header_str(headers: &HeaderMap, name: HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// What a `Range` header asks of a body of `len` bytes.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum ByteRange {
    /// Bytes `start..=end` (inside the body).
    Satisfiable { start: u64, end: u64 },
    /// No byte of it is in the body: 416.
    Unsatisfiable,
}

/// The single byte range of a request's `Range` header, if the answer should
/// be partial: none without the header, for several ranges or another unit
/// (answered whole, as RFC 9110 allows), or when `If-Range` names another
/// version than `tag`.
fn wanted_range(req: &HeaderMap, tag: &str, len: u64) -> Option<ByteRange> {
    let header = header_str(req, header::RANGE)?;
    if let Some(if_range) = req.get(header::IF_RANGE) {
        if if_range.to_str().ok().map(str::trim) != Some(tag) {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A site of one page, `a/index.html`, served on loopback.
    struct Site;

    impl Handler for Site {
        fn get(&self, path: &str, raw: &str) -> Reply {
            match path {
                "a/index.html" | "a/" => Reply::Body {
                    status: 200,
                    name: "a/index.html".into(),
                    body: b"0123456789".to_vec(),
                },
                "a" => Reply::Redirect(format!("{raw}/")),
                _ => Reply::Body {
                    status: 404,
                    name: "404.html".into(),
                    body: b"none".to_vec(),
                },
            }
        }

        fn allows_host(&self, host: Option<&str>) -> bool {
            policy::allows_host(true, host)
        }
    }

    fn ask(method: &str, target: &str, headers: &[(&str, &str)]) -> Response {
        let mut map = HeaderMap::new();
        map.insert(header::HOST, HeaderValue::from_static("127.0.0.1:1111"));
        for (n, v) in headers {
            map.insert(
                HeaderName::from_bytes(n.as_bytes()).unwrap(),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        respond(&Site, &method, &target.parse().unwrap(), &map)
    }

    fn head<'a>(r: &'a Response, name: &str) -> Option<&'a str> {
        r.headers().get(name).map(|v| v.to_str().unwrap())
    }

    #[test]
    fn policy_answers_come_before_any_lookup() {
        let r = ask("GET", "/a/", &[("host", "evil.example")]);
        assert_eq!(r.status(), StatusCode::MISDIRECTED_REQUEST);
        assert_eq!(head(&r, "connection"), Some("close"));
        let r = ask("POST", "/a/", &[]);
        assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(head(&r, "allow"), Some("GET, HEAD"));
        assert_eq!(ask("GET", "/%2e%2e/x", &[]).status(), StatusCode::NOT_FOUND);
        let absolute = ask("GET", "http://127.0.0.1/a/", &[]);
        assert_eq!(absolute.status(), StatusCode::BAD_REQUEST);
    }

    #[test]
    fn files_carry_type_validator_and_cache_policy() {
        let r = ask("GET", "/a/", &[]);
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(head(&r, "content-type"), Some("text/html; charset=utf-8"));
        assert_eq!(head(&r, "cache-control"), Some("no-cache"));
        assert_eq!(head(&r, "accept-ranges"), Some("bytes"));
        let tag = head(&r, "etag").unwrap().to_owned();
        let again = ask("GET", "/a/", &[("if-none-match", &tag)]);
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(head(&again, "etag"), Some(tag.as_str()));
        let missing = ask("GET", "/b", &[("if-none-match", "*")]);
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
        let moved = ask("GET", "/a?x=1", &[]);
        assert_eq!(moved.status(), StatusCode::MOVED_PERMANENTLY);
        assert_eq!(head(&moved, "location"), Some("/a/"));
    }

    #[test]
    fn ranges_give_206_or_416_and_follow_if_range() {
        let r = ask("GET", "/a/", &[("range", "bytes=2-4")]);
        assert_eq!(r.status(), StatusCode::PARTIAL_CONTENT);
        assert_eq!(head(&r, "content-range"), Some("bytes 2-4/10"));
        let r = ask("GET", "/a/", &[("range", "bytes=10-")]);
        assert_eq!(r.status(), StatusCode::RANGE_NOT_SATISFIABLE);
        assert_eq!(head(&r, "content-range"), Some("bytes */10"));
        let r = ask(
            "GET",
            "/a/",
            &[("range", "bytes=2-4"), ("if-range", "\"old\"")],
        );
        assert_eq!(r.status(), StatusCode::OK);
        // A 404 page is never partial.
        let r = ask("GET", "/b", &[("range", "bytes=0-1")]);
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
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
