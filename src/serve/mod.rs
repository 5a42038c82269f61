//! `sopkb serve`: builds the site into memory, serves it (loopback unless
//! told otherwise), watches the inputs, rebuilds what changed and reloads
//! open tabs; content errors become an overlay on every page, never an exit.
//!
//! Design: the site lives in memory as immutable snapshots (rendered files
//! plus `static/` files). The rebuild thread owns the content and the last
//! good build and publishes a new snapshot after each batch; the HTTP server
//! (axum on a one-thread tokio runtime, on its own thread) only clones the
//! current snapshot's `Arc` and answers from it, so a request can never
//! reach a file that is not part of the build output. Nothing is
//! written to disk unless `--out` asks for a mirror, which then gets only
//! the files whose bytes changed.

mod http;
mod inject;
mod overlay;
mod policy;
mod rebuild;
mod reload;
mod watch;

use crate::console::{err, errln};
use crate::diag::Lang;
use rebuild::{Report, Work};
use std::io;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

pub(crate) struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port (printed on stderr).
    pub port: u16,
    /// Also keep a copy of the site in this folder, updated file by file.
    pub out: Option<PathBuf>,
    /// `--out` may be a non-empty folder sopkb did not write (its files are kept).
    pub force: bool,
    /// Language of the overlay and messages (default: the site's).
    pub lang: Option<Lang>,
}

/// Why `serve` stopped. `Display` is the message printed after `sopkb: `.
#[derive(Debug)]
pub(crate) enum ServeError {
    /// `--out` refused (before anything was built) or failed.
    Output(crate::output::OutputError),
    /// The first copy of the site into `--out` failed.
    Mirror(crate::output::OutputError),
    /// `path` cannot be made absolute.
    Path { path: PathBuf, source: io::Error },
    /// `--out` lies in a watched folder: each write would rebuild.
    WatchedOut { out: PathBuf },
    /// The file watcher cannot start (or cannot watch `path`).
    Watch {
        path: Option<PathBuf>,
        source: notify::Error,
    },
    /// The file watcher stopped.
    WatchStopped,
    /// Nothing can listen on `bind:port`.
    Bind {
        bind: IpAddr,
        port: u16,
        source: io::Error,
    },
    /// The listener or the thread accepting connections failed.
    Io(io::Error),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServeError::Output(e) | ServeError::Mirror(e) => e.fmt(f),
            ServeError::Path { path, source } => write!(f, "{}: {source}", path.display()),
            ServeError::WatchedOut { out } => write!(
                f,
                "--out {}: tidak boleh di dalam folder yang dipantau / must not be inside a watched folder ({})",
                out.display(),
                watch::WATCHED_DIRS.join(", ")
            ),
            ServeError::Watch { path: None, source } => source.fmt(f),
            ServeError::Watch {
                path: Some(path),
                source,
            } => write!(f, "{}: {source}", path.display()),
            ServeError::WatchStopped => f.write_str("file watcher stopped"),
            ServeError::Bind { bind, port, source } => write!(f, "{bind}:{port}: {source}"),
            ServeError::Io(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ServeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ServeError::Output(e) | ServeError::Mirror(e) => Some(e),
            ServeError::Path { source, .. } | ServeError::Bind { source, .. } => Some(source),
            ServeError::Watch { source, .. } => Some(source),
            ServeError::Io(e) => Some(e),
            ServeError::WatchedOut { .. } | ServeError::WatchStopped => None,
        }
    }
}

/// Runs until killed; `Err` for failures that stop it (port taken, …).
pub(crate) fn run(mut opts: ServeOptions) -> Result<(), ServeError> {
    // Watcher events carry absolute paths: a relative `--root` would match
    // none of them (and nothing would ever rebuild).
    opts.root = absolute(&opts.root)?;
    // The same rules as `build --out`, checked before anything is built.
    let target = match &opts.out {
        Some(out) => Some(
            crate::output::Target::prepare(&opts.root, out, opts.force)
                .map_err(ServeError::Output)?,
        ),
        None => None,
    };
    if let Some(t) = &target {
        // Covered by `prepare` (inputs include the watched folders); kept
        // as the watcher's own rule.
        refuse_watched_out(&opts.root, t.dir())?;
        // A signal ends `serve` only between two updates of the folder.
        crate::output::interrupt::exit_on_signal();
    }
    // Watch first: nothing saved during the first build is missed.
    let mut watch = watch::Watch::start(&opts.root)?;
    let mut builder = rebuild::Builder::new(opts.root.clone(), opts.lang);
    let report = builder.initial();
    let live = Arc::new(Live::new(builder.site()));
    let mut mirror = target.map(Mirror::new);
    if let Some(m) = &mut mirror {
        m.update(&builder.site(), &report)
            .map_err(ServeError::Mirror)?;
    }
    print_report(&report, true);
    let listener = TcpListener::bind(SocketAddr::new(opts.bind, opts.port)).map_err(|source| {
        ServeError::Bind {
            bind: opts.bind,
            port: opts.port,
            source,
        }
    })?;
    let addr = listener.local_addr().map_err(ServeError::Io)?;
    let app = Arc::new(App {
        live: Arc::clone(&live),
        loopback: opts.bind.is_loopback(),
    });
    // One thread runs every connection: the answers are copies from memory.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(ServeError::Io)?;
    std::thread::Builder::new()
        .name("sopkb-http".into())
        .spawn(move || {
            if let Err(e) = runtime.block_on(http::serve(listener, app)) {
                errln!("sopkb: {e}");
            }
        })
        .map_err(ServeError::Io)?;
    errln!(
        "{}",
        match report.lang {
            Lang::Id => format!("sopkb: melayani http://{addr}/ (Ctrl+C untuk berhenti)"),
            Lang::En => format!("sopkb: serving http://{addr}/ (Ctrl+C to stop)"),
        }
    );
    if !opts.bind.is_loopback() {
        errln!(
            "{}",
            match report.lang {
                Lang::Id => "sopkb: peringatan: pratinjau terbuka bagi jaringan (--bind)",
                Lang::En => "sopkb: warning: the preview is open to the network (--bind)",
            }
        );
    }
    loop {
        let Some(batch) = watch.next_batch() else {
            return Err(ServeError::WatchStopped);
        };
        if batch.is_empty() {
            continue;
        }
        builder.apply(&batch, &mut |site, report| {
            let overlay_changed = live.snapshot().site.overlay != site.overlay;
            // A save without a change reloads nothing.
            if !report.changed.is_empty() || !report.removed.is_empty() || overlay_changed {
                let pages = reload::scope(&report.changed, &report.removed, overlay_changed);
                let build = live.publish(site.clone());
                live.hub
                    .announce(&reload::message(&build, pages.as_deref()));
                if let Some(m) = &mut mirror {
                    if let Err(e) = m.update(site, &report) {
                        errln!("sopkb: {e}");
                    }
                }
            }
            print_report(&report, false);
        });
    }
}

fn absolute(p: &Path) -> Result<PathBuf, ServeError> {
    std::path::absolute(p).map_err(|source| ServeError::Path {
        path: p.to_path_buf(),
        source,
    })
}

/// An output folder inside a watched folder would rebuild forever.
fn refuse_watched_out(root: &Path, out: &Path) -> Result<(), ServeError> {
    let root = absolute(root)?;
    let inside = out == root
        || watch::WATCHED_DIRS
            .iter()
            .any(|d| out.starts_with(root.join(d)));
    if inside {
        return Err(ServeError::WatchedOut {
            out: out.to_path_buf(),
        });
    }
    Ok(())
}

/// What HTTP threads read: the current snapshot, swapped whole.
struct Live {
    current: RwLock<Arc<Snapshot>>,
    hub: reload::Hub,
    /// Distinguishes this server from a restarted one in build ids.
    instance: String,
    count: AtomicU64,
}

struct Snapshot {
    /// Id of this build, announced to tabs and written into each page.
    build: String,
    site: rebuild::Site,
}

impl Live {
    fn new(site: rebuild::Site) -> Live {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let instance = format!("{:x}", nanos ^ u128::from(std::process::id()));
        Live {
            current: RwLock::new(Arc::new(Snapshot {
                build: format!("{instance}-0"),
                site,
            })),
            hub: reload::Hub::default(),
            instance,
            count: AtomicU64::new(0),
        }
    }

    fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(&self.current.read().unwrap_or_else(|e| e.into_inner()))
    }

    /// Makes `site` current; returns its build id.
    fn publish(&self, site: rebuild::Site) -> String {
        let n = self.count.fetch_add(1, Ordering::SeqCst) + 1;
        let build = format!("{}-{n}", self.instance);
        let snap = Arc::new(Snapshot {
            build: build.clone(),
            site,
        });
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = snap;
        build
    }
}

/// The `sw.js` of `serve`: drops the caches of a worker installed earlier
/// on this address, unregisters and reloads the pages it controlled.
const RETIRE_SW: &str = "// sopkb serve: no offline cache in live preview.
self.addEventListener('install', function () { self.skipWaiting(); });
self.addEventListener('activate', function (e) {
  e.waitUntil(caches.keys()
    .then(function (keys) { return Promise.all(keys.map(function (k) { return caches.delete(k); })); })
    .then(function () { return self.registration.unregister(); })
    .then(function () { return self.clients.matchAll({ type: 'window' }); })
    .then(function (all) { all.forEach(function (c) { c.navigate(c.url); }); }));
});
";

/// Answers requests from the current snapshot.
struct App {
    live: Arc<Live>,
    /// Served on a loopback address: requests must name it (`Host`).
    loopback: bool,
}

impl http::Handler for App {
    fn allows_host(&self, host: Option<&str>) -> bool {
        policy::allows_host(self.loopback, host)
    }

    fn get(&self, path: &str, raw: &str) -> http::Reply {
        let snap = self.live.snapshot();
        if path.starts_with("__sopkb/") {
            return match path {
                reload::SCRIPT_PATH => http::Reply::Body {
                    status: 200,
                    name: path.into(),
                    body: reload::RELOAD_JS.as_bytes().to_vec(),
                },
                overlay::CSS_PATH => http::Reply::Body {
                    status: 200,
                    name: path.into(),
                    body: overlay::CSS.as_bytes().to_vec(),
                },
                reload::EVENTS_PATH => {
                    // Subscribe before reading the build id: no build is missed.
                    let updates = self.live.hub.subscribe();
                    let current = reload::message(&self.live.snapshot().build, None);
                    http::Reply::Stream(reload::events(current, updates))
                }
                _ => not_found(&snap),
            };
        }
        // Live preview has no offline worker: a cache would show stale
        // pages. One a build served on this address once installed is
        // told to remove itself (site.js does not register one here).
        if path == crate::render::offline::SW_PATH {
            return http::Reply::Body {
                status: 200,
                name: path.into(),
                body: RETIRE_SW.as_bytes().to_vec(),
            };
        }
        let key = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_owned()
        };
        if let Some(bytes) = rebuild::lookup(&snap.site, &key) {
            return page(&snap, 200, &key, bytes);
        }
        if !path.is_empty()
            && !path.ends_with('/')
            && rebuild::lookup(&snap.site, &format!("{path}/index.html")).is_some()
        {
            return http::Reply::Redirect(format!("{raw}/"));
        }
        not_found(&snap)
    }
}

/// A site file as served: HTML pages get the reload script and, while the
/// content does not build, the overlay.
fn page(snap: &Snapshot, status: u16, name: &str, bytes: &[u8]) -> http::Reply {
    let body = if http::content_type(name).starts_with("text/html") {
        let mut head = reload::script_tag(&snap.build);
        let mut body = String::new();
        if let Some(o) = &snap.site.overlay {
            head.push_str(&overlay::head_tag());
            body.push_str(o);
        }
        inject::inject(bytes, &head, &body)
    } else {
        bytes.to_vec()
    };
    http::Reply::Body {
        status,
        name: name.to_owned(),
        body,
    }
}

fn not_found(snap: &Snapshot) -> http::Reply {
    if let Some(bytes) = rebuild::lookup(&snap.site, "404.html") {
        return page(snap, 404, "404.html", bytes);
    }
    if snap.site.files.is_empty() {
        // Nothing has built yet: every page is the overlay.
        let html = b"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>sopkb</title></head><body><main><h1>sopkb</h1></main></body></html>";
        return page(snap, 503, "index.html", html);
    }
    page(snap, 404, "404.html", b"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>404</title></head><body><h1>404</h1></body></html>")
}

/// The `--out` copy of the site: written whole by the first good build,
/// then file by file (only what changed), always by `output`'s rules.
struct Mirror {
    target: Option<crate::output::Target>,
    written: Option<crate::output::Written>,
}

impl Mirror {
    fn new(target: crate::output::Target) -> Mirror {
        Mirror {
            target: Some(target),
            written: None,
        }
    }

    fn update(
        &mut self,
        site: &rebuild::Site,
        report: &Report,
    ) -> Result<(), crate::output::OutputError> {
        if site.files.is_empty() {
            return Ok(()); // never replace a site with nothing
        }
        let _changing = crate::output::interrupt::changing();
        if let Some(w) = &mut self.written {
            let changed = report
                .changed
                .iter()
                .filter_map(|k| rebuild::lookup(site, k).map(|b| (k.as_str(), b)));
            return w.update(changed, report.removed.iter().map(String::as_str));
        }
        let Some(target) = self.target.clone() else {
            return Ok(());
        };
        // A failed first write is tried again by the next rebuild.
        let written = target
            .begin()
            .and_then(|s| s.commit(&rebuild::all_files(site), &[]))?;
        self.written = Some(written);
        self.target = None;
        Ok(())
    }
}

fn print_report(r: &Report, first: bool) {
    let ms = r.elapsed.as_secs_f64() * 1000.0;
    let n = r.changed.len() + r.removed.len();
    if let Some(text) = &r.failure {
        err!("{text}");
        errln!(
            "{}",
            match r.lang {
                Lang::Id =>
                    "sopkb: build gagal; halaman menampilkan kesalahannya sampai diperbaiki",
                Lang::En => "sopkb: build failed; pages show the errors until fixed",
            }
        );
        return;
    }
    if let Some(text) = &r.new_warnings {
        err!("{text}");
    }
    let what = match (&r.work, r.lang) {
        (Work::Preview(sops), Lang::Id) => format!("pratinjau {} siap", sops.join(", ")),
        (Work::Preview(sops), Lang::En) => format!("preview of {} ready", sops.join(", ")),
        (Work::Statics, Lang::Id) => "berkas static/ dibaca ulang".to_owned(),
        (Work::Statics, Lang::En) => "static/ files read again".to_owned(),
        (Work::Partial { rendered, reused }, Lang::Id) => {
            format!("dibangun ulang sebagian ({rendered} SOP dirender, {reused} dipakai ulang)")
        }
        (Work::Partial { rendered, reused }, Lang::En) => {
            format!("partly rebuilt ({rendered} SOPs rendered, {reused} reused)")
        }
        (_, Lang::Id) if first => "dibangun".to_owned(),
        (_, Lang::En) if first => "built".to_owned(),
        (_, Lang::Id) => "dibangun ulang".to_owned(),
        (_, Lang::En) => "rebuilt".to_owned(),
    };
    let tail = match r.lang {
        Lang::Id => format!(
            "dalam {ms:.0} ms; {n} berkas berubah; {} peringatan",
            r.warnings
        ),
        Lang::En => format!("in {ms:.0} ms; {n} files changed; {} warnings", r.warnings),
    };
    errln!("sopkb: {what} {tail}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_output_folder_inside_a_watched_folder_is_refused() {
        let root = Path::new("/p");
        assert!(refuse_watched_out(root, Path::new("/p/static/out")).is_err());
        assert!(refuse_watched_out(root, Path::new("/p/content")).is_err());
        assert!(refuse_watched_out(root, Path::new("/p")).is_err());
        assert!(refuse_watched_out(root, Path::new("/p/public")).is_ok());
        assert!(refuse_watched_out(root, Path::new("/tmp/site")).is_ok());
    }
}
