//! `sopkb serve` as a user meets it: the real binary on a free port over a
//! temporary project, spoken to with raw HTTP (so no client normalises the
//! paths we send). Edits reload, errors overlay every page and go away when
//! fixed, traversal attempts get 404, other methods 405, types and 304s are
//! right, and the server answers concurrent requests. Every wait polls with
//! a deadline; nothing sleeps a fixed long time.

use crate::common;

use common::http::{send, Resp};
use common::{line_of, Project, SOP_PATH};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Generous: a debug binary on a loaded 2-core machine.
const DEADLINE: Duration = Duration::from_secs(60);

/// A running `sopkb serve`; killed when dropped.
struct Serve {
    child: Child,
    port: u16,
    log: Arc<Mutex<String>>,
}

impl Serve {
    fn start(p: &Project, args: &[&str]) -> Serve {
        Serve::start_with_root(p, p.root(), args)
    }

    /// `--root ROOT` (relative to the project folder, the working directory).
    fn start_with_root(p: &Project, root: &std::path::Path, args: &[&str]) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sopkb"))
            .current_dir(p.root())
            .arg("--root")
            .arg(root)
            .args(["serve", "--port", "0"])
            .args(args)
            .env_remove("SOPKB_LANG")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start sopkb serve");
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = channel();
        let stderr = child.stderr.take().expect("stderr");
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                sink.lock().unwrap().push_str(&format!("{line}\n"));
                let _ = tx.send(line);
            }
        });
        let port = wait_for_port(&rx, &mut child, &log);
        Serve { child, port, log }
    }

    fn get(&self, path: &str) -> Resp {
        self.send(&format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        ))
    }

    fn send(&self, raw: &str) -> Resp {
        send(self.port, raw)
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    fn assert_running(&mut self) {
        assert!(
            self.child.try_wait().unwrap().is_none(),
            "serve exited:\n{}",
            self.log()
        );
    }

    /// Polls `path` until `ok` holds for its body; returns that body.
    fn wait_for(&self, path: &str, what: &str, ok: impl Fn(&Resp) -> bool) -> Resp {
        let start = Instant::now();
        loop {
            let r = self.get(path);
            if ok(&r) {
                return r;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "{path}: timed out waiting for {what}; last response {}:\n{}\n--- serve log:\n{}",
                r.status,
                r.text(),
                self.log()
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads stderr until the "http://127.0.0.1:PORT/" line.
fn wait_for_port(rx: &Receiver<String>, child: &mut Child, log: &Mutex<String>) -> u16 {
    let start = Instant::now();
    while start.elapsed() < DEADLINE {
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(100)) {
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                let port: String = rest.chars().take_while(char::is_ascii_digit).collect();
                return port.parse().expect("port");
            }
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("serve exited ({status}):\n{}", log.lock().unwrap());
        }
    }
    panic!("no address printed:\n{}", log.lock().unwrap());
}

/// One message of `/__sopkb/events`: a build and the pages it changed
/// (`None`: every page).
#[derive(Debug)]
struct Event {
    build: String,
    pages: Option<Vec<String>>,
}

impl Event {
    fn reloads(&self, page: &str) -> bool {
        self.pages
            .as_ref()
            .is_none_or(|p| p.iter().any(|x| x == page))
    }
}

/// The messages announced on `/__sopkb/events`, as they arrive.
fn events(port: u16) -> Receiver<Event> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.write_all(
        b"GET /__sopkb/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n",
    )
    .unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(s).lines() {
            let Ok(line) = line else { break };
            if let Some(data) = line.strip_prefix("data: ") {
                let v: serde_json::Value = serde_json::from_str(data).expect("JSON event");
                let event = Event {
                    build: v["build"].as_str().expect("build").to_owned(),
                    pages: v["pages"]
                        .as_array()
                        .map(|a| a.iter().map(|p| p.as_str().unwrap().to_owned()).collect()),
                };
                if tx.send(event).is_err() {
                    break;
                }
            }
        }
    });
    rx
}

/// The next message of another build than `old`.
fn next_build(rx: &Receiver<Event>, old: &str, serve: &Serve) -> Event {
    let start = Instant::now();
    while start.elapsed() < DEADLINE {
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(e) if e.build != old => return e,
            _ => {}
        }
    }
    panic!("no reload event after {old}:\n{}", serve.log());
}

fn overlay_of(r: &Resp) -> bool {
    r.text().contains("id=\"sopkb-overlay\"")
}

#[test]
fn an_edit_reloads_and_an_error_overlays_every_page_until_fixed() {
    let p = Project::valid();
    let mut serve = Serve::start(&p, &[]);
    let page = serve.get("/sop/contoh/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Contoh Prosedur Kerja Sama"));
    assert!(
        page.text()
            .contains("<script src=\"/__sopkb/reload.js?build="),
        "the server injects the reload script:\n{}",
        page.text()
    );
    assert!(!overlay_of(&page));
    let script = serve.get("/__sopkb/reload.js");
    assert_eq!(script.status, 200);
    assert!(script.text().contains("new EventSource('/__sopkb/events')"));

    let rx = events(serve.port);
    let first = next_build(&rx, "", &serve);
    assert_eq!(
        first.pages, None,
        "the first message names the current build"
    );
    let b0 = first.build;

    // 1. An edit: a reload event for this page arrives, and the page then
    //    shows the new text, from the new build.
    p.replace(
        SOP_PATH,
        "Contoh Prosedur Kerja Sama",
        "Prosedur Hasil Suntingan",
    );
    let e1 = next_build(&rx, &b0, &serve);
    assert!(e1.reloads("sop/contoh/index.html"), "{e1:?}");
    let page = serve.get("/sop/contoh/");
    assert!(
        page.text().contains("Prosedur Hasil Suntingan"),
        "{}",
        page.text()
    );
    assert!(
        !page.text().contains(&format!("build={b0}\"")),
        "served from an old build"
    );
    let b1 = e1.build;

    // 2. A content error: the server stays up; every page shows the overlay
    //    with the file and line, the last good pages stay under it.
    p.replace(SOP_PATH, "pelaksana: bupati", "pelaksana: keuangan");
    let line = line_of(&p.read(SOP_PATH), "pelaksana: keuangan");
    let b2 = next_build(&rx, &b1, &serve).build;
    let marker = format!("data-file=\"sops/contoh.yaml\" data-line=\"{line}\"");
    for path in [
        "/sop/contoh/",
        "/",
        "/sop/",
        "/dasar-hukum/pp-28-2018/",
        "/tidak-ada/",
    ] {
        let r = serve.wait_for(path, "the overlay", |r| r.text().contains(&marker));
        let text = r.text();
        assert!(text.contains("SOP004"), "{path}: {text}");
        assert!(
            text.contains(&format!("sops/contoh.yaml:{line}:")),
            "{path}"
        );
        assert!(text.contains("/__sopkb/overlay.css"), "{path}");
    }
    assert!(serve
        .get("/sop/contoh/")
        .text()
        .contains("Prosedur Hasil Suntingan"));
    assert_eq!(serve.get("/__sopkb/overlay.css").status, 200);
    serve.assert_running();

    // 3. The fix: a new build, no overlay, the page up to date.
    p.replace(SOP_PATH, "pelaksana: keuangan", "pelaksana: bupati");
    p.replace(SOP_PATH, "Prosedur Hasil Suntingan", "Prosedur Diperbaiki");
    next_build(&rx, &b2, &serve);
    for path in ["/sop/contoh/", "/"] {
        serve.wait_for(path, "recovery", |r| !overlay_of(r) && r.status == 200);
    }
    serve.wait_for("/sop/contoh/", "the fixed text", |r| {
        r.text().contains("Prosedur Diperbaiki")
    });
    serve.assert_running();
}

#[test]
fn a_relative_root_still_rebuilds_on_edits() {
    // Watcher events carry absolute paths; `--root .` once matched none.
    let p = Project::valid();
    let serve = Serve::start_with_root(&p, std::path::Path::new("."), &[]);
    assert!(serve
        .get("/sop/contoh/")
        .text()
        .contains("Contoh Prosedur Kerja Sama"));
    p.replace(SOP_PATH, "Contoh Prosedur Kerja Sama", "Prosedur Relatif");
    serve.wait_for("/sop/contoh/", "the edited name", |r| {
        r.text().contains("Prosedur Relatif")
    });
}

#[test]
fn a_file_written_by_new_appears_in_a_running_serve() {
    let p = Project::valid();
    let serve = Serve::start(&p, &[]);
    assert_eq!(serve.get("/sop/baru/").status, 404);
    let run = p.run(&["new", "sop", "baru"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    serve.wait_for("/sop/baru/", "the new SOP page", |r| r.status == 200);
    assert!(!overlay_of(&serve.get("/")));
}

#[test]
fn a_static_edit_is_served_without_touching_pages() {
    let p = Project::valid();
    p.write("static/css/extra.css", "p { color: red }\n");
    let serve = Serve::start(&p, &[]);
    assert_eq!(serve.get("/css/extra.css").text(), "p { color: red }\n");
    let rx = events(serve.port);
    let b0 = next_build(&rx, "", &serve).build;
    p.write("static/css/extra.css", "p { color: blue }\n");
    let e = next_build(&rx, &b0, &serve);
    assert_eq!(e.pages, None, "a stylesheet change reloads every page");
    serve.wait_for("/css/extra.css", "the new CSS", |r| {
        r.text() == "p { color: blue }\n"
    });
    let start = Instant::now();
    while !serve.log().contains("berkas static/ dibaca ulang") {
        assert!(start.elapsed() < DEADLINE, "{}", serve.log());
        std::thread::sleep(Duration::from_millis(25));
    }
}

#[test]
fn path_traversal_attempts_get_404() {
    let p = Project::valid();
    p.write("static/ok.txt", "ok\n");
    let serve = Serve::start(&p, &[]);
    assert_eq!(serve.get("/ok.txt").text(), "ok\n");
    for target in [
        "/../sopkb.toml",
        "/../../../../etc/passwd",
        "/sop/../../sopkb.toml",
        "/%2e%2e/sopkb.toml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/.%2e/sopkb.toml",
        "/..%2fsopkb.toml",
        "/sop%2f..%2f..%2fsopkb.toml",
        "/%252e%252e/sopkb.toml",
        "/%252e%252e%252fsopkb.toml",
        "/..\\sopkb.toml",
        "/%5c..%5csopkb.toml",
        "//etc/passwd",
        "/%2fetc/passwd",
        "/index.html%00",
        "/sopkb.toml",
        "/sops/contoh.yaml",
        "/content/dasar-hukum/pp-28-2018.md",
        "/static/ok.txt",
    ] {
        let r = serve.get(target);
        assert_eq!(r.status, 404, "{target} -> {}\n{}", r.status, r.text());
        let text = r.text();
        assert!(
            !text.contains("title = ") && !text.contains("langkah:") && !text.contains("root:"),
            "{target} leaked:\n{text}"
        );
    }
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_project_are_never_served() {
    const SECRET: &str = "ISI-RAHASIA-DI-LUAR-PROYEK";
    let p = Project::valid();
    p.write("static/ok.txt", "ok\n");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), SECRET).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), p.path("static/leak.txt"))
        .unwrap();
    std::os::unix::fs::symlink(outside.path(), p.path("static/luar")).unwrap();
    let serve = Serve::start(&p, &[]);
    for target in ["/leak.txt", "/luar/secret.txt", "/luar/"] {
        let r = serve.get(target);
        assert!(r.status >= 400, "{target} -> {}", r.status);
        assert!(!r.text().contains(SECRET), "{target} leaked:\n{}", r.text());
    }
}

#[test]
fn only_get_and_head_are_allowed() {
    let p = Project::valid();
    let serve = Serve::start(&p, &[]);
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"] {
        let r = serve.send(&format!(
            "{method} / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3\r\n\r\nabc"
        ));
        assert_eq!(r.status, 405, "{method}");
        assert_eq!(r.header("allow"), Some("GET, HEAD"), "{method}");
    }
    let get = serve.get("/sop/contoh/");
    let head =
        serve.send("HEAD /sop/contoh/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(head.header("content-length"), get.header("content-length"));
    assert_eq!(head.header("etag"), get.header("etag"));
    let bad = serve.send("GET /\r\n\r\n");
    assert_eq!(bad.status, 400);
}

#[test]
fn only_requests_naming_localhost_are_answered() {
    // DNS rebinding: a page of another site whose name now points at
    // 127.0.0.1 still sends its own name as Host.
    let p = Project::valid();
    let serve = Serve::start(&p, &[]);
    let get_from = |path: &str, host: &str| {
        serve.send(&format!(
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ))
    };
    let get = |host: &str| get_from("/sop/contoh/", host);
    for host in ["evil.example", "evil.example:80", "10.0.0.5"] {
        let r = get(host);
        assert_eq!(r.status, 421, "{host}");
        assert!(!r.text().contains("Contoh Prosedur"), "{host}");
    }
    // Nor the reload stream (it would tell when the editor saves).
    assert_eq!(get_from("/__sopkb/events", "evil.example").status, 421);
    for host in [
        format!("127.0.0.1:{}", serve.port),
        format!("localhost:{}", serve.port),
        format!("[::1]:{}", serve.port),
    ] {
        assert_eq!(get(&host).status, 200, "{host}");
    }
}

#[test]
fn content_types_caching_and_not_modified() {
    let p = Project::valid();
    p.write_bytes("static/search/mod.wasm", b"\0asm\x01\0\0\0");
    p.write_bytes("static/berkas/panduan.pdf", b"%PDF-1.4\n");
    p.write_bytes("static/berkas/templat.docx", b"PK\x03\x04");
    p.write("static/berkas/daftar.csv", "a,b\n");
    p.write_bytes("static/img/logo.png", b"\x89PNG\r\n\x1a\n");
    let serve = Serve::start(&p, &[]);
    for (path, want) in [
        ("/", "text/html; charset=utf-8"),
        ("/sop/contoh/", "text/html; charset=utf-8"),
        ("/sop/contoh/swimlane.svg", "image/svg+xml"),
        ("/data/sops.json", "application/json"),
        ("/assets/style.css", "text/css; charset=utf-8"),
        ("/__sopkb/reload.js", "text/javascript; charset=utf-8"),
        ("/search/mod.wasm", "application/wasm"),
        ("/berkas/panduan.pdf", "application/pdf"),
        (
            "/berkas/templat.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("/berkas/daftar.csv", "text/csv; charset=utf-8"),
        ("/img/logo.png", "image/png"),
    ] {
        let r = serve.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some(want), "{path}");
        assert_eq!(r.header("cache-control"), Some("no-cache"), "{path}");
        assert_eq!(
            r.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        let etag = r
            .header("etag")
            .unwrap_or_else(|| panic!("{path}: no ETag"));
        let again = serve.send(&format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nIf-None-Match: {etag}\r\nConnection: close\r\n\r\n"
        ));
        assert_eq!(again.status, 304, "{path}");
        assert!(again.body.is_empty(), "{path}");
        assert_eq!(again.header("etag"), Some(etag), "{path}");
        let other = serve.send(&format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nIf-None-Match: \"lain\"\r\nConnection: close\r\n\r\n"
        ));
        assert_eq!(other.status, 200, "{path}");
    }
    let r = serve.get("/sop/contoh?x=1");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("location"), Some("/sop/contoh/"));
    let missing = serve.get("/tidak/ada.html");
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.header("content-type"),
        Some("text/html; charset=utf-8")
    );
}

/// The search worker reads the index's pack files by byte range: single
/// ranges get 206 with their Content-Range, ranges past the end 416, and
/// what the server does not do partially (several ranges, another version
/// in If-Range) the whole file.
#[test]
fn byte_ranges_of_the_search_index_are_served() {
    let p = Project::valid();
    let serve = Serve::start(&p, &[]);
    let path = "/search/index/pack-00000.bin";
    let whole = serve.get(path);
    assert_eq!(whole.status, 200, "{}", serve.log());
    assert_eq!(whole.header("accept-ranges"), Some("bytes"));
    let len = whole.body.len();
    assert!(len > 100, "pack of {len} bytes");
    let range = |spec: &str, extra: &str| {
        serve.send(&format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: {spec}\r\n{extra}Connection: close\r\n\r\n"
        ))
    };
    let part = range("bytes=10-49", "");
    assert_eq!(part.status, 206);
    assert_eq!(part.body, &whole.body[10..50]);
    let content_range = format!("bytes 10-49/{len}");
    assert_eq!(part.header("content-range"), Some(content_range.as_str()));
    assert_eq!(part.header("content-length"), Some("40"));
    assert_eq!(
        part.header("content-type"),
        Some("application/octet-stream")
    );
    let tail = range("bytes=-7", "");
    assert_eq!(tail.status, 206);
    assert_eq!(tail.body, &whole.body[len - 7..]);
    let open = range(&format!("bytes={}-", len - 3), "");
    assert_eq!(open.body, &whole.body[len - 3..]);
    let past = range(&format!("bytes={len}-"), "");
    assert_eq!(past.status, 416);
    let star = format!("bytes */{len}");
    assert_eq!(past.header("content-range"), Some(star.as_str()));
    let several = range("bytes=0-1,5-6", "");
    assert_eq!((several.status, several.body.len()), (200, len));
    let etag = whole.header("etag").unwrap();
    let same = range("bytes=0-3", &format!("If-Range: {etag}\r\n"));
    assert_eq!((same.status, same.body.len()), (206, 4));
    let other = range("bytes=0-3", "If-Range: \"lain\"\r\n");
    assert_eq!((other.status, other.body.len()), (200, len));
    let head = serve.send(&format!(
        "HEAD {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes=0-9\r\nConnection: close\r\n\r\n"
    ));
    assert_eq!(head.status, 206);
    assert!(head.body.is_empty());
}

#[test]
fn concurrent_and_keep_alive_requests_are_served() {
    let p = Project::valid();
    let serve = Serve::start(&p, &[]);
    // Open reload streams hold their connections the whole time.
    let streams: Vec<_> = (0..4).map(|_| events(serve.port)).collect();
    for rx in &streams {
        next_build(rx, "", &serve);
    }
    let port = serve.port;
    let workers: Vec<_> = (0..16)
        .map(|i| {
            std::thread::spawn(move || {
                let path = ["/", "/sop/", "/sop/contoh/", "/data/sops.json"][i % 4];
                (0..5)
                    .map(|_| {
                        send(
                            port,
                            &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
                        )
                        .status
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    for w in workers {
        assert!(w.join().unwrap().iter().all(|&s| s == 200));
    }
    // Two requests on one connection.
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s.write_all(b"GET /sop/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET /data/sops.json HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let text = String::from_utf8_lossy(&buf);
    assert_eq!(text.matches("HTTP/1.1 200 OK").count(), 2, "{text}");
}

#[test]
fn binds_loopback_by_default_and_refuses_an_output_inside_the_sources() {
    let p = Project::valid();
    let serve = Serve::start(&p, &[]);
    assert!(serve.log().contains("http://127.0.0.1:"), "{}", serve.log());
    drop(serve);
    let inside = p.path("static/site");
    let run = p.run(&["serve", "--port", "0", "--out", inside.to_str().unwrap()]);
    assert_eq!(run.code, Some(2), "{run:?}");
}

#[test]
fn out_mirror_rewrites_only_changed_files() {
    let p = Project::valid();
    let other = common::SOP.replace("Contoh Prosedur Kerja Sama", "Prosedur Lain");
    p.write(
        "sops/lain.yaml",
        &other.replace("\"1/UJI/2024\"", "\"2/UJI/2024\""),
    );
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let site_arg = site.to_str().unwrap();
    let serve = Serve::start(&p, &["--out", site_arg]);
    let untouched = site.join("sop/lain/index.html");
    let before = std::fs::metadata(&untouched).unwrap().modified().unwrap();
    let rx = events(serve.port);
    let b0 = next_build(&rx, "", &serve).build;
    p.replace(
        SOP_PATH,
        "Menyusun surat penawaran",
        "Menyusun surat penawaran resmi",
    );
    next_build(&rx, &b0, &serve);
    let edited = site.join("sop/contoh/index.html");
    let start = Instant::now();
    while !std::fs::read_to_string(&edited)
        .unwrap()
        .contains("penawaran resmi")
    {
        assert!(
            start.elapsed() < DEADLINE,
            "mirror not updated:\n{}",
            serve.log()
        );
        std::thread::sleep(Duration::from_millis(25));
    }
    let after = std::fs::metadata(&untouched).unwrap().modified().unwrap();
    assert_eq!(before, after, "an unchanged page was rewritten");
}

/// Urls the served search index finds for `q`, read over HTTP as the
/// browser reads it (manifest, then byte ranges of the packs a query needs).
fn served_hits(serve: &Serve, q: &str) -> Vec<String> {
    let manifest = serve.get("/search/index/manifest.json");
    assert_eq!(manifest.status, 200, "{}", serve.log());
    let manifest = sopkb_search::Manifest::parse(&manifest.body).unwrap();
    let port = serve.port;
    let dir = sopkb_search::ChunkDirectory::new(manifest, move |r| {
        let name = sopkb_search::chunk::pack_name(r.pack);
        let (first, last) = (r.bytes.start, r.bytes.end - 1);
        Ok(send(
            port,
            &format!(
                "GET /search/index/{name} HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes={first}-{last}\r\nConnection: close\r\n\r\n"
            ),
        )
        .body)
    })
    .unwrap();
    // A rebuild between the manifest and a chunk: the chunk's tag refuses
    // it; the caller asks again.
    let Ok(searcher) = sopkb_search::Searcher::open_chunked(dir) else {
        return vec!["(index changed while read)".into()];
    };
    let Ok(hits) = searcher.search(q, &[], 50) else {
        return vec!["(index changed while read)".into()];
    };
    let mut urls: Vec<String> = hits.into_iter().map(|h| h.url).collect();
    urls.sort();
    urls
}

/// Polls the served index until `q` finds `want`.
fn wait_for_hits(serve: &Serve, q: &str, want: &[&str]) {
    let start = Instant::now();
    loop {
        let got = served_hits(serve, q);
        if got == want {
            return;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "{q}: found {got:?}, want {want:?}\n--- serve log:\n{}",
            serve.log()
        );
        std::thread::sleep(Duration::from_millis(25));
    }
}

#[test]
fn the_served_search_index_follows_article_edits_and_removals() {
    let p = Project::valid();
    let article = |word: &str| {
        format!(
            "---\njudul: Catatan Rapat\nringkasan: Ringkas.\ndiperbarui: 2025-01-01\n---\nRapat membahas {word}.\n"
        )
    };
    let rel = "content/pengetahuan/catatan.md";
    p.write(rel, &article("zamrud"));
    p.write("content/pengetahuan/lain.md", &article("delima"));
    let serve = Serve::start(&p, &[]);
    let url = "/pengetahuan/catatan/";
    wait_for_hits(&serve, "zamrud", &[url]);
    // An edit: the new word is found, the removed one no longer.
    p.write(rel, &article("pirus"));
    wait_for_hits(&serve, "pirus", &[url]);
    assert!(served_hits(&serve, "zamrud").is_empty());
    serve.wait_for(url, "the edited page", |r| r.text().contains("pirus"));
    assert_eq!(served_hits(&serve, "delima"), ["/pengetahuan/lain/"]);
    // A removal: its results are gone, the other article's remain.
    p.remove(rel);
    wait_for_hits(&serve, "pirus", &[]);
    assert_eq!(serve.get(url).status, 404);
    assert_eq!(served_hits(&serve, "delima"), ["/pengetahuan/lain/"]);
    assert_eq!(served_hits(&serve, "rapat"), ["/pengetahuan/lain/"]);
}

/// Idle connections (connected and silent, or stopped in the middle of a
/// request line, as a slow or hostile client would) do not keep others
/// from being served; past the connection bound, a new one gets 503 at
/// once instead of waiting.
#[test]
fn idle_connections_do_not_block_requests_and_the_bound_answers_503() {
    let p = Project::valid();
    let serve = Serve::start(&p, &[]);
    let rx = events(serve.port);
    next_build(&rx, "", &serve);
    let idle: Vec<TcpStream> = (0..200)
        .map(|i| {
            let mut s = TcpStream::connect(("127.0.0.1", serve.port)).expect("connect");
            if i % 2 == 1 {
                s.write_all(b"GET /sop/contoh/ HT").unwrap();
            }
            s
        })
        .collect();
    // `send` gives up after 20 s: only a hang guard.
    let page = serve.get("/sop/contoh/");
    assert_eq!(page.status, 200, "{}", serve.log());
    assert!(page.text().contains("Contoh Prosedur Kerja Sama"));
    // The reload stream opened before them still delivers.
    p.replace(
        SOP_PATH,
        "Contoh Prosedur Kerja Sama",
        "Prosedur Tetap Hidup",
    );
    let e = next_build(&rx, "", &serve);
    assert!(e.reloads("sop/contoh/index.html"), "{e:?}");

    // Fill every slot (256; the stream holds one) and a few past it, in
    // case a closed request's slot is not back yet; then one more: 503.
    let more: Vec<TcpStream> = (idle.len() + 1..260)
        .map(|_| TcpStream::connect(("127.0.0.1", serve.port)).expect("connect"))
        .collect();
    let mut extra = TcpStream::connect(("127.0.0.1", serve.port)).expect("connect");
    extra
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut answer = String::new();
    extra.read_to_string(&mut answer).expect("an answer");
    assert!(answer.starts_with("HTTP/1.1 503 "), "{answer}");
    drop((idle, more));
    // Slots come back as the server sees the closes; until then a request
    // may get the 503 (or a reset: the answer does not wait for the request).
    let start = Instant::now();
    loop {
        let mut s = TcpStream::connect(("127.0.0.1", serve.port)).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let mut buf = Vec::new();
        let sent = s.write_all(
            b"GET /sop/contoh/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
        );
        if sent.is_ok() && s.read_to_end(&mut buf).is_ok() && buf.starts_with(b"HTTP/1.1 200 ") {
            break;
        }
        assert!(start.elapsed() < DEADLINE, "no free slot:\n{}", serve.log());
        std::thread::sleep(Duration::from_millis(25));
    }
}
