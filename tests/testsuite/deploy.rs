//! The publishing recipes of docs/deploy/ (README, "Menerbitkan /
//! Publishing"): every `sopkb` command and flag they use exists, each
//! builds with a `--base-url`, and the nginx server block serves the
//! shipped site with the types, compression, caching and 404 page it
//! promises (nginx is installed by scripts/setup).

use crate::common::http::{send, Resp};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const SOPKB: &str = env!("CARGO_BIN_EXE_sopkb");

fn recipes() -> Vec<PathBuf> {
    let dir = Path::new(ROOT).join("docs/deploy");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("docs/deploy")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    files.sort();
    files
}

/// The shell text of a recipe: comment lines dropped; in Markdown only
/// what is inside backticks.
fn commands_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("recipe");
    if path.extension().is_some_and(|e| e == "md") {
        text.split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 1)
            .map(|(_, s)| s)
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        text.lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Every `sopkb <command> [--flag…]` in `text`: the command and its flags.
fn invocations(text: &str) -> Vec<(String, Vec<String>)> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices("sopkb ") {
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '/') {
            continue;
        }
        let rest = &text[at + "sopkb ".len()..];
        let line = rest.split(['\n', '&', ';', '|']).next().unwrap_or("");
        let mut words = line.split([' ', '\t']).filter(|w| !w.is_empty());
        let Some(command) = words.next() else {
            continue;
        };
        if !command.chars().all(|c| c.is_ascii_lowercase()) {
            continue;
        }
        let flags = words
            .filter(|w| w.starts_with("--"))
            .map(|w| w.split('=').next().unwrap_or(w).to_owned())
            .collect();
        found.push((command.to_owned(), flags));
    }
    found
}

#[test]
fn every_command_and_flag_in_the_recipes_exists() {
    let mut checked = 0;
    for recipe in recipes() {
        let name = recipe.file_name().unwrap().to_string_lossy().to_string();
        let calls = invocations(&commands_of(&recipe));
        for (command, flags) in &calls {
            let help = Command::new(SOPKB)
                .args([command.as_str(), "--help"])
                .output()
                .expect("run sopkb");
            assert!(
                help.status.success(),
                "{name}: `sopkb {command}` is not a command"
            );
            let help = String::from_utf8_lossy(&help.stdout);
            for flag in flags {
                assert!(
                    help.contains(&format!("{flag} ")) || help.contains(&format!("{flag}\n")),
                    "{name}: `sopkb {command}` has no flag {flag}"
                );
                checked += 1;
            }
        }
        if name != "nginx.conf" {
            assert!(
                calls.iter().any(|(c, f)| c == "check" && f.is_empty()),
                "{name}: checks the content before publishing"
            );
            assert!(
                calls
                    .iter()
                    .any(|(c, f)| c == "build" && f.iter().any(|f| f == "--base-url")),
                "{name}: builds with the --base-url of its host"
            );
        }
    }
    assert!(checked >= 10, "the recipes name {checked} flags");
}

#[test]
fn invocations_are_read_from_shell_text() {
    let calls = invocations(
        "cargo install --locked --path . sopkb && sopkb check && sopkb build --out public --base-url=$URL/\n-t sopkb-site",
    );
    assert_eq!(
        calls,
        vec![
            ("check".to_owned(), vec![]),
            (
                "build".to_owned(),
                vec!["--out".to_owned(), "--base-url".to_owned()]
            ),
        ]
    );
}

struct Nginx {
    child: Child,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// GET `path` on loopback `port`, asking for gzip when `gzip`.
fn get(port: u16, path: &str, gzip: bool) -> Resp {
    let encoding = if gzip {
        "Accept-Encoding: gzip\r\n"
    } else {
        ""
    };
    send(
        port,
        &format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n{encoding}Connection: close\r\n\r\n"),
    )
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// nginx with docs/deploy/nginx.conf, listening on loopback and serving `site`.
fn start_nginx(work: &Path, site: &Path, port: u16) -> Nginx {
    let conf = std::fs::read_to_string(Path::new(ROOT).join("docs/deploy/nginx.conf")).unwrap();
    assert!(conf.contains("listen 80;") && conf.contains("root /usr/share/nginx/html;"));
    let server = conf
        .replace("listen 80;", &format!("listen 127.0.0.1:{port};"))
        .replace(
            "root /usr/share/nginx/html;",
            &format!("root {};", site.display()),
        );
    std::fs::write(work.join("server.conf"), server).unwrap();
    let w = work.display();
    let main = format!(
        "daemon off; master_process off; pid {w}/nginx.pid; error_log {w}/error.log;\n\
         events {{}}\n\
         http {{ include /etc/nginx/mime.types; default_type application/octet-stream; access_log off;\n\
         client_body_temp_path {w}/b; proxy_temp_path {w}/p; fastcgi_temp_path {w}/f;\n\
         uwsgi_temp_path {w}/u; scgi_temp_path {w}/s;\n\
         include {w}/server.conf; }}\n"
    );
    std::fs::write(work.join("nginx.conf"), main).unwrap();
    let nginx = ["/usr/sbin/nginx", "nginx"]
        .into_iter()
        .find(|n| Command::new(n).arg("-v").output().is_ok())
        .expect("nginx is installed by scripts/setup");
    let child = Command::new(nginx)
        .args(["-p", &w.to_string(), "-c", &format!("{w}/nginx.conf")])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start nginx");
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "nginx did not start: {}",
            std::fs::read_to_string(work.join("error.log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Nginx { child }
}

#[test]
fn nginx_recipe_serves_the_shipped_site() {
    let tmp = tempfile::tempdir().unwrap();
    // nginx's workers may run as another user: let them read the site.
    let mut perms = std::fs::metadata(tmp.path()).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(tmp.path(), perms).unwrap();
    let site = tmp.path().join("site");
    let built = Command::new(SOPKB)
        .args(["--root", ROOT, "build", "--out"])
        .arg(&site)
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let port = free_port();
    let _nginx = start_nginx(tmp.path(), &site, port);

    let home = get(port, "/", true);
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(home.header("Content-Encoding"), Some("gzip"));
    let csp = home
        .header("Content-Security-Policy")
        .expect("CSP on pages");
    assert!(csp.contains("'wasm-unsafe-eval'") && csp.contains("frame-ancestors 'none'"));

    let module = std::fs::read_dir(site.join("search"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .find(|n| n.ends_with(".wasm"))
        .expect("search module");
    let wasm = get(port, &format!("/search/{module}"), true);
    assert_eq!(wasm.status, 200);
    assert_eq!(wasm.header("Content-Type"), Some("application/wasm"));
    assert_eq!(wasm.header("Content-Encoding"), Some("gzip"));
    assert!(wasm
        .header("Cache-Control")
        .unwrap_or("")
        .contains("immutable"));
    let full = std::fs::metadata(site.join("search").join(&module))
        .unwrap()
        .len();
    assert!(
        (wasm.body.len() as u64) < full / 2,
        "the module is compressed"
    );

    let manifest = get(port, "/search/index/manifest.json", true);
    assert_eq!(manifest.status, 200);
    assert!(manifest
        .header("Content-Type")
        .unwrap_or("")
        .starts_with("application/json"));
    assert_eq!(manifest.header("Cache-Control"), Some("no-cache"));
    let pack = get(port, "/search/index/pack-00000.bin", true);
    assert_eq!(pack.status, 200);
    assert_eq!(pack.header("Cache-Control"), Some("no-cache"));
    // The search worker reads packs by range, asking for gzip like any
    // browser: nginx must answer 206 with the bytes, not the whole file.
    let ranged = send(
        port,
        "GET /search/index/pack-00000.bin HTTP/1.1\r\nHost: localhost\r\n\
         Accept-Encoding: gzip\r\nRange: bytes=4-103\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(ranged.status, 206, "{:?}", ranged.headers);
    let on_disk = std::fs::read(site.join("search/index/pack-00000.bin")).unwrap();
    assert_eq!(ranged.body, &on_disk[4..104]);
    let content_range = format!("bytes 4-103/{}", on_disk.len());
    assert_eq!(ranged.header("Content-Range"), Some(content_range.as_str()));
    assert_eq!(ranged.header("Content-Encoding"), None);

    let csv = get(port, "/data/kerja-sama.csv", false);
    assert_eq!(csv.header("Content-Type"), Some("text/csv; charset=utf-8"));
    assert_eq!(
        csv.body,
        std::fs::read(site.join("data/kerja-sama.csv")).unwrap()
    );

    let missing = get(port, "/sop/tidak-ada/", false);
    assert_eq!(missing.status, 404);
    assert_eq!(missing.body, std::fs::read(site.join("404.html")).unwrap());
}
